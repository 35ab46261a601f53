package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.web.ConflictException;
import org.jspecify.annotations.Nullable;

/**
 * A harvest and an injection booked together (or a single injection for a donated product).
 *
 * @param sequence the calendar SEQUENCE: 0 when booked, raised by every change notifications must re-send
 * @param appointments harvest first, then injection
 */
public record AppointmentPair(
    UUID id,
    UUID referralId,
    BookingStatus status,
    int sequence,
    Instant bookedAt,
    @Nullable Instant cancelledAt,
    List<BookedAppointment> appointments) {

  public AppointmentPair {
    appointments = List.copyOf(appointments);
  }

  /**
   * Refuses a change of the pair as a whole (cancel, reschedule) unless it is booked and none of its appointments
   * has taken place or been missed yet.
   *
   * @throws ConflictException otherwise
   */
  void requireChangeable(String action) {
    if (status != BookingStatus.BOOKED) {
      throw new ConflictException("Cannot " + action + " appointment pair " + id + ": it is " + status);
    }
    appointments.stream().filter(appointment -> appointment.status() != BookingStatus.BOOKED).findFirst()
        .ifPresent(done -> {
          throw new ConflictException("Cannot " + action + " appointment pair " + id + ": its " + done.kind()
              + " appointment is " + done.status());
        });
  }

  /**
   * The pair's appointment, which must still be booked (so attendance is recorded once).
   *
   * @throws ConflictException when the pair is cancelled or the appointment's outcome is already recorded
   */
  BookedAppointment attendable(UUID appointmentId) {
    BookedAppointment appointment = appointments.stream().filter(a -> a.id().equals(appointmentId)).findFirst()
        .orElseThrow();
    if (status != BookingStatus.BOOKED || appointment.status() != BookingStatus.BOOKED) {
      throw new ConflictException("Appointment " + appointmentId + " is " + appointment.status()
          + "; its outcome cannot be recorded");
    }
    return appointment;
  }

  /** The pair's appointment of that kind, if it has one. */
  java.util.Optional<BookedAppointment> appointment(org.cellpath.contracts.AppointmentKind kind) {
    return appointments.stream().filter(a -> a.kind() == kind).findFirst();
  }

  List<Appointment> contractAppointments() {
    return appointments.stream().map(BookedAppointment::toContract).toList();
  }
}
