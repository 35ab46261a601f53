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
  /** The referring physician's read of their referral's outcomes: scores over time and reports. */
  OUTCOMES_READ
}
