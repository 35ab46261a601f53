package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
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

  List<Appointment> contractAppointments() {
    return appointments.stream().map(BookedAppointment::toContract).toList();
  }
}
