package org.cellpath.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The pair was cancelled as one; both slots are free again. */
public record AppointmentPairCancelled(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID pairId,
    int sequence,
    List<Appointment> appointments,
    PatientContact patient)
    implements SchedulingEvent {

  public AppointmentPairCancelled {
    appointments = appointments == null ? List.of() : List.copyOf(appointments);
  }
}
