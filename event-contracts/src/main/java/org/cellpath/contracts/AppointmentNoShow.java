package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/** The patient did not come to an appointment. */
public record AppointmentNoShow(
    UUID eventId, UUID referralId, Instant occurredAt, UUID pairId, Appointment appointment)
    implements SchedulingEvent {}
