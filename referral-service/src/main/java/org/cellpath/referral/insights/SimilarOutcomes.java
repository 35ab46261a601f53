package org.cellpath.referral.insights;

import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.ReferralDetails;
import org.jspecify.annotations.Nullable;

/**
 * The clinic's outcomes of past cases like the one under review (docs/domain.md §9): the same
 * condition, grade band (where the condition has a grade), age band and cell source. What happened
 * to others, never a prediction for this patient; under {@link Statistics#MINIMUM_GROUP} similar
 * cases, no figure at all.
 *
 * @param criteria what "similar" meant for this case
 * @param enough whether there were enough similar cases for figures
 * @param cases how many similar cases; null when not enough
 * @param syntheticCases how many of them are demo cases; null when not enough
 * @param timePoints the figures per follow-up time point; empty when not enough
 */
public record SimilarOutcomes(
    Criteria criteria,
    boolean enough,
    @Nullable Integer cases,
    @Nullable Integer syntheticCases,
    List<OutcomeSummary.TimePointFigures> timePoints) {

  /**
   * @param gradeBand {@code NOT_GRADED} when the condition records no grade: then not matched on
   * @param cellSource the referral's preferred cell source; null when it has no preference, and
   *     then not matched on
   */
  public record Criteria(
      Condition condition, GradeBand gradeBand, AgeBand ageBand, @Nullable CellSource cellSource) {

    static Criteria of(ReferralDetails details, AgeBand ageBand) {
      CellSource preferred = details.preferredCellSource();
      return new Criteria(
          details.condition(),
          GradeBand.of(details.kellgrenLawrenceGrade()),
          ageBand,
          preferred == null || preferred == CellSource.NO_PREFERENCE ? null : preferred);
    }

    boolean matches(OutcomeCase outcome) {
      return condition == outcome.condition()
          && ageBand == outcome.ageBand()
          && (gradeBand == GradeBand.NOT_GRADED || gradeBand == outcome.gradeBand())
          && (cellSource == null || cellSource == outcome.cellSource());
    }
  }

  static SimilarOutcomes of(Criteria criteria, UUID referralId, List<OutcomeCase> all) {
    List<OutcomeCase> similar =
        all.stream()
            .filter(outcome -> !outcome.referralId().equals(referralId))
            .filter(criteria::matches)
            .toList();
    if (!Statistics.enough(similar.size())) {
      return new SimilarOutcomes(criteria, false, null, null, List.of());
    }
    return new SimilarOutcomes(
        criteria,
        true,
        similar.size(),
        (int) similar.stream().filter(OutcomeCase::synthetic).count(),
        OutcomeSummary.figures(similar, OutcomeFilter.NONE).stream()
            .filter(point -> point.timePoint() != SurveyTimePoint.BASELINE)
            .toList());
  }
}
