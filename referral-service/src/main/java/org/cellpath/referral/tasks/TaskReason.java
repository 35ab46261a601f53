package org.cellpath.referral.tasks;

/** Why a 12-week task was opened, as stored in {@code outcome_task_finding.code}. */
public enum TaskReason {
  /** Pain on the NRS up by 2 points or more since baseline (docs/domain.md §9.4). */
  PAIN_UP,
  /** A subscale improved by less than its meaningful difference, or got worse. */
  BELOW_MEANINGFUL_DIFFERENCE,
  /**
   * The 12-week answers came but the baseline was never answered: nothing to compare them with, so
   * a clinician looks rather than the case passing unread.
   */
  NO_BASELINE,
  /** The 12-week questionnaire closed unanswered (missed). */
  NO_ANSWER
}
