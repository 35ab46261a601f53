package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The pre-screen ran and a review waits for a clinician. Its recommendation and findings stay in
 * referral-service: every service that reads {@code referral-events} would otherwise learn them
 * (minimum necessary, ADR 12).
 */
public record EligibilityReviewOpened(
    UUID eventId, UUID referralId, Instant occurredAt, UUID reviewId) implements ReferralEvent {}
