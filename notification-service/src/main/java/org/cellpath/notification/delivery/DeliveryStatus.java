package org.cellpath.notification.delivery;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a queued message stands. PENDING may be retried, held or postponed (it stays PENDING); the
 * others are final. {@link #NEXT} is the one table of the moves a message may make: every change of
 * a message's status, one message at a time ({@link StatusChange}) or many at once (the store's
 * bulk updates), is checked against it.
 */
public enum DeliveryStatus {
  PENDING,
  SENT,
  /** Given up after failed attempts, or no address to send to. */
  FAILED,
  /**
   * Never sent: a reschedule or cancellation made it name a time that no longer holds, or it is a
   * reminder that had not gone by its expiry.
   */
  CANCELLED,
  /**
   * An SMS that may not go (opted out, daily or weekly limit); its email fallback, if any, went
   * instead.
   */
  SKIPPED;

  /**
   * From each status, the statuses a message may move to. PENDING to PENDING is a failed attempt
   * with another one due, a hold or a postponement; a final status moves nowhere, so a message sent
   * is never cancelled afterwards.
   */
  private static final Map<DeliveryStatus, Set<DeliveryStatus>> NEXT =
      Map.of(
          PENDING, EnumSet.of(PENDING, SENT, FAILED, CANCELLED, SKIPPED),
          SENT, EnumSet.noneOf(DeliveryStatus.class),
          FAILED, EnumSet.noneOf(DeliveryStatus.class),
          CANCELLED, EnumSet.noneOf(DeliveryStatus.class),
          SKIPPED, EnumSet.noneOf(DeliveryStatus.class));

  /**
   * The status a message is queued with: PENDING, or FAILED at once when there is no address to
   * send it to.
   */
  static DeliveryStatus onArrival(boolean reachable) {
    return reachable ? PENDING : FAILED;
  }

  public boolean mayBecome(DeliveryStatus next) {
    return NEXT.get(this).contains(next);
  }

  /**
   * Refuses a move the table does not allow.
   *
   * @throws IllegalStatusChangeException when this status may not become {@code next}
   */
  void checkMayBecome(DeliveryStatus next) {
    if (!mayBecome(next)) {
      throw new IllegalStatusChangeException(this, next);
    }
  }

  /**
   * The statuses from which a message may become {@code next}: what a bulk update of many messages
   * selects.
   */
  static Set<DeliveryStatus> allowedBefore(DeliveryStatus next) {
    Set<DeliveryStatus> before = EnumSet.noneOf(DeliveryStatus.class);
    NEXT.forEach(
        (from, to) -> {
          if (to.contains(next)) {
            before.add(from);
          }
        });
    return before;
  }
}
