package org.cellpath.links;

/**
 * What a patient link opens. A link opens only the page of its purpose: one sent for a waitlist
 * offer does not open the appointments of the pair it offers, and the other way round.
 */
public enum LinkPurpose {
  /**
   * The patient's booked pair: read it, confirm, reschedule, cancel, download the calendar file.
   */
  APPOINTMENTS,
  /** A pair offered to a waitlisted case: accept or decline within the hold. */
  WAITLIST_OFFER,
  /** A questionnaire about how the treatment went. */
  OUTCOME_SURVEY
}
