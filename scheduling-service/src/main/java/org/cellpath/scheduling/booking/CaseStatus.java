package org.cellpath.scheduling.booking;

/** Where a scheduling case stands. */
public enum CaseStatus {
  /**
   * Just approved; only ever seen inside the transaction that plans it, which leaves it booked or
   * waitlisted.
   */
  APPROVED,
  /** No pair fitted; booked as soon as fitting slots appear, oldest case first. */
  WAITLISTED,
  /** An active pair holds its slots. */
  BOOKED,
  /** A scheduler cancelled its pair; it waits for a manual booking rather than the waitlist. */
  CANCELLED,
  /** The referral was withdrawn; any pair was cancelled. Final. */
  WITHDRAWN
}
