package org.cellpath.notification.delivery.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.DeliveryRecord;
import org.cellpath.notification.delivery.DeliveryStatus;
import org.cellpath.notification.delivery.FailureCode;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.RecipientRole;

/** {@code GET /api/referrals/{referralId}/notifications}: no message bodies, no full addresses. */
record DeliveryLogResponse(UUID referralId, List<Entry> notifications) {

  /**
   * @param recipient the masked address ({@code a***@example.org}), null when the recipient gave
   *     none
   * @param lastError the code of the last failed attempt
   * @param expiresAt from when a reminder no longer goes; null for a message that goes however late
   */
  record Entry(
      UUID notificationId,
      UUID referralId,
      MessageKind kind,
      ContactChannel channel,
      RecipientRole recipientRole,
      String recipient,
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

    static Entry of(DeliveryRecord record) {
      return new Entry(
          record.notificationId(),
          record.referralId(),
          record.kind(),
          record.channel(),
          record.recipientRole(),
          record.maskedAddress(),
          record.language(),
          record.status(),
          record.attempts(),
          record.lastError(),
          record.closedReason(),
          record.createdAt(),
          record.dueAt(),
          record.expiresAt(),
          record.sentAt(),
          record.closedAt(),
          record.attemptLog().stream()
              .map(
                  a -> new Attempt(a.attempt(), a.attemptedAt(), a.outcome().name(), a.errorCode()))
              .toList());
    }
  }

  /** One delivery attempt: SENT, RETRY (failed, tried again later) or FAILED (given up). */
  record Attempt(int attempt, Instant attemptedAt, String outcome, FailureCode errorCode) {}
}
