package org.cellpath.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.NotificationFailed;
import org.cellpath.contracts.NotificationSent;

/**
 * One change of a queued message's status, made by {@link QueuedNotification}'s transitions and
 * saved by {@link NotificationStore}. Each change is checked against {@link DeliveryStatus}'s table
 * when it is made, so a change that exists is one the table allows; the store writes it and
 * publishes {@link #events()} with it.
 */
public sealed interface StatusChange {

  QueuedNotification message();

  /** The status the message has after the change. */
  DeliveryStatus to();

  /**
   * The events the change causes, each with a new event id: the store asks once, when it saves the
   * change.
   */
  default List<CellPathEvent> events() {
    return List.of();
  }

  /** The provider accepted the message: SENT, reported with {@code NotificationSent}. */
  record Sent(QueuedNotification message, int attempt, Instant at) implements StatusChange {

    public Sent {
      message.status().checkMayBecome(DeliveryStatus.SENT);
    }

    @Override
    public DeliveryStatus to() {
      return DeliveryStatus.SENT;
    }

    @Override
    public List<CellPathEvent> events() {
      if (message.referralId() == null) {
        // An answer to a number no referral matched: the referral events have nobody to tell.
        return List.of();
      }
      return List.of(
          new NotificationSent(
              UUID.randomUUID(),
              message.referralId(),
              at,
              message.id(),
              message.kind().name(),
              message.channel(),
              message.recipientRole().name()));
    }
  }

  /** The attempt failed and another one is due at {@code nextAttemptAt}: still PENDING. */
  record Retrying(
      QueuedNotification message, int attempt, Instant at, Instant nextAttemptAt, FailureCode code)
      implements StatusChange {

    public Retrying {
      message.status().checkMayBecome(DeliveryStatus.PENDING);
    }

    @Override
    public DeliveryStatus to() {
      return DeliveryStatus.PENDING;
    }
  }

  /**
   * The message cannot be tried now, for a reason that is not a failed attempt (quiet hours, an
   * open circuit breaker, a rate limit): it stays PENDING, due again at {@code until}, its attempts
   * unchanged and {@code reason} as its last error.
   */
  record Held(QueuedNotification message, Instant until, FailureCode reason)
      implements StatusChange {

    public Held {
      message.status().checkMayBecome(DeliveryStatus.PENDING);
    }

    @Override
    public DeliveryStatus to() {
      return DeliveryStatus.PENDING;
    }
  }

  /**
   * Due later, without counting an attempt or touching the last error: an SMS outside the patient's
   * sending window waits for it; a message whose appointment pair is changing right now waits for
   * the change to be recorded.
   */
  record Postponed(QueuedNotification message, Instant until) implements StatusChange {

    public Postponed {
      message.status().checkMayBecome(DeliveryStatus.PENDING);
    }

    @Override
    public DeliveryStatus to() {
      return DeliveryStatus.PENDING;
    }
  }

  /**
   * The message is given up: FAILED, reported with {@code NotificationFailed} for staff to follow
   * up.
   */
  record Failed(QueuedNotification message, int attempt, Instant at, FailureCode code)
      implements StatusChange {

    public Failed {
      message.status().checkMayBecome(DeliveryStatus.FAILED);
    }

    @Override
    public DeliveryStatus to() {
      return DeliveryStatus.FAILED;
    }

    @Override
    public List<CellPathEvent> events() {
      if (message.referralId() == null) {
        return List.of();
      }
      return List.of(
          new NotificationFailed(
              UUID.randomUUID(),
              message.referralId(),
              at,
              message.id(),
              message.kind().name(),
              message.channel(),
              message.recipientRole().name(),
              code.name()));
    }
  }

  /**
   * The message must not go: CANCELLED (it names times that no longer hold, or its expiry has come)
   * or SKIPPED (an SMS that may not go).
   */
  record Closed(QueuedNotification message, DeliveryStatus to, ClosedReason reason, Instant at)
      implements StatusChange {

    public Closed {
      if (to != DeliveryStatus.CANCELLED && to != DeliveryStatus.SKIPPED) {
        throw new IllegalArgumentException(
            "A message is closed as CANCELLED or SKIPPED, not " + to);
      }
      message.status().checkMayBecome(to);
    }
  }
}
