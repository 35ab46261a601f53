package org.cellpath.notification;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.fixtures.Contacts;

/**
 * One appointment pair through its life, for the reminder tests: booked, moved, cancelled, its
 * injection done. The harvest is at 08:30 and the injection at 10:00 on the day given, Los Angeles
 * time; appointment ids stay the same through a reschedule, as scheduling-service keeps them.
 */
public final class ReminderEvents {

  public static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  public static final String SCHEDULING = "/cellpath/scheduling-service";

  private final UUID referralId = UUID.randomUUID();
  private final UUID pairId = UUID.randomUUID();
  private final UUID harvestId = UUID.randomUUID();
  private final UUID injectionId = UUID.randomUUID();
  private final PatientContact patient;

  public ReminderEvents(PatientContact patient) {
    this.patient = patient;
  }

  /** A patient who takes email only (no SMS consent), in Los Angeles. */
  public static PatientContact emailOnlyPatient(String email) {
    return Contacts.patient().email(email).timeZone(LOS_ANGELES.getId()).build();
  }

  /** A patient who consented to SMS, with a mobile number, in Los Angeles. */
  public static PatientContact smsPatient(String email, String mobilePhone) {
    return Contacts.patient()
        .email(email)
        .smsWith(mobilePhone)
        .timeZone(LOS_ANGELES.getId())
        .build();
  }

  /** A moment in Los Angeles. */
  public static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(LOS_ANGELES).toInstant();
  }

  public UUID referralId() {
    return referralId;
  }

  public UUID pairId() {
    return pairId;
  }

  public PatientContact patient() {
    return patient;
  }

  public AppointmentPairBooked booked(String day, Instant occurredAt) {
    return new AppointmentPairBooked(
        UUID.randomUUID(), referralId, occurredAt, pairId, appointments(day), patient);
  }

  public AppointmentPairRescheduled rescheduled(String day, int sequence, Instant occurredAt) {
    return new AppointmentPairRescheduled(
        UUID.randomUUID(), referralId, occurredAt, pairId, sequence, appointments(day), patient);
  }

  public AppointmentPairCancelled cancelled(String day, int sequence, Instant occurredAt) {
    return new AppointmentPairCancelled(
        UUID.randomUUID(), referralId, occurredAt, pairId, sequence, appointments(day), patient);
  }

  public AppointmentCompleted injectionCompleted(String day, Instant occurredAt) {
    return new AppointmentCompleted(
        UUID.randomUUID(), referralId, occurredAt, pairId, appointments(day).get(1), null, patient);
  }

  /**
   * A message due at once to another address: once it arrives, the dispatcher has looked at
   * everything due.
   */
  public static ReferralSubmitted canary(String email, Instant occurredAt) {
    return new ReferralSubmitted(
        UUID.randomUUID(),
        UUID.randomUUID(),
        occurredAt,
        emailOnlyPatient(email),
        Contacts.physician("lee.morgan@harbor.example"));
  }

  private List<Appointment> appointments(String day) {
    Instant harvest = local(day + "T08:30:00");
    Instant injection = local(day + "T10:00:00");
    return List.of(
        new Appointment(
            harvestId,
            AppointmentKind.HARVEST,
            harvest,
            harvest.plusSeconds(45 * 60),
            LOS_ANGELES.getId(),
            "Dr. Maya Chen",
            "CellPath Pasadena",
            "100 Colorado Blvd, Pasadena, CA 91105",
            "Procedure 1"),
        new Appointment(
            injectionId,
            AppointmentKind.INJECTION,
            injection,
            injection.plusSeconds(30 * 60),
            LOS_ANGELES.getId(),
            "Dr. Maya Chen",
            "CellPath Pasadena",
            "100 Colorado Blvd, Pasadena, CA 91105",
            "Procedure 2"));
  }
}
