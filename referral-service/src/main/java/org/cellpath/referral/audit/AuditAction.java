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
  REQUEST_INFO
}
