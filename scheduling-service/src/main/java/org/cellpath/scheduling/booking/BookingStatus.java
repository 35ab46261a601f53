package org.cellpath.scheduling.booking;

/**
 * A booked pair or appointment holds its slots; a cancelled one has let them go. Only an
 * appointment is ever {@code COMPLETED} or {@code NO_SHOW} (and still holds its slot: the time was
 * used). Only a pair is ever {@code OFFERED}: offered to a waitlisted case, its appointments
 * (booked) hold their slots until the patient accepts, declines, or the hold runs out
 * (docs/domain.md §8.3).
 */
public enum BookingStatus {
  OFFERED,
  BOOKED,
  CANCELLED,
  COMPLETED,
  NO_SHOW
}
