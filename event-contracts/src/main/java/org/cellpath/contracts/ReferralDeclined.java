package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/** A clinician declined the case, with a reason written for the referring physician. */
public record ReferralDeclined(
    UUID eventId, UUID referralId, Instant occurredAt, String reason, PatientContact patient, PhysicianContact physician)
    implements ReferralEvent {}
