package org.cellpath.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;

/**
 * One queued message as staff may see it: what, to whom (role and masked address), and how delivery
 * went. Never the full address and never the body.
 *
 * @param maskedAddress see {@link AddressMask}; null when the recipient gave no address
 * @param lastError the code of the last failed attempt, null after success
 * @param closedReason why a CANCELLED or SKIPPED message never went out
 * @param dueAt when it was (or is) due: a reminder is queued days before it goes
 * @param expiresAt from when a reminder no longer goes (closed as {@link ClosedReason#EXPIRED});
 *     null for a message that goes however late
 */
public record DeliveryRecord(
    UUID notificationId,
    UUID referralId,
    MessageKind kind,
    ContactChannel channel,
    RecipientRole recipientRole,
    String maskedAddress,
    String language,
    DeliveryStatus status,
    int attempts,
    FailureCode lastError,
    ClosedReason closedReason,
    Instant createdAt,
    Instant dueAt,
    Instant expiresAt,
    Instant sentAt,
    Instant closedAt,
    List<Attempt> attemptLog) {

  public DeliveryRecord {
    attemptLog = List.copyOf(attemptLog);
  }

  /** One delivery attempt. */
  public record Attempt(int attempt, Instant attemptedAt, Outcome outcome, FailureCode errorCode) {}

  /** What an attempt led to. */
  public enum Outcome {
    SENT,
    /** Failed; another attempt is scheduled. */
    RETRY,
    /** Failed; given up. */
    FAILED
  }
}
