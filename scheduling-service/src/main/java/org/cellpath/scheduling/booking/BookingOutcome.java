package org.cellpath.scheduling.booking;

import org.cellpath.scheduling.slots.TimeWindow;

/** What planning an approved case led to. */
public sealed interface BookingOutcome {

  /** Both slots (or the single injection slot) are booked. */
  record Booked(AppointmentPair pair) implements BookingOutcome {}

  /** Nothing fitted in the searched days; the case waits for slots. */
  record Waitlisted(TimeWindow searched) implements BookingOutcome {}

  /** The referral already had a case (a repeated approval); nothing changed. */
  record AlreadyKnown(CaseStatus status) implements BookingOutcome {}

  /** The referral was withdrawn before its approval was handled; no case was opened. */
  record Withdrawn() implements BookingOutcome {}
}
