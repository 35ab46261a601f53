package org.cellpath.notification.delivery;

/** Where a queued message stands. PENDING may be retried or held; the others are final. */
public enum DeliveryStatus {
  PENDING,
  SENT,
  /** Given up after failed attempts, or no address to send to. */
  FAILED,
  /**
   * Never sent: a reschedule or cancellation made it name a time that no longer holds, or it is a reminder that had
   * not gone by its expiry.
   */
  CANCELLED,
  /** An SMS that may not go (opted out, daily or weekly limit); its email fallback, if any, went instead. */
  SKIPPED
}
