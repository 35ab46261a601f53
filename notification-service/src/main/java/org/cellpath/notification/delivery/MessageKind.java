package org.cellpath.notification.delivery;

/** What a message is about; also the {@code messageKind} of {@code NotificationSent} and {@code NotificationFailed}. */
public enum MessageKind {
  /** The clinic has the referral and will review it. */
  REFERRAL_RECEIVED,
  /** Both appointment times, place, clinician, preparation and cost. */
  BOOKING_CONFIRMATION
}
