package org.cellpath.referral.referral;

/**
 * What the physician sees (docs/domain.md §6). Which status leads to which, and by which
 * transition, is stated once, in {@link Transition}.
 */
public enum ReferralStatus {
  SUBMITTED,
  UNDER_REVIEW,
  INFO_REQUESTED,
  APPROVED,
  DECLINED,
  WAITLISTED,
  SCHEDULED,
  RESCHEDULED,
  COMPLETED,
  NO_SHOW,
  CANCELLED,
  WITHDRAWN
}
