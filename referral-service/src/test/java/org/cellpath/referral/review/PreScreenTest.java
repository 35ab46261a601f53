package org.cellpath.referral.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.referral.ReferralFixtures.TODAY;

import java.util.List;
import java.util.Set;
import org.cellpath.contracts.Recommendation;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.CareResult;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.Modality;
import org.cellpath.referral.referral.ReferralDetails.ConservativeCare;
import org.junit.jupiter.api.Test;

class PreScreenTest {

  private final PreScreen preScreen = PreScreen.standard();

  @Test
  void recommendsAnExhaustedUncomplicatedCaseAsLikelyEligible() {
    PreScreen.Result result = preScreen.assess(ReferralFixtures.likelyEligibleAchilles(), TODAY);

    assertThat(result.recommendation()).isEqualTo(Recommendation.LIKELY_ELIGIBLE);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void findsConservativeCareNotExhaustedWhenItBeganLessThanThreeMonthsAgo() {
    var referral =
        ReferralFixtures.achilles(
            List.of(
                new ConservativeCare(
                    Modality.PHYSICAL_THERAPY,
                    TODAY.minusMonths(2),
                    null,
                    CareResult.NO_IMPROVEMENT),
                new ConservativeCare(
                    Modality.CORTICOSTEROID_INJECTION,
                    TODAY.minusMonths(1),
                    TODAY.minusMonths(1),
                    CareResult.TEMPORARY_IMPROVEMENT)),
            Set.of(),
            true);

    PreScreen.Result result = preScreen.assess(referral, TODAY);

    assertThat(result.recommendation()).isEqualTo(Recommendation.NOT_ELIGIBLE);
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.code()).isEqualTo("CONSERVATIVE_CARE_NOT_EXHAUSTED");
              assertThat(finding.sentence()).contains("at least 3 months");
            });
  }

  @Test
  void anActiveInfectionOutweighsABleedingRisk() {
    var referral =
        ReferralFixtures.achilles(
            ReferralFixtures.likelyEligibleAchilles().conservativeCare(),
            Set.of(HealthFactor.ACTIVE_INFECTION, HealthFactor.ANTICOAGULANT_USE),
            true);

    PreScreen.Result result = preScreen.assess(referral, TODAY);

    assertThat(result.recommendation()).isEqualTo(Recommendation.NOT_ELIGIBLE);
    assertThat(result.findings())
        .extracting(Finding::code)
        .containsExactlyInAnyOrder("ACTIVE_INFECTION", "ANTICOAGULANT_USE");
  }

  @Test
  void keepsInformationalFindingsWithoutChangingTheRecommendation() {
    var referral =
        ReferralFixtures.achilles(
            ReferralFixtures.likelyEligibleAchilles().conservativeCare(),
            Set.of(HealthFactor.SMOKING),
            false);

    PreScreen.Result result = preScreen.assess(referral, TODAY);

    assertThat(result.recommendation()).isEqualTo(Recommendation.LIKELY_ELIGIBLE);
    assertThat(result.findings())
        .extracting(Finding::code)
        .containsExactlyInAnyOrder("SMOKING", "SELF_PAY_NOT_ACKNOWLEDGED");
  }
}
