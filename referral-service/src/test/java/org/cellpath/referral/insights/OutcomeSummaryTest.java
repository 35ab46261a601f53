package org.cellpath.referral.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.outcomes.Subscale;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.HealthFactor;
import org.junit.jupiter.api.Test;

/** Grouping and withholding, on cases made in memory. */
class OutcomeSummaryTest {

  /** A case answered at baseline (pain 8) and at 6 weeks (pain {@code later}). */
  private static OutcomeCase answered(int later, Set<HealthFactor> factors, boolean synthetic) {
    return new OutcomeCase(
        UUID.randomUUID(),
        Condition.ACHILLES_TENDON_INJURY,
        CellSource.BONE_MARROW,
        AgeBand.FROM_40_TO_59,
        GradeBand.NOT_GRADED,
        factors,
        EnumSet.of(SurveyTimePoint.BASELINE, SurveyTimePoint.WEEK_6),
        EnumSet.noneOf(SurveyTimePoint.class),
        Map.of(
            SurveyTimePoint.BASELINE, Map.of(Subscale.NRS_PAIN, new BigDecimal("8")),
            SurveyTimePoint.WEEK_6, Map.of(Subscale.NRS_PAIN, BigDecimal.valueOf(later))),
        synthetic);
  }

  private static List<OutcomeCase> cases(int count) {
    List<OutcomeCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      cases.add(answered(8 - i, Set.of(), false));
    }
    return cases;
  }

  private static OutcomeSummary.Group all(OutcomeSummary summary) {
    return summary.groups().get(0);
  }

  @Test
  void fourCasesGiveNoNumberAtAllNotEvenTheirCount() {
    OutcomeSummary.Group group = all(OutcomeSummary.of(cases(4), OutcomeFilter.NONE));

    assertThat(group.tooFew()).isTrue();
    assertThat(group.cases()).isNull();
    OutcomeSummary.TimePointFigures week6 = group.timePoints().get(1);
    assertThat(week6.tooFew()).isTrue();
    assertThat(week6.answered()).isNull();
    assertThat(week6.missed()).isNull();
    assertThat(week6.responseRate()).isNull();
    OutcomeSummary.SubscaleFigures pain = week6.subscales().get(0);
    assertThat(pain.tooFew()).isTrue();
    assertThat(pain.n()).isNull();
    assertThat(pain.medianChange()).isNull();
    assertThat(pain.lowerQuartile()).isNull();
    assertThat(pain.upperQuartile()).isNull();
    assertThat(pain.shareMeaningful()).isNull();
  }

  @Test
  void fiveCasesGiveTheirFigures() {
    // improvements 0, 1, 2, 3, 4
    OutcomeSummary.Group group = all(OutcomeSummary.of(cases(5), OutcomeFilter.NONE));

    assertThat(group.cases()).isEqualTo(5);
    OutcomeSummary.TimePointFigures week6 = group.timePoints().get(1);
    assertThat(week6.responseRate()).isEqualByComparingTo("1");
    OutcomeSummary.SubscaleFigures pain = week6.subscales().get(0);
    assertThat(pain.subscale()).isEqualTo("NRS_PAIN");
    assertThat(pain.n()).isEqualTo(5);
    assertThat(pain.medianChange()).isEqualByComparingTo("2");
    assertThat(pain.shareMeaningful()).isEqualByComparingTo("0.6");
  }

  @Test
  void aCaseWithSeveralHealthFactorsCountsInEachAndOneWithNoneInNone() {
    List<OutcomeCase> cases = cases(5);
    cases.add(answered(2, Set.of(HealthFactor.SMOKING, HealthFactor.DIABETES), true));

    OutcomeSummary summary = OutcomeSummary.of(cases, OutcomeFilter.NONE);

    assertThat(summary.cases()).isEqualTo(6);
    assertThat(summary.syntheticCases()).isEqualTo(1);
    assertThat(
            summary.groups().stream()
                .filter(g -> g.dimension() == OutcomeSummary.Dimension.HEALTH_FACTOR)
                .map(OutcomeSummary.Group::value))
        .containsExactly("DIABETES", "NONE", "SMOKING");
  }

  @Test
  void aTimePointFilterLeavesTheOthersOut() {
    OutcomeSummary summary =
        OutcomeSummary.of(
            cases(5), new OutcomeFilter(null, null, null, null, SurveyTimePoint.WEEK_6));

    assertThat(all(summary).timePoints())
        .extracting(OutcomeSummary.TimePointFigures::timePoint)
        .containsExactly(SurveyTimePoint.WEEK_6);
  }

  @Test
  void theCsvNamesTheSameFiguresAndSaysTooFewWhereTheJsonHasNone() {
    String csv = SummaryCsv.of(OutcomeSummary.of(cases(5), OutcomeFilter.NONE));
    String few = SummaryCsv.of(OutcomeSummary.of(cases(4), OutcomeFilter.NONE));

    assertThat(csv)
        .contains("ALL,ALL,WEEK_6,,,5,0,1.0000,,,,,,,,0")
        .contains("ALL,ALL,WEEK_6,PAIN_NRS,NRS_PAIN,,,,5,2.00,1.00,3.00,0.6000,2,,0");
    assertThat(few)
        .contains("ALL,ALL,WEEK_6,,,,,,,,,,,,too few to judge,0")
        .contains("ALL,ALL,WEEK_6,PAIN_NRS,NRS_PAIN,,,,,,,,,2,too few to judge,0");
  }
}
