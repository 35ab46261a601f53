package org.cellpath.scheduling.booking;

/** A booked pair or appointment holds its slots; a cancelled one has let them go. */
public enum BookingStatus {
  BOOKED,
  CANCELLED
}
