package org.cellpath.referral.insights;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.outcomes.Change;
import org.cellpath.referral.outcomes.Subscale;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.HealthFactor;

/**
 * One past case as the figures read it: what it is grouped by, which questionnaires were answered
 * or missed, and the scores of the answered ones. Held in memory while figures are computed; never
 * returned, never logged.
 *
 * @param cellSource the cell source the review approved, or the referral's preferred one when no
 *     approval recorded one
 * @param answered the time points answered (submitted)
 * @param missed the time points that closed unanswered
 * @param scores per answered time point, each subscale's score (subscales without one absent)
 * @param synthetic a demo case (the patient's family name starts with {@value #SYNTHETIC_PREFIX})
 */
record OutcomeCase(
    UUID referralId,
    Condition condition,
    CellSource cellSource,
    AgeBand ageBand,
    GradeBand gradeBand,
    Set<HealthFactor> healthFactors,
    Set<SurveyTimePoint> answered,
    Set<SurveyTimePoint> missed,
    Map<SurveyTimePoint, Map<Subscale, BigDecimal>> scores,
    boolean synthetic) {

  static final String SYNTHETIC_PREFIX = "Synthetic-";

  /**
   * The change of every subscale scored both at baseline and at {@code timePoint}, read in the
   * subscale's own direction.
   */
  List<Change> changesAt(SurveyTimePoint timePoint) {
    Map<Subscale, BigDecimal> baseline = scores.getOrDefault(SurveyTimePoint.BASELINE, Map.of());
    Map<Subscale, BigDecimal> later = scores.getOrDefault(timePoint, Map.of());
    return baseline.entrySet().stream()
        .filter(entry -> later.containsKey(entry.getKey()))
        .map(entry -> new Change(entry.getKey(), entry.getValue(), later.get(entry.getKey())))
        .toList();
  }
}
