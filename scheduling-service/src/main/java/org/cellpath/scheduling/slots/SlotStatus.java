package org.cellpath.scheduling.slots;

/** What a slot is available for. */
public enum SlotStatus {
  FREE,
  BOOKED,
  BLOCKED
}
