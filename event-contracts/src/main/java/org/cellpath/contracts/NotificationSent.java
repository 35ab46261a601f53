package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A message was accepted by its provider (SMTP server or SMS provider).
 *
 * @param messageKind for example {@code BOOKING_CONFIRMATION}
 * @param recipientRole {@code PATIENT} or {@code PHYSICIAN}; never the address itself
 */
public record NotificationSent(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID notificationId,
    String messageKind,
    ContactChannel channel,
    String recipientRole)
    implements NotificationEvent {}
