package org.cellpath.notification.messages;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.PatientContact;
import org.cellpath.notification.PatientEvents;

/**
 * Fixtures for the pair's later events, built from a booking as scheduling-service would. Fresh ids
 * every call.
 */
final class PairFixtures {

  /** When the fixtures' events happened: fixed, so calendar files can be compared. */
  static final Instant OCCURRED_AT = Instant.parse("2026-02-20T15:04:05Z");

  /** A site name too long to leave room in an SMS. */
  static final String LONG_SITE =
      "CellPath Rancho Cucamonga Outpatient Center at Victoria Gardens, Building C";

  static final String LONG_CLINICIAN =
      "Dr. Maximiliano Alejandro Fernández-Villaseñor de la Concepción";

  private PairFixtures() {}

  /** The booking of {@link PatientEvents#pairBooked}, with a fixed {@code occurredAt}. */
  static AppointmentPairBooked booked(PatientContact patient) {
    AppointmentPairBooked booked = PatientEvents.pairBooked(patient);
    return new AppointmentPairBooked(
        booked.eventId(),
        booked.referralId(),
        OCCURRED_AT,
        booked.pairId(),
        booked.appointments(),
        patient);
  }

  /** A booking at another site, with another clinician, at the same times. */
  static AppointmentPairBooked booked(PatientContact patient, String site, String clinician) {
    AppointmentPairBooked booked = booked(patient);
    return new AppointmentPairBooked(
        booked.eventId(),
        booked.referralId(),
        OCCURRED_AT,
        booked.pairId(),
        booked.appointments().stream()
            .map(
                a ->
                    new Appointment(
                        a.appointmentId(),
                        a.kind(),
                        a.startsAt(),
                        a.endsAt(),
                        a.timeZone(),
                        clinician,
                        site,
                        a.siteAddress(),
                        a.roomName()))
            .toList(),
        patient);
  }

  /**
   * The pair moved by {@code shift}, to the Glendale site with Dr. Omar Haddad; appointment ids
   * stay.
   */
  static AppointmentPairRescheduled rescheduled(
      AppointmentPairBooked booked, int sequence, Duration shift) {
    return new AppointmentPairRescheduled(
        UUID.randomUUID(),
        booked.referralId(),
        OCCURRED_AT.plusSeconds(3600),
        booked.pairId(),
        sequence,
        booked.appointments().stream()
            .map(
                a ->
                    new Appointment(
                        a.appointmentId(),
                        a.kind(),
                        a.startsAt().plus(shift),
                        a.endsAt().plus(shift),
                        a.timeZone(),
                        "Dr. Omar Haddad",
                        "CellPath Glendale",
                        "200 Brand Blvd, Glendale, CA 91203",
                        a.roomName()))
            .toList(),
        booked.patient());
  }

  /** The pair moved by {@code shift}, same site and clinician. */
  static AppointmentPairRescheduled moved(
      AppointmentPairBooked booked, int sequence, Duration shift) {
    return new AppointmentPairRescheduled(
        UUID.randomUUID(),
        booked.referralId(),
        OCCURRED_AT.plusSeconds(3600),
        booked.pairId(),
        sequence,
        booked.appointments().stream()
            .map(
                a ->
                    new Appointment(
                        a.appointmentId(),
                        a.kind(),
                        a.startsAt().plus(shift),
                        a.endsAt().plus(shift),
                        a.timeZone(),
                        a.clinicianName(),
                        a.siteName(),
                        a.siteAddress(),
                        a.roomName()))
            .toList(),
        booked.patient());
  }

  static AppointmentPairCancelled cancelled(AppointmentPairBooked booked, int sequence) {
    return new AppointmentPairCancelled(
        UUID.randomUUID(),
        booked.referralId(),
        OCCURRED_AT.plusSeconds(7200),
        booked.pairId(),
        sequence,
        booked.appointments(),
        booked.patient());
  }

  static Appointment injectionOf(AppointmentPairBooked booked) {
    return booked.appointments().stream()
        .filter(a -> a.kind() == AppointmentKind.INJECTION)
        .findFirst()
        .orElseThrow();
  }
}
