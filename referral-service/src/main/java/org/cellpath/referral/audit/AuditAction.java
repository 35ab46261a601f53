package org.cellpath.referral.audit;

import org.cellpath.audit.AuditedAction;

/**
 * What a caller asked to do to a referral or a review, as written in the audit trail's {@code
 * action} column.
 */
public enum AuditAction implements AuditedAction {
  /** A physician's list of their referrals. */
  LIST,
  /** One referral with its details and timeline. */
  READ,
  SUBMIT,
  AMEND,
  WITHDRAW,
  /** The reviewers' queue of open reviews, with their findings. */
  REVIEW_QUEUE,
  /** One review with its findings. */
  REVIEW_READ,
  APPROVE,
  DECLINE,
  REQUEST_INFO,
  /**
   * A questionnaire's link: read, answers saved, submitted (the survey and its referral; the
   * subject {@code anonymous}, the link being the credential; never the token, never an answer).
   */
  SURVEY_LINK_READ,
  SURVEY_LINK_ANSWER,
  SURVEY_LINK_SUBMIT,
  /**
   * The 12-week tasks: the worklist (the referrals it disclosed), one task, and a clinician's
   * resolution (the task and its referral; never the note).
   */
  OUTCOME_TASKS,
  OUTCOME_TASK_READ,
  OUTCOME_TASK_RESOLVE,
  /** The clinic's outcomes summary, as JSON and as CSV: figures in aggregate, no referral named. */
  OUTCOMES_SUMMARY,
  OUTCOMES_SUMMARY_CSV,
  /** The outcomes of past cases similar to a review's case, beside that review. */
  SIMILAR_OUTCOMES,
  /** The referring physician's read of their referral's outcomes: scores over time and reports. */
  OUTCOMES_READ
}
