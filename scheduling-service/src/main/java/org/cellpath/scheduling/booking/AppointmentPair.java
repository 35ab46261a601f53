package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.domain.StateConflictException;
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
   * @throws StateConflictException otherwise
   */
  void requireChangeable(String action) {
    if (status != BookingStatus.BOOKED) {
      throw new StateConflictException("Cannot " + action + " appointment pair " + id + ": it is " + status);
    }
    appointments.stream().filter(appointment -> appointment.status() != BookingStatus.BOOKED).findFirst()
        .ifPresent(done -> {
          throw new StateConflictException("Cannot " + action + " appointment pair " + id + ": its " + done.kind()
              + " appointment is " + done.status());
        });
  }

  /**
   * The pair's appointment that took place, at {@code now}. An injection after a harvest took place only if the
   * harvest did: cells are taken before they are injected.
   *
   * @throws StateConflictException when the pair is cancelled, the appointment's outcome is already recorded, it has not
   *     started yet, or it is an injection whose harvest is not recorded as completed (still booked, or missed)
   */
  BookedAppointment completable(UUID appointmentId, Instant now) {
    BookedAppointment appointment = attendable(appointmentId, "its completion", now);
    if (appointment.kind() == AppointmentKind.INJECTION) {
      appointment(AppointmentKind.HARVEST).filter(harvest -> harvest.status() != BookingStatus.COMPLETED)
          .ifPresent(harvest -> {
            throw new StateConflictException("Injection " + appointmentId + " of pair " + id + " cannot be completed"
                + " before its harvest is; the harvest is " + harvest.status());
          });
    }
    return appointment;
  }

  /**
   * The pair's appointment the patient did not come to, at {@code now}.
   *
   * @throws StateConflictException when the pair is cancelled, the appointment's outcome is already recorded, or it has
   *     not started yet
   */
  BookedAppointment missable(UUID appointmentId, Instant now) {
    return attendable(appointmentId, "a no-show", now);
  }

  /** The pair's appointment, still booked (so attendance is recorded once) and begun by {@code now}. */
  private BookedAppointment attendable(UUID appointmentId, String outcome, Instant now) {
    BookedAppointment appointment = appointments.stream().filter(a -> a.id().equals(appointmentId)).findFirst()
        .orElseThrow();
    if (status != BookingStatus.BOOKED || appointment.status() != BookingStatus.BOOKED) {
      throw new StateConflictException("Appointment " + appointmentId + " is " + appointment.status()
          + "; its outcome cannot be recorded");
    }
    if (now.isBefore(appointment.startsAt())) {
      throw new StateConflictException("Appointment " + appointmentId + " starts at " + appointment.startsAt() + "; "
          + outcome + " cannot be recorded before it starts");
    }
    return appointment;
  }

  /** The pair's appointment of that kind, if it has one. */
  Optional<BookedAppointment> appointment(AppointmentKind kind) {
    return appointments.stream().filter(a -> a.kind() == kind).findFirst();
  }

  List<Appointment> contractAppointments() {
    return appointments.stream().map(BookedAppointment::toContract).toList();
  }
}
