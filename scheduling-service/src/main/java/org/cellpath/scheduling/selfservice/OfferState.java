package org.cellpath.scheduling.selfservice;

/** How a waitlist offer stands, as the patient's page shows it. */
public enum OfferState {
  /** Held for the patient, who may accept or decline it. */
  OPEN,
  /** Accepted: the pair is booked. */
  ACCEPTED,
  /** Declined: the patient keeps their place on the waitlist. */
  DECLINED,
  /** The hold ran out (or the offer was withdrawn): the patient keeps their place. */
  EXPIRED
}
