package org.cellpath.notification.delivery;

/**
 * What a message is about; also the {@code messageKind} of {@code NotificationSent} and {@code
 * NotificationFailed}.
 */
public enum MessageKind {
  /** The clinic has the referral and will review it. */
  REFERRAL_RECEIVED,
  /**
   * Both appointment times, place, clinician, preparation and cost; the email carries the calendar
   * file.
   */
  BOOKING_CONFIRMATION,
  /** To the patient: the clinic approved the referral and will schedule the appointments. */
  DECISION_APPROVED,
  /**
   * To the patient: the clinic will not treat; their physician will discuss other options. Never
   * the reason.
   */
  DECISION_DECLINED,
  /**
   * To the referring physician: the review's outcome (approved, declined with the reason, or
   * information needed).
   */
  PHYSICIAN_DECISION,
  /**
   * To the referring physician: a scheduling milestone of the case (booked, moved, waitlisted,
   * cancelled, ...).
   */
  PHYSICIAN_MILESTONE,
  /** The pair moved: the new times; the email's calendar file raises SEQUENCE. */
  BOOKING_RESCHEDULED,
  /** The pair was cancelled; the email's calendar file has METHOD:CANCEL. */
  BOOKING_CANCELLED,
  /**
   * Seven days before: start the NSAID pause (email; SMS for a patient with no email). A safety
   * message: exempt from the SMS caps (ADR 33).
   */
  NSAID_PAUSE_REMINDER,
  /** Three days before: time and place (SMS, email when SMS cannot go). */
  APPOINTMENT_REMINDER_3_DAYS,
  /** One day before: time and place (SMS, email when SMS cannot go). */
  APPOINTMENT_REMINDER_1_DAY,
  /**
   * The day after the injection: no NSAIDs for two weeks, managing pain, whom to call (email; SMS
   * for a patient with no email). A safety message: exempt from the SMS caps (ADR 33).
   */
  FOLLOW_UP_DAY_1,
  /** Two weeks after the injection: follow-up visit and outcome check (email). */
  FOLLOW_UP_WEEK_2,
  /** Six weeks after the injection (email). */
  FOLLOW_UP_WEEK_6,
  /** Twelve weeks after the injection (email). */
  FOLLOW_UP_WEEK_12,
  /** Twenty-four weeks after the injection (email). */
  FOLLOW_UP_WEEK_24,
  /**
   * The answer to a patient's HELP: the clinic's name and phone. Carriers require it whatever the
   * number's consent, hour or caps.
   */
  SMS_REPLY_HELP,
  /**
   * The answer to a patient's YES (the confirmation's thanks) or START: at once, outside the caps,
   * never to an opted-out number.
   */
  SMS_REPLY,
  /**
   * A staff member's answer from the SMS inbox: never to an opted-out number, within the sending
   * window, outside the caps.
   */
  SMS_STAFF_ANSWER,
  /**
   * To a waitlisted patient: a pair held for them until the hold's end, with the link to accept or
   * decline it (email, and SMS when they can get SMS). Not sent once the hold is over.
   */
  WAITLIST_OFFER,
  /**
   * To the patient: a questionnaire on how they are doing is open (before the procedure, or 6, 12
   * or 24 weeks after the injection), with its link (email, and SMS when they can get SMS). Never
   * the condition or a score; not sent once the questionnaire has closed ({@code docs/domain.md
   * §9}).
   */
  OUTCOME_SURVEY,
  /**
   * To the patient: a reminder that the questionnaire is still open, 3 days after its invitation,
   * with the same link; as {@link #OUTCOME_SURVEY} otherwise.
   */
  OUTCOME_SURVEY_REMINDER,
  /**
   * To the referring physician: an interim (6 weeks) or final (24 weeks) outcomes report on their
   * referral is in CellPath. Only that: the scores stay behind the physician's sign-in.
   */
  PHYSICIAN_REPORT_READY;

  /**
   * Whether missing it could harm the patient (the NSAID pause before the procedure, the check-in
   * the day after): the SMS caps neither hold it back nor count it (ADR 33).
   */
  public boolean safety() {
    return this == NSAID_PAUSE_REMINDER || this == FOLLOW_UP_DAY_1;
  }

  /**
   * Whether it answers something the patient wrote: it neither counts toward the SMS caps nor is
   * held back by them.
   */
  public boolean answer() {
    return this == SMS_REPLY_HELP || this == SMS_REPLY || this == SMS_STAFF_ANSWER;
  }
}
