package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.scheduling.planning.PlannedAppointment;

/** One appointment of a pair, with the names and place a patient and a scheduler need. */
public record BookedAppointment(
    UUID id,
    AppointmentKind kind,
    BookingStatus status,
    UUID slotId,
    Instant startsAt,
    Instant endsAt,
    ZoneId timeZone,
    UUID clinicianId,
    String clinicianName,
    UUID siteId,
    String siteName,
    String siteAddress,
    UUID roomId,
    String roomName) {

  /**
   * The appointment, its booking let go: a booked one is cancelled, one that took place or was
   * missed stays so.
   */
  BookedAppointment cancelled() {
    return status == BookingStatus.BOOKED ? withStatus(BookingStatus.CANCELLED) : this;
  }

  BookedAppointment withStatus(BookingStatus next) {
    return new BookedAppointment(
        id,
        kind,
        next,
        slotId,
        startsAt,
        endsAt,
        timeZone,
        clinicianId,
        clinicianName,
        siteId,
        siteName,
        siteAddress,
        roomId,
        roomName);
  }

  /** An appointment in a slot at that place. */
  static BookedAppointment at(
      UUID id,
      AppointmentKind kind,
      BookingStatus status,
      UUID slotId,
      Instant startsAt,
      Instant endsAt,
      Place place) {
    return new BookedAppointment(
        id,
        kind,
        status,
        slotId,
        startsAt,
        endsAt,
        place.timeZone(),
        place.clinicianId(),
        place.clinicianName(),
        place.siteId(),
        place.siteName(),
        place.siteAddress(),
        place.roomId(),
        place.roomName());
  }

  /** The same appointment (same id and status) in another slot, at the planned times. */
  BookedAppointment movedTo(PlannedAppointment to, Place place) {
    return at(id, kind, status, to.slot().slotId(), to.startsAt(), to.endsAt(), place);
  }

  /** As the events carry it. */
  Appointment toContract() {
    return new Appointment(
        id,
        kind,
        startsAt,
        endsAt,
        timeZone.getId(),
        clinicianName,
        siteName,
        siteAddress,
        roomName);
  }
}
