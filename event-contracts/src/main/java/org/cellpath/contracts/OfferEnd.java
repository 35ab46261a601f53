package org.cellpath.contracts;

/** How a waitlist offer ended. */
public enum OfferEnd {
  /** The patient accepted: the pair is booked. */
  ACCEPTED,
  /** The patient declined: the slots go free, the case keeps its place on the waitlist. */
  DECLINED,
  /** The hold ran out: as a decline. */
  EXPIRED
}
