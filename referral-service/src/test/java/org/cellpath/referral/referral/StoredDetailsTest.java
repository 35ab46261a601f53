package org.cellpath.referral.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellpath.referral.ReferralFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class StoredDetailsTest {

  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  @Test
  void aReferralReadsBackAsItWasStored() {
    ReferralDetails details = ReferralFixtures.likelyEligibleAchilles();

    String stored = json.writeValueAsString(StoredDetails.of(details));

    assertThat(json.readValue(stored, StoredDetails.class).toDetails()).isEqualTo(details);
    assertThat(json.readTree(stored).get("physician").get("npi").asString())
        .isEqualTo(ReferralFixtures.NPI);
    assertThat(json.readTree(stored).get("patient").get("mobilePhone").asString())
        .isEqualTo("+14155550123");
  }

  @Test
  void aBlankAddressStoredBeforeIsNoAddressAndAFieldNoLongerWrittenIsIgnored() {
    ReferralDetails details = ReferralFixtures.likelyEligibleAchilles();
    String stored =
        json.writeValueAsString(StoredDetails.of(details))
            .replace("\"ana.rivera@example.org\"", "\"\"")
            .replaceFirst("\\{", "{\"retired\":1,");

    ReferralDetails read =
        json.readerFor(StoredDetails.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .<StoredDetails>readValue(stored)
            .toDetails();

    assertThat(read.patient().email()).isNull();
    assertThat(read.patient().mobilePhone()).isEqualTo(details.patient().mobilePhone());
  }
}
