package org.cellpath.contracts;

/** Part of the clinic day a patient can come: before or after noon, clinic time. */
public enum DayPart {
  MORNING,
  AFTERNOON
}
