package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinician declined the case. The reviewer's reason is clinical and stays in referral-service,
 * where the referring physician reads it on the referral's timeline (minimum necessary, ADR 12).
 */
public record ReferralDeclined(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    PatientContact patient,
    PhysicianContact physician)
    implements ReferralEvent {}
