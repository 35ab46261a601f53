package org.cellpath.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A clinician approved the case: what scheduling needs to plan the procedure, and who to tell.
 *
 * @param lastCorticosteroidInjection the earliest procedure day is at least 28 days after it; null
 *     if none
 */
public record ReferralApproved(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    CellSource cellSource,
    Side side,
    LocalDate lastCorticosteroidInjection,
    SchedulingPreferences preferences,
    PatientContact patient,
    PhysicianContact physician)
    implements ReferralEvent {}
