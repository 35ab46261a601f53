package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The physician withdrew the referral before completion; its appointments, if any, are cancelled.
 */
public record ReferralWithdrawn(UUID eventId, UUID referralId, Instant occurredAt)
    implements ReferralEvent {}
