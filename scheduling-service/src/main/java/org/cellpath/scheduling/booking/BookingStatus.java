package org.cellpath.scheduling.booking;

/**
 * A booked pair or appointment holds its slots; a cancelled one has let them go. Only an
 * appointment is ever {@code COMPLETED} or {@code NO_SHOW} (and still holds its slot: the time was
 * used).
 */
public enum BookingStatus {
  BOOKED,
  CANCELLED,
  COMPLETED,
  NO_SHOW
}
