package org.cellpath.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.referral.outcomes.OutcomeFixtures.faos;
import static org.cellpath.referral.outcomes.OutcomeFixtures.faosAll;
import static org.cellpath.referral.outcomes.OutcomeFixtures.nrs;
import static org.cellpath.referral.outcomes.OutcomeFixtures.visaA;
import static org.cellpath.referral.outcomes.OutcomeFixtures.visaAScores;
import static org.cellpath.referral.outcomes.OutcomeFixtures.with;

import java.util.List;
import org.cellpath.referral.outcomes.TwelveWeekFinding.Code;
import org.junit.jupiter.api.Test;

/** The 12-week rule (docs/domain.md §9.4) at its edges. */
class TwelveWeekRuleTest {

  /** Every FAOS subscale 50 at baseline (every item 2); pain 6 out of 10. */
  private static List<Scores> baseline() {
    return List.of(nrs(6), faos(faosAll(2)));
  }

  /** Every FAOS subscale 75 at 12 weeks (every item 1), well past 10 points; pain down to 3. */
  private static List<Scores> improvedEverywhere() {
    return List.of(nrs(3), faos(faosAll(1)));
  }

  @Test
  void opensNoTaskWhenEverySubscaleImprovedByItsMeaningfulDifferenceOrMore() {
    TwelveWeekReview review = TwelveWeekRule.assess(baseline(), improvedEverywhere());

    assertThat(review.opensClinicianTask()).isFalse();
    assertThat(review.findings()).isEmpty();
    assertThat(review.notCompared()).isEmpty();
  }

  @Test
  void countsAFaosChangeOfExactlyTenPointsAsMeaningful() {
    // Sport/Rec 1,1,2,2,2: sum 8, mean 1.6, x 25 = 40, 100 - 40 = 60; from 50 that is exactly 10
    var later = with(faosAll(1), Subscale.FAOS_SPORT_REC, 1, 1, 2, 2, 2);

    TwelveWeekReview review = TwelveWeekRule.assess(baseline(), List.of(nrs(3), faos(later)));

    assertThat(review.opensClinicianTask()).isFalse();
  }

  @Test
  void opensATaskWhenAFaosSubscaleImprovedByLessThanTen() {
    // Pain: 6 items 1 and 3 items 2, sum 12, mean 1.3333, x 25 = 33.33, 100 - 33.33 = 66.67; and
    // Sport/Rec 1,2,2,2,2: sum 9, mean 1.8, x 25 = 45, 100 - 45 = 55: from 50, 5 points
    var later =
        with(
            with(faosAll(1), Subscale.FAOS_PAIN, 1, 1, 1, 1, 1, 1, 2, 2, 2),
            Subscale.FAOS_SPORT_REC,
            1,
            2,
            2,
            2,
            2);

    TwelveWeekReview review = TwelveWeekRule.assess(baseline(), List.of(nrs(3), faos(later)));

    assertThat(review.opensClinicianTask()).isTrue();
    assertThat(review.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.code()).isEqualTo(Code.BELOW_MEANINGFUL_DIFFERENCE);
              assertThat(finding.subscale()).isEqualTo(Subscale.FAOS_SPORT_REC);
              assertThat(finding.sentence())
                  .isEqualTo(
                      "FAOS Sport/Rec went from 50 to 55, less than the 10 points of improvement"
                          + " that matter.");
            });
  }

  @Test
  void opensATaskWhenPainRoseByExactlyTwo() {
    TwelveWeekReview review = TwelveWeekRule.assess(baseline(), List.of(nrs(8), faos(faosAll(1))));

    assertThat(review.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.code()).isEqualTo(Code.PAIN_UP);
              assertThat(finding.sentence())
                  .isEqualTo(
                      "Worst pain in the last week rose from 6 to 8 out of 10 since baseline.");
            });
  }

  @Test
  void findsPainUpByOneBelowTheMeaningfulDifferenceRatherThanAWorsening() {
    TwelveWeekReview review = TwelveWeekRule.assess(baseline(), List.of(nrs(7), faos(faosAll(1))));

    assertThat(review.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.code()).isEqualTo(Code.BELOW_MEANINGFUL_DIFFERENCE);
              assertThat(finding.sentence())
                  .isEqualTo(
                      "pain NRS went from 6 to 7, less than the 2 points of improvement that"
                          + " matter.");
            });
  }

  @Test
  void countsPainDownByExactlyTwoAsMeaningfulAndByOneAsNot() {
    assertThat(
            TwelveWeekRule.assess(baseline(), List.of(nrs(4), faos(faosAll(1))))
                .opensClinicianTask())
        .isFalse();
    assertThat(
            TwelveWeekRule.assess(baseline(), List.of(nrs(5), faos(faosAll(1))))
                .opensClinicianTask())
        .isTrue();
  }

  @Test
  void readsTheVisaAAgainstItsFourteenPoints() {
    // baseline 5 x 6 + 4 + 8B 10 = 44; later +14 = 58 (7 at 10 instead of 4 is +6, 8B 14 is +4,
    // question 1 at 9 instead of 5 is +4), and +13 = 57 with question 1 at 8
    var visaBefore = visaAScores(visaA(5, 5, 5, 5, 5, 5, 4, "8B", 10));
    var fourteenUp = visaAScores(visaA(9, 5, 5, 5, 5, 5, 10, "8B", 14));
    var thirteenUp = visaAScores(visaA(8, 5, 5, 5, 5, 5, 10, "8B", 14));

    assertThat(
            TwelveWeekRule.assess(
                    List.of(nrs(6), faos(faosAll(2)), visaBefore),
                    List.of(nrs(3), faos(faosAll(1)), fourteenUp))
                .opensClinicianTask())
        .isFalse();
    assertThat(
            TwelveWeekRule.assess(
                    List.of(nrs(6), faos(faosAll(2)), visaBefore),
                    List.of(nrs(3), faos(faosAll(1)), thirteenUp))
                .findings())
        .singleElement()
        .satisfies(finding -> assertThat(finding.subscale()).isEqualTo(Subscale.VISA_A_TOTAL));
  }

  @Test
  void listsWithoutATaskWhatItCannotCompare() {
    // Symptoms with three items missing at 12 weeks has no score; the VISA-A was only answered at
    // baseline
    var later = with(faosAll(1), Subscale.FAOS_SYMPTOMS, 1, 1, 1, 1, null, null, null);
    var visaBefore = visaAScores(visaA(5, 5, 5, 5, 5, 5, 4, "8B", 10));

    TwelveWeekReview review =
        TwelveWeekRule.assess(
            List.of(nrs(6), faos(faosAll(2)), visaBefore), List.of(nrs(3), faos(later)));

    assertThat(review.opensClinicianTask()).isFalse();
    assertThat(review.notCompared()).containsExactly(Subscale.FAOS_SYMPTOMS, Subscale.VISA_A_TOTAL);
  }

  @Test
  void findsASubscaleAlreadyAtItsBestBelowTheDifferenceAsTheRuleIsWritten() {
    TwelveWeekReview review =
        TwelveWeekRule.assess(List.of(faos(faosAll(0))), List.of(faos(faosAll(0))));

    assertThat(review.findings()).hasSize(5);
  }
}
