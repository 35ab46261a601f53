package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A physician submitted a referral. Carries who to tell (patient and physician contact), not what
 * is wrong: the eligibility review reads the clinical details from referral-service's own store.
 */
public record ReferralSubmitted(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    PatientContact patient,
    PhysicianContact physician)
    implements ReferralEvent {}
