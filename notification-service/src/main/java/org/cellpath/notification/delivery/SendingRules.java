package org.cellpath.notification.delivery;

import java.time.Instant;
import org.cellpath.contracts.ContactChannel;

/**
 * Rules a channel's messages must pass when they are about to go (the SMS rules: opt-outs, sending
 * window, limits), decided in the dispatcher's transaction for the message it claimed. A channel
 * without rules sends every message.
 */
public interface SendingRules {

  /** The channel whose messages these rules decide on. */
  ContactChannel channel();

  /** What to do with the claimed message now. */
  Decision decide(QueuedNotification message, Instant now);

  /** What the dispatcher does with the message. */
  sealed interface Decision {

    /** Send it now. */
    record Send() implements Decision {}

    /** Not now: due again at {@code until}; not an attempt. */
    record Postpone(Instant until) implements Decision {}

    /** It may not go: closed as SKIPPED; its email fallback, if any, is queued. */
    record Skip(ClosedReason reason) implements Decision {}
  }
}
