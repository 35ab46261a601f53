package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;

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

  /** As the events carry it. */
  Appointment toContract() {
    return new Appointment(id, kind, startsAt, endsAt, timeZone.getId(), clinicianName, siteName, siteAddress,
        roomName);
  }
}
