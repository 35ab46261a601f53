package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinician needs more before deciding; the physician answers by amending the referral. What is
 * needed may be clinical and stays in referral-service (the referral's timeline), not in the event
 * (minimum necessary, ADR 12).
 */
public record ReferralInfoRequested(
    UUID eventId, UUID referralId, Instant occurredAt, PhysicianContact physician)
    implements ReferralEvent {}
