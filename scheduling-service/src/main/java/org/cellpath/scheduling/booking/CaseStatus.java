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
  /**
   * A waitlisted case with an open offer: the offered pair holds its slots until the patient
   * accepts (BOOKED) or declines or the hold runs out (WAITLISTED again, in the same place).
   */
  OFFERED,
  /** An active pair holds its slots. */
  BOOKED,
  /**
   * A scheduler cancelled its pair, or its pair was missed and ended: it waits for a manual booking
   * (or, when the clinic setting says so, a scheduler's cancellation puts it back on the waitlist).
   */
  CANCELLED,
  /** The referral was withdrawn; any pair was cancelled. Final. */
  WITHDRAWN,
  /**
   * A scheduler closed the case and returned it to the referring physician; never booked again
   * (docs/domain.md §8.5). Final.
   */
  RETURNED
}
