package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A patient answered YES or C by SMS from the number the pair's messages went to:
 * scheduling-service confirms the pair, as it would for the patient's link. Carries no number and
 * no text.
 */
public record SmsConfirmationReceived(
    UUID eventId, UUID referralId, Instant occurredAt, UUID pairId) implements NotificationEvent {}
