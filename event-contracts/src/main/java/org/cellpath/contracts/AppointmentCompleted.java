package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * An appointment took place. A completed injection starts the follow-up series.
 *
 * @param productLot the donated product's lot, recorded at an allogeneic injection; null otherwise
 */
public record AppointmentCompleted(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID pairId,
    Appointment appointment,
    String productLot,
    PatientContact patient)
    implements SchedulingEvent {}
