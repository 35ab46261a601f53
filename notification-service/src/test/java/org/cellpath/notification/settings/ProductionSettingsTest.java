package org.cellpath.notification.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cellpath.notification.NotificationApplication;
import org.cellpath.settings.ServiceStartRefusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * notification-service started for real outside the local profile: every service's cases ({@link
 * ServiceStartRefusals}), and its own secrets, the SMS webhook's and the SMS provider's, missing or
 * a published demo value. With the local profile and no setting at all it starts: {@code
 * LocalProfileStartIT}.
 */
class ProductionSettingsTest extends ServiceStartRefusals {

  @Override
  protected Class<?> application() {
    return NotificationApplication.class;
  }

  @Override
  protected Map<String, String> ownSettings() {
    return Map.of(
        "SMS_INBOUND_SECRET",
        "b7f0c2e9a4d1-shared-with-the-sms-provider",
        // the service mints patient links
        "PATIENT_LINK_KEY",
        "bm90aWZpY2F0aW9uLXRlc3QtcGF0aWVudC1saW5rISE=");
  }

  @Override
  protected List<String> ownSettingsNotSet() {
    return List.of(
        "SMS_INBOUND_SECRET (cellpath.notifications.sms.inbound-secret) is not set",
        "PATIENT_LINK_KEY is not set");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      SMS_INBOUND_SECRET    |                                              | SMS_INBOUND_SECRET (cellpath.notifications.sms.inbound-secret) is not set
      SMS_INBOUND_SECRET    | local-only-sms-inbound-secret                | SMS_INBOUND_SECRET (cellpath.notifications.sms.inbound-secret) is a demo value published with CellPath
      SMS_PROVIDER_API_KEY  | local-only-key                               | SMS_PROVIDER_API_KEY (cellpath.notifications.sms-provider.api-key) is a demo value published with CellPath
      """)
  void itsOwnSecretsMissingOrDemoStopTheStartNamingThem(
      String variable, String value, String problem) {
    assertThat(startWith(Map.of(variable, value == null ? "" : value)).problems())
        .containsExactly(problem);
  }

  @Test
  void anSmsProviderKeyMayBeLeftOutWhereThereIsNoProvider() {
    assertThat(startWith(Map.of("SMS_PROVIDER_API_KEY", "")).refused()).isFalse();
  }
}
