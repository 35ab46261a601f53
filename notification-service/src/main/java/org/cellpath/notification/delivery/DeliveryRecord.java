package org.cellpath.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;

/**
 * One queued message as staff may see it: what, to whom (role and masked address), and how delivery went. Never the
 * full address and never the body.
 *
 * @param maskedAddress see {@link AddressMask}; null when the recipient gave no address
 * @param lastError the code of the last failed attempt, null after success
 */
public record DeliveryRecord(
    UUID notificationId,
    MessageKind kind,
    ContactChannel channel,
    RecipientRole recipientRole,
    String maskedAddress,
    String language,
    DeliveryStatus status,
    int attempts,
    FailureCode lastError,
    Instant createdAt,
    Instant dueAt,
    Instant sentAt,
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
