package org.cellpath.referral.outcomes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * At 12 weeks, a change smaller than the meaningful difference, or pain up by 2 or more, opens a
 * task for a clinician (docs/domain.md §9.4). Read subscale by subscale, each against its own
 * meaningful difference (NRS 2, each FAOS subscale 10, VISA-A 14):
 *
 * <ul>
 *   <li>NRS pain up by 2 or more since baseline is a worsening ({@code PAIN_UP});
 *   <li>any subscale whose improvement is smaller than its meaningful difference, no change and
 *       small worsenings included, did not reach what matters ({@code
 *       BELOW_MEANINGFUL_DIFFERENCE}). An improvement of exactly the difference reaches it.
 * </ul>
 *
 * <p>The rule says nothing of a subscale it cannot compare: it lists it, and whether a missed
 * 12-week questionnaire should itself open a task belongs to the time points (docs/outcomes.md). A
 * subscale already at its best at baseline cannot improve and is found below the difference, as the
 * rule is written; the clinician closes such a task.
 */
public final class TwelveWeekRule {

  private TwelveWeekRule() {}

  /**
   * @param baseline the case's baseline scores, one per instrument answered
   * @param twelveWeeks its scores at 12 weeks, one per instrument answered
   */
  public static TwelveWeekReview assess(List<Scores> baseline, List<Scores> twelveWeeks) {
    Map<Instrument, Scores> before = byInstrument(baseline);
    Map<Instrument, Scores> after = byInstrument(twelveWeeks);
    List<TwelveWeekFinding> findings = new ArrayList<>();
    List<Subscale> notCompared = new ArrayList<>();
    for (Instrument instrument : Instrument.values()) {
      Scores first = before.get(instrument);
      Scores then = after.get(instrument);
      if (first == null && then == null) {
        continue;
      }
      if (first == null || then == null) {
        notCompared.addAll(instrument.subscales());
        continue;
      }
      for (Change change : Change.between(first, then)) {
        if (!change.comparable()) {
          notCompared.add(change.subscale());
        } else if (change.subscale() == Subscale.NRS_PAIN && change.meaningfulWorsening()) {
          findings.add(
              new TwelveWeekFinding(
                  TwelveWeekFinding.Code.PAIN_UP,
                  change.subscale(),
                  "Worst pain in the last week rose from "
                      + points(change.baseline())
                      + " to "
                      + points(change.later())
                      + " out of 10 since baseline."));
        } else if (!change.meaningfulImprovement()) {
          findings.add(
              new TwelveWeekFinding(
                  TwelveWeekFinding.Code.BELOW_MEANINGFUL_DIFFERENCE,
                  change.subscale(),
                  change.subscale()
                      + " went from "
                      + points(change.baseline())
                      + " to "
                      + points(change.later())
                      + ", less than the "
                      + points(change.subscale().meaningfulDifference())
                      + " points of improvement that matter."));
        }
      }
    }
    return new TwelveWeekReview(findings, notCompared);
  }

  private static Map<Instrument, Scores> byInstrument(List<Scores> scores) {
    return scores.stream()
        .collect(
            Collectors.toMap(
                Scores::instrument,
                Function.identity(),
                (one, other) -> {
                  throw new IllegalArgumentException(
                      "two sets of scores for " + one.instrument() + " at one time point");
                }));
  }

  private static String points(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
