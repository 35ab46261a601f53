package org.cellpath.notification.delivery;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;

/**
 * A due message claimed by the dispatcher, locked for the claiming transaction.
 *
 * @param expiresAt from when it must not go, on any channel; null when it goes however late
 * @param timeZone the recipient's IANA zone, or null for the clinic's
 * @param fallback the email to queue when this SMS may not go, or null
 */
record QueuedNotification(
    UUID id,
    UUID eventId,
    UUID referralId,
    MessageKind kind,
    RecipientRole recipientRole,
    ContactChannel channel,
    String address,
    String language,
    String subject,
    String textBody,
    String htmlBody,
    String calendar,
    int attempts,
    Instant dueAt,
    Instant expiresAt,
    String timeZone,
    NewNotification.PairVersion pair,
    NewNotification.Fallback fallback) {

  /** Whether its expiry has come: it is then never sent, nor its email fallback queued. */
  boolean expiredAt(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  OutgoingMessage toOutgoing() {
    return new OutgoingMessage(id, address, subject, textBody, htmlBody, calendar);
  }
}
