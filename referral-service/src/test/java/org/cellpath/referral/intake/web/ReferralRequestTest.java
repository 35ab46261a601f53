package org.cellpath.referral.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellpath.domain.Npi;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.ReferralDetails;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReferralRequestTest {

  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  @Test
  void aValidRequestBecomesTheReferralItDescribes() {
    ReferralDetails details = ReferralFixtures.likelyEligibleAchilles();
    ReferralRequest request =
        json.readValue(json.writeValueAsString(details), ReferralRequest.class);

    assertThat(request.physician().npi()).isEqualTo(ReferralFixtures.NPI);
    assertThat(request.toDetails()).isEqualTo(details);
    assertThat(request.toDetails().physician().npi()).isEqualTo(new Npi(ReferralFixtures.NPI));
  }

  @Test
  void aBlankPatientEmailIsNoAddress() {
    String body =
        json.writeValueAsString(ReferralFixtures.likelyEligibleAchilles())
            .replace("\"ana.rivera@example.org\"", "\"\"");

    ReferralDetails details = json.readValue(body, ReferralRequest.class).toDetails();

    assertThat(details.patient().email()).isNull();
    assertThat(details.patient().mobilePhone()).isNotNull();
  }
}
