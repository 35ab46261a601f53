package org.cellpath.scheduling.booking;

/** What the waitlist does with a pair that fits a waiting case (docs/domain.md §8.3). */
public enum WaitlistMode {
  /** Books it at once, as a new approval is booked. */
  AUTOMATIC,
  /** Offers it to the patient, holding its slots until they accept or decline or the hold ends. */
  OFFERS
}
