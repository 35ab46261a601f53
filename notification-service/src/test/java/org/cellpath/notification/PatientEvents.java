package org.cellpath.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.fixtures.Contacts;

/** Fixtures: fresh events as other services publish them. Every call returns new ids. */
public final class PatientEvents {

  /** 2026-03-10 17:00 UTC: 10:00 in Los Angeles, 13:00 in New York (both on daylight time). */
  public static final Instant HARVEST_START = Instant.parse("2026-03-10T17:00:00Z");

  private PatientEvents() {}

  /**
   * A patient who gave a mobile number but no SMS consent: every message goes by email (SMS: {@code
   * SmsRulesIT}).
   */
  public static PatientContact patient(String email, String language, String timeZone) {
    return Contacts.patient()
        .email(email)
        .mobile("+13105550123")
        .language(language)
        .timeZone(timeZone)
        .build();
  }

  public static PatientContact englishPatient(String email) {
    return patient(email, "en", "America/Los_Angeles");
  }

  public static PatientContact spanishPatient(String email) {
    return patient(email, "es", "America/Los_Angeles");
  }

  public static ReferralSubmitted referralSubmitted(PatientContact patient) {
    return new ReferralSubmitted(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Instant.now(),
        patient,
        Contacts.physician("lee.morgan@harbor.example"));
  }

  /**
   * A same-day pair at the Pasadena site: collection 10:00-10:45 and injection 11:30-12:00, Los
   * Angeles time.
   */
  public static AppointmentPairBooked pairBooked(PatientContact patient) {
    return pairBooked(UUID.randomUUID(), patient);
  }

  public static AppointmentPairBooked pairBooked(UUID referralId, PatientContact patient) {
    Instant harvestEnd = HARVEST_START.plusSeconds(45 * 60);
    Instant injectionStart = harvestEnd.plusSeconds(45 * 60);
    return new AppointmentPairBooked(
        UUID.randomUUID(),
        referralId,
        Instant.now(),
        UUID.randomUUID(),
        List.of(
            new Appointment(
                UUID.randomUUID(),
                AppointmentKind.INJECTION,
                injectionStart,
                injectionStart.plusSeconds(30 * 60),
                "America/Los_Angeles",
                "Dr. Maya Chen",
                "CellPath Pasadena",
                "100 Colorado Blvd, Pasadena, CA 91105",
                "Procedure 2"),
            new Appointment(
                UUID.randomUUID(),
                AppointmentKind.HARVEST,
                HARVEST_START,
                harvestEnd,
                "America/Los_Angeles",
                "Dr. Maya Chen",
                "CellPath Pasadena",
                "100 Colorado Blvd, Pasadena, CA 91105",
                "Procedure 1")),
        patient);
  }
}
