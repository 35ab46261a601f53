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
  WITHDRAWN,
  /**
   * Scheduling closed the case and returned it to the physician with a reason (docs/domain.md
   * §8.5). Final: the physician may submit a new referral.
   */
  RETURNED
}
