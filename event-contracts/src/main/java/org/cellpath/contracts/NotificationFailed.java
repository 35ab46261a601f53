package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A message could not be delivered after its attempts; staff follow up.
 *
 * @param reasonCode a fixed code such as {@code PROVIDER_UNAVAILABLE}, never a provider's free text
 */
public record NotificationFailed(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID notificationId,
    String messageKind,
    ContactChannel channel,
    String recipientRole,
    String reasonCode)
    implements NotificationEvent {}
