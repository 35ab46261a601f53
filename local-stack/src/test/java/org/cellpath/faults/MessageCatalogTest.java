package org.cellpath.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.cellpath.localstack.RepoRoot;
import org.junit.jupiter.api.Test;

/**
 * The fault tests tell messages apart by their wording; a catalog that misread one would make every
 * count of that kind wrong, so it is checked against texts written from the bundles as
 * notification-service writes them.
 */
class MessageCatalogTest {

  private final MessageCatalog catalog = new MessageCatalog(RepoRoot.find());
  private final ZoneId zone = ZoneId.of("Asia/Kolkata");
  private final Instant start = Instant.parse("2027-01-12T09:30:00Z");

  @Test
  void readsEveryPatientSubjectInBothLanguages() {
    assertThat(catalog.patientEmail("CellPath Foot & Ankle Clinic has received your referral"))
        .hasValueSatisfying(kind -> assertThat(kind.name()).isEqualTo("REFERRAL_RECEIVED"));
    assertThat(catalog.patientEmail("Sus citas en CellPath Foot & Ankle Clinic están programadas"))
        .hasValueSatisfying(kind -> assertThat(kind.name()).isEqualTo("BOOKING_CONFIRMATION"));
    assertThat(
            catalog.patientEmail(
                "Reminder: your appointment at CellPath Foot & Ankle Clinic is tomorrow"))
        .hasValueSatisfying(
            kind -> assertThat(kind.name()).isEqualTo("APPOINTMENT_REMINDER_1_DAY"));
    assertThat(
            catalog.patientEmail(
                "Reminder: your appointment at CellPath Foot & Ankle Clinic is in 3 days"))
        .hasValueSatisfying(
            kind -> assertThat(kind.name()).isEqualTo("APPOINTMENT_REMINDER_3_DAYS"));
    assertThat(catalog.patientEmail("Your 12-week follow-up with CellPath Foot & Ankle Clinic"))
        .hasValueSatisfying(kind -> assertThat(kind.name()).isEqualTo("FOLLOW_UP_WEEK_12"));
    assertThat(
            catalog.patientEmail(
                "How are you doing? A short questionnaire from CellPath Foot & Ankle Clinic"))
        .hasValueSatisfying(kind -> assertThat(kind.name()).isEqualTo("OUTCOME_SURVEY"));
    assertThat(
            catalog.patientEmail(
                "Recordatorio: su cuestionario de CellPath Foot & Ankle Clinic sigue abierto"))
        .hasValueSatisfying(kind -> assertThat(kind.name()).isEqualTo("OUTCOME_SURVEY_REMINDER"));
    assertThat(catalog.patientEmail("Your parcel is waiting")).isEmpty();
  }

  @Test
  void readsPhysicianSubjectsWithTheirDecisionOrMilestone() {
    assertThat(catalog.physicianEmail("Referral 7f1c approved by CellPath Foot & Ankle Clinic"))
        .hasValueSatisfying(
            kind -> assertThat(kind.name()).isEqualTo("PHYSICIAN_DECISION:APPROVED"));
    assertThat(catalog.physicianEmail("Referral 7f1c: procedure moved"))
        .hasValueSatisfying(
            kind -> assertThat(kind.name()).isEqualTo("PHYSICIAN_MILESTONE:RESCHEDULED"));
  }

  @Test
  void readsAnSmsKindAndTheDateAndTimeItNamesAsTheServiceWritesThem() {
    for (String language : new String[] {"en", "es"}) {
      MessageCatalog.When when = catalog.smsWhen(start, language, zone);
      String text =
          catalog.smsText(
              "sms.booking-confirmation.short",
              language,
              "CellPath Foot & Ankle Clinic",
              when.date(),
              when.time(),
              "+1 555 010 0100");
      assertThat(catalog.sms(text))
          .as(text)
          .hasValueSatisfying(
              reading -> {
                assertThat(reading.kind().name()).isEqualTo("BOOKING_CONFIRMATION");
                assertThat(reading.date()).isEqualTo(when.date());
                assertThat(reading.time()).isEqualTo(when.time());
              });
      String tomorrow =
          catalog.smsText(
              "sms.appointment-reminder.tomorrow",
              language,
              "CellPath Foot & Ankle Clinic",
              when.date(),
              when.time(),
              "100 Market St",
              "+1 555 010 0100");
      assertThat(catalog.sms(tomorrow))
          .hasValueSatisfying(
              reading -> assertThat(reading.kind().name()).isEqualTo("APPOINTMENT_REMINDER_1_DAY"));
    }
    // A questionnaire's SMS: its text, then its link, then the opt-out words.
    String survey =
        catalog
            .smsText(
                "sms.outcome-survey.reminder",
                "en",
                "CellPath Foot & Ankle Clinic",
                "6 weeks after your visit",
                "Tue, Jan 12",
                "+1 555 010 0100")
            .replace(
                " Reply STOP",
                " Questionnaire: http://localhost:8084/q/" + "x".repeat(94) + " Reply STOP");
    assertThat(catalog.sms(survey))
        .as(survey)
        .hasValueSatisfying(
            reading -> {
              assertThat(reading.kind().name()).isEqualTo("OUTCOME_SURVEY_REMINDER");
              assertThat(reading.date()).isEqualTo("Tue, Jan 12");
            });
    assertThat(catalog.sms("Your code is 1234. Reply STOP to opt out")).isEmpty();
  }

  @Test
  void findsTheFirstAppointmentLineOfAnEmail() {
    MessageCatalog.When when = catalog.emailWhen(start, "en", zone);
    String line =
        new MessageFormat("{0}, {1} to {2}", Locale.US)
            .format(new Object[] {when.date(), when.time(), "4:00 PM"});
    assertThat(
            catalog.firstAppointment(
                "Hello Ana,\n\nCollection appointment\n  " + line + "\n  Site, room 1\n"))
        .contains(when);
    // The NSAID pause names the appointments after a sentence with a comma and a "to" of its own.
    assertThat(
            catalog.firstAppointment(
                "- If you take a blood thinner, call us at +1 555 010 0100 before your "
                    + "appointment to ask what to do.\n\nYour appointments\nCollection appointment\n  "
                    + line
                    + "\n"))
        .contains(when);
  }

  @Test
  void makesValidNpisForEveryPhysician() {
    assertThat(Cases.npi(23_456_789)).isEqualTo("1234567893");
    assertThat(Cases.npi(1)).hasSize(10).startsWith("100000001");
  }
}
