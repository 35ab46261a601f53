package org.cellpath.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The procedure is booked: a harvest and an injection the same day (or a single injection for a
 * donated product), held together as one pair.
 */
public record AppointmentPairBooked(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID pairId,
    List<Appointment> appointments,
    PatientContact patient)
    implements SchedulingEvent {

  public AppointmentPairBooked {
    appointments = appointments == null ? List.of() : List.copyOf(appointments);
  }
}
