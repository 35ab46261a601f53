package org.cellpath.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The pair moved as one. {@code sequence} rises with every reschedule (calendar SEQUENCE);
 * appointment ids stay.
 */
public record AppointmentPairRescheduled(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID pairId,
    int sequence,
    List<Appointment> appointments,
    PatientContact patient)
    implements SchedulingEvent {

  public AppointmentPairRescheduled {
    appointments = appointments == null ? List.of() : List.copyOf(appointments);
  }
}
