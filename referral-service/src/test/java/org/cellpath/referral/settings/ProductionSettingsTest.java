package org.cellpath.referral.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cellpath.referral.ReferralApplication;
import org.cellpath.settings.ServiceStartRefusals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * referral-service started for real outside the local profile: each secret missing or a published
 * demo value, and the local token issuer, stops the start naming the setting; real-looking settings
 * get past the check (the cases are every service's: {@link ServiceStartRefusals}). With the local
 * profile and no setting at all it starts: {@code LocalProfileStartIT}.
 */
class ProductionSettingsTest extends ServiceStartRefusals {

  @Override
  protected Class<?> application() {
    return ReferralApplication.class;
  }

  @Override
  protected Map<String, String> ownSettings() {
    return Map.of("PATIENT_LINK_KEY", "wPMrZH4Bp6xyiIQ8SzPc6HkGhcl4LzNix97hcfbCiMw=");
  }

  @Override
  protected List<String> ownSettingsNotSet() {
    return List.of("PATIENT_LINK_KEY is not set");
  }

  /** With the published key anyone could open any patient's questionnaire and answer it. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      PATIENT_LINK_KEY |                                              | PATIENT_LINK_KEY is not set
      PATIENT_LINK_KEY | Y2VsbHBhdGgtbG9jYWwtb25seS1wYXRpZW50LWxpbms= | PATIENT_LINK_KEY is a demo value published with CellPath
      """)
  void outsideTheLocalProfileAMissingOrPublishedLinkKeyStopsTheStart(
      String variable, String value, String problem) {
    assertThat(startWith(Map.of(variable, value == null ? "" : value)).problems())
        .containsExactly(problem);
  }
}
