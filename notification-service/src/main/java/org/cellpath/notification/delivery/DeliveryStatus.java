package org.cellpath.notification.delivery;

/** Where a queued message stands. PENDING may be retried; SENT and FAILED are final. */
public enum DeliveryStatus {
  PENDING,
  SENT,
  FAILED
}
