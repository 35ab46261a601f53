package org.cellpath.notification.delivery;

/** Why a message was closed without being sent (status CANCELLED or SKIPPED). */
public enum ClosedReason {
  /** The pair was rescheduled after the message was written: it names the old times. */
  RESCHEDULED,
  /** The pair was cancelled after the message was written. */
  PAIR_CANCELLED,
  /** The patient opted out of SMS (replied STOP) after the SMS was queued. */
  SMS_OPTED_OUT,
  /** The patient already got the day's SMS. */
  SMS_DAILY_LIMIT,
  /** The patient already got the week's SMS (seven days back from now). */
  SMS_WEEKLY_LIMIT,
  /**
   * A reminder before the procedure that had not gone by its expiry (the dispatcher or a provider
   * was away, or the clock jumped): it would name a day that has passed, so it goes on no channel,
   * and no email goes in its stead.
   */
  EXPIRED
}
