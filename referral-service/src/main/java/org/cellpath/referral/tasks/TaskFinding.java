package org.cellpath.referral.tasks;

import java.math.BigDecimal;
import org.cellpath.referral.outcomes.Subscale;
import org.cellpath.referral.outcomes.TwelveWeekFinding;
import org.jspecify.annotations.Nullable;

/**
 * One reason a 12-week task is open, as stored: its code and, for a comparison, the subscale and
 * the two scores compared. The sentence is made from these when shown, so that the stored record
 * stays the numbers.
 */
public record TaskFinding(
    TaskReason code,
    @Nullable Subscale subscale,
    @Nullable BigDecimal baseline,
    @Nullable BigDecimal later) {

  static TaskFinding of(TwelveWeekFinding finding, BigDecimal baseline, BigDecimal later) {
    return new TaskFinding(
        TaskReason.valueOf(finding.code().name()), finding.subscale(), baseline, later);
  }

  static TaskFinding noBaseline() {
    return new TaskFinding(TaskReason.NO_BASELINE, null, null, null);
  }

  static TaskFinding noAnswer() {
    return new TaskFinding(TaskReason.NO_ANSWER, null, null, null);
  }

  /** The finding in an English sentence (the console words it in the reader's language). */
  public String sentence() {
    return switch (code) {
      case PAIN_UP ->
          "Worst pain in the last week rose from "
              + points(baseline)
              + " to "
              + points(later)
              + " out of 10 since baseline.";
      case BELOW_MEANINGFUL_DIFFERENCE ->
          subscale
              + " went from "
              + points(baseline)
              + " to "
              + points(later)
              + ", less than the "
              + points(subscale == null ? null : subscale.meaningfulDifference())
              + " points of improvement that matter.";
      case NO_BASELINE ->
          "The baseline questionnaire was never answered: there is nothing to compare the 12-week"
              + " answers with.";
      case NO_ANSWER -> "The 12-week questionnaire closed unanswered.";
    };
  }

  private static String points(@Nullable BigDecimal value) {
    return value == null ? "?" : value.stripTrailingZeros().toPlainString();
  }
}
