package org.cellpath.contracts;

/**
 * The two appointments of a procedure: cells are harvested, processed, then injected the same day.
 */
public enum AppointmentKind {
  HARVEST,
  INJECTION
}
