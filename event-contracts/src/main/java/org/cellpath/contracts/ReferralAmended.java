package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/** The physician amended the referral after an information request; the review reopens. */
public record ReferralAmended(UUID eventId, UUID referralId, Instant occurredAt)
    implements ReferralEvent {}
