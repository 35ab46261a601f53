package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * An offer of a pair to a waitlisted case ended: accepted (the pair is booked), declined or expired
 * (its slots went free and the case waits again in its place).
 */
public record WaitlistOfferEnded(
    UUID eventId, UUID referralId, Instant occurredAt, UUID pairId, OfferEnd end)
    implements SchedulingEvent {}
