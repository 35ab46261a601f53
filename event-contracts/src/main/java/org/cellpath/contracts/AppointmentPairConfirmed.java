package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The patient confirmed that they will attend the pair as it stands at {@code sequence}; a later
 * move asks again.
 */
public record AppointmentPairConfirmed(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID pairId,
    int sequence,
    ConfirmedBy confirmedBy)
    implements SchedulingEvent {}
