package org.cellpath.notification.delivery;

/** What a message is about; also the {@code messageKind} of {@code NotificationSent} and {@code NotificationFailed}. */
public enum MessageKind {
  /** The clinic has the referral and will review it. */
  REFERRAL_RECEIVED,
  /** Both appointment times, place, clinician, preparation and cost. */
  BOOKING_CONFIRMATION,
  /** To the patient: the clinic approved the referral and will schedule the appointments. */
  DECISION_APPROVED,
  /** To the patient: the clinic will not treat; their physician will discuss other options. Never the reason. */
  DECISION_DECLINED,
  /** To the referring physician: the review's outcome (approved, declined with the reason, or information needed). */
  PHYSICIAN_DECISION,
  /** To the referring physician: a scheduling milestone of the case (booked, moved, waitlisted, cancelled, ...). */
  PHYSICIAN_MILESTONE
}
