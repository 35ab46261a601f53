package org.cellpath.notification.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;

/**
 * A queued message as the dispatcher and the SMS rules work on it, and the owner of its status:
 * every change of it is one of the transitions below, each checked against {@link DeliveryStatus}'s
 * table, and saved by {@link NotificationStore}. A claimed message is locked for the claiming
 * transaction.
 *
 * @param expiresAt from when it must not go, on any channel; null when it goes however late
 * @param timeZone the recipient's IANA zone, or null for the clinic's
 * @param fallback the email to queue when this SMS may not go, or null
 */
public record QueuedNotification(
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
    DeliveryStatus status,
    int attempts,
    Instant dueAt,
    Instant expiresAt,
    String timeZone,
    NewNotification.PairVersion pair,
    NewNotification.Fallback fallback,
    NewNotification.LinkTo link) {

  /** A message that carries no patient link. */
  public QueuedNotification(
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
      DeliveryStatus status,
      int attempts,
      Instant dueAt,
      Instant expiresAt,
      String timeZone,
      NewNotification.PairVersion pair,
      NewNotification.Fallback fallback) {
    this(
        id,
        eventId,
        referralId,
        kind,
        recipientRole,
        channel,
        address,
        language,
        subject,
        textBody,
        htmlBody,
        calendar,
        status,
        attempts,
        dueAt,
        expiresAt,
        timeZone,
        pair,
        fallback,
        null);
  }

  /** Whether its expiry has come: it is then never sent, nor its email fallback queued. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  /** The provider accepted it on attempt {@code attempt}. */
  public StatusChange.Sent sent(int attempt, Instant now) {
    return new StatusChange.Sent(this, attempt, now);
  }

  /** Attempt {@code attempt} failed; the next is due at {@code nextAttemptAt}. */
  public StatusChange.Retrying retryAt(
      int attempt, Instant now, Instant nextAttemptAt, FailureCode code) {
    return new StatusChange.Retrying(this, attempt, now, nextAttemptAt, code);
  }

  /** The channel refused to call its provider ({@code reason}); due again at {@code until}. */
  public StatusChange.Held holdUntil(Instant until, FailureCode reason) {
    return new StatusChange.Held(this, until, reason);
  }

  /** Due again at {@code until}, as if nothing had happened. */
  public StatusChange.Postponed postponeUntil(Instant until) {
    return new StatusChange.Postponed(this, until);
  }

  /** Given up after attempt {@code attempt}. */
  public StatusChange.Failed failed(int attempt, Instant now, FailureCode code) {
    return new StatusChange.Failed(this, attempt, now, code);
  }

  /** Never to go: it names times that no longer hold, or its expiry has come. */
  public StatusChange.Closed cancel(ClosedReason reason, Instant now) {
    return new StatusChange.Closed(this, DeliveryStatus.CANCELLED, reason, now);
  }

  /** An SMS that may not go; its email fallback, if any, goes instead. */
  public StatusChange.Closed skip(ClosedReason reason, Instant now) {
    return new StatusChange.Closed(this, DeliveryStatus.SKIPPED, reason, now);
  }

  /**
   * The email that stands for this SMS when it may not go. It is due when the SMS was (a reminder
   * skipped days ahead still goes on its day) and expires when the SMS does; there is none once
   * that moment has come.
   */
  public Optional<NewNotification> fallbackEmail(Instant now) {
    if (fallback == null || expiredAt(now)) {
      return Optional.empty();
    }
    return Optional.of(
        new NewNotification(
            eventId,
            referralId,
            kind,
            recipientRole,
            ContactChannel.EMAIL,
            fallback.address(),
            language,
            fallback.content(),
            dueAt.isAfter(now) ? dueAt : now,
            expiresAt,
            timeZone,
            pair,
            null,
            link));
  }

  OutgoingMessage toOutgoing() {
    return new OutgoingMessage(id, address, subject, textBody, htmlBody, calendar);
  }
}
