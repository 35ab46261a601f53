package org.cellpath.referral.review;

public enum ReviewState {
  OPEN,
  APPROVED,
  DECLINED,
  INFO_REQUESTED,
  /** Closed without a decision because the referral was withdrawn. */
  CLOSED
}
