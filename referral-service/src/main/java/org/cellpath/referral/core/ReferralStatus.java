package org.cellpath.referral.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the physician sees (DOMAIN.md section 6). Each status names the statuses it may move to; anything else is an
 * illegal transition.
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
  WITHDRAWN;

  private Set<ReferralStatus> next;

  static {
    SUBMITTED.next = EnumSet.of(UNDER_REVIEW, WITHDRAWN);
    UNDER_REVIEW.next = EnumSet.of(INFO_REQUESTED, APPROVED, DECLINED, WITHDRAWN);
    INFO_REQUESTED.next = EnumSet.of(UNDER_REVIEW, WITHDRAWN);
    APPROVED.next = EnumSet.of(WAITLISTED, SCHEDULED, CANCELLED, WITHDRAWN);
    DECLINED.next = EnumSet.noneOf(ReferralStatus.class);
    WAITLISTED.next = EnumSet.of(SCHEDULED, CANCELLED, WITHDRAWN);
    SCHEDULED.next = EnumSet.of(RESCHEDULED, COMPLETED, NO_SHOW, CANCELLED, WITHDRAWN, WAITLISTED);
    RESCHEDULED.next = EnumSet.of(RESCHEDULED, COMPLETED, NO_SHOW, CANCELLED, WITHDRAWN, WAITLISTED);
    COMPLETED.next = EnumSet.noneOf(ReferralStatus.class);
    NO_SHOW.next = EnumSet.of(SCHEDULED, RESCHEDULED, CANCELLED, WITHDRAWN);
    CANCELLED.next = EnumSet.noneOf(ReferralStatus.class);
    WITHDRAWN.next = EnumSet.noneOf(ReferralStatus.class);
  }

  public boolean canMoveTo(ReferralStatus target) {
    return next.contains(target);
  }

  public boolean isFinal() {
    return next.isEmpty();
  }
}
