package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.notification.PatientEvents;
import org.cellpath.notification.PhysicianEvents;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;

class MessageComposerTest {

  /**
   * Words that would reveal where the cells come from, which side, or what is wrong, in either
   * language.
   */
  private static final List<String> CLINICAL_WORDS =
      List.of(
          "marrow",
          "médula",
          "adipose",
          "adiposo",
          " fat ",
          "grasa",
          "amniotic",
          "amniótic",
          "umbilical",
          "cord",
          "cordón",
          "iliac",
          "ilíac",
          "hip ",
          "cadera",
          "abdomen",
          "thigh",
          "muslo",
          "stem cell",
          "células madre",
          "tendon",
          "tendón",
          "ligament",
          "arthritis",
          "artritis",
          "fracture",
          "fractura",
          "achilles",
          "aquiles",
          "left",
          "right",
          "bilateral",
          "izquierd",
          "derech",
          "kellgren",
          "grade",
          "grado");

  private final MessageComposer composer =
      new MessageComposer(
          new MessageTemplates(),
          new ClinicProperties(
              "CellPath Foot & Ankle Clinic", "+1 555 010 0100", ZoneId.of("America/Los_Angeles")),
          new NotificationProperties(null, null, null));

  @Test
  void confirmsABookingInEnglishWithBothTimesPlaceAndClinician() {
    RenderedMessage message =
        composer
            .bookingConfirmation(
                PatientEvents.pairBooked(PatientEvents.englishPatient("ana@example.org")))
            .content();

    assertThat(message.subject())
        .isEqualTo("Your appointments at CellPath Foot & Ankle Clinic are booked");
    assertThat(message.textBody())
        .contains("Hello Ana,")
        .contains("Collection appointment")
        .contains(
            "Tuesday, March 10, 2026, "
                + time("10:00", Locale.US, "America/Los_Angeles")
                + " to "
                + time("10:45", Locale.US, "America/Los_Angeles"))
        .contains("Injection appointment")
        .contains(
            time("11:30", Locale.US, "America/Los_Angeles")
                + " to "
                + time("12:00", Locale.US, "America/Los_Angeles"))
        .contains("Times are shown in Pacific Time.")
        .contains("CellPath Pasadena, room Procedure 1")
        .contains("Address: 100 Colorado Blvd, Pasadena, CA 91105")
        .contains("With Dr. Maya Chen");
    assertThat(message.textBody().indexOf("Collection appointment"))
        .as("appointments in the order they happen")
        .isLessThan(message.textBody().indexOf("Injection appointment"));
  }

  @Test
  void showsTheTimesInThePatientsZoneRatherThanTheSites() {
    RenderedMessage message =
        composer
            .bookingConfirmation(
                PatientEvents.pairBooked(
                    PatientEvents.patient("ana@example.org", "en", "America/New_York")))
            .content();

    assertThat(message.textBody())
        .contains("Tuesday, March 10, 2026, " + time("13:00", Locale.US, "America/New_York"))
        .contains("Times are shown in Eastern Time.")
        .doesNotContain(time("10:00", Locale.US, "America/Los_Angeles") + " to");
  }

  @Test
  void fallsBackToTheSitesZoneWhenThePatientsZoneIsUnknown() {
    RenderedMessage message =
        composer
            .bookingConfirmation(
                PatientEvents.pairBooked(
                    PatientEvents.patient("ana@example.org", "en", "Mars/Olympus_Mons")))
            .content();

    assertThat(message.textBody()).contains("Times are shown in Pacific Time.");
  }

  @Test
  void listsEveryPreparationStepAndTheUsualSelfPayCost() {
    RenderedMessage message =
        composer
            .bookingConfirmation(
                PatientEvents.pairBooked(PatientEvents.englishPatient("ana@example.org")))
            .content();

    assertThat(Stream.of(message.textBody(), message.htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains(
                        "Stop anti-inflammatory pain relievers (NSAIDs such as ibuprofen or naproxen) 7 days before "
                            + "your appointment, starting Tuesday, March 3, 2026.")
                    .contains(
                        "Keep taking the medicines your doctors prescribed, unless we tell you otherwise.")
                    .contains("If you take a blood thinner, call us at +1 555 010 0100")
                    .contains("Wear loose, comfortable clothing.")
                    .contains("If you will be sedated, bring an adult who can drive you home.")
                    .contains("self-pay"));
  }

  @Test
  void confirmsABookingInSpanishWithSpanishDatesAndTimes() {
    RenderedMessage message =
        composer
            .bookingConfirmation(
                PatientEvents.pairBooked(PatientEvents.spanishPatient("ana@example.org")))
            .content();
    Locale spanish = Locale.forLanguageTag("es-US");

    assertThat(message.subject())
        .isEqualTo("Sus citas en CellPath Foot & Ankle Clinic están programadas");
    assertThat(message.textBody())
        .contains("Hola, Ana:")
        .contains("Cita de extracción")
        .contains("Cita de inyección")
        .contains(
            "martes, 10 de marzo de 2026, de "
                + time("10:00", spanish, "America/Los_Angeles")
                + " a "
                + time("10:45", spanish, "America/Los_Angeles"))
        .contains("Los horarios se muestran en hora del Pacífico.")
        .contains("CellPath Pasadena, sala Procedure 1")
        .contains("Con Dr. Maya Chen")
        .contains(
            "Deje de tomar analgésicos antiinflamatorios (AINE, como ibuprofeno o naproxeno) 7 días antes de "
                + "su cita, a partir del martes, 3 de marzo de 2026.")
        .contains("Siga tomando los medicamentos que le recetaron sus médicos")
        .contains("Si toma un anticoagulante")
        .contains("ropa holgada")
        .contains("un adulto que pueda llevarlo a casa")
        .contains("el seguro no cubre este tratamiento");
    assertThat(message.htmlBody()).contains("lang=\"es\"").contains("Cómo prepararse");
  }

  @Test
  void answersInEnglishWhenThePatientsLanguageIsNotOffered() {
    ComposedMessage message =
        composer.bookingConfirmation(
            PatientEvents.pairBooked(
                PatientEvents.patient("ana@example.org", "fr", "America/Los_Angeles")));

    assertThat(message.language()).isEqualTo("en");
    assertThat(message.content().subject()).startsWith("Your appointments");
  }

  @Test
  void tellsThePatientTheReferralArrivedAndWillBeReviewed() {
    RenderedMessage english =
        composer
            .referralReceived(
                PatientEvents.referralSubmitted(PatientEvents.englishPatient("ana@example.org")))
            .content();
    RenderedMessage spanish =
        composer
            .referralReceived(
                PatientEvents.referralSubmitted(PatientEvents.spanishPatient("ana@example.org")))
            .content();

    assertThat(english.subject())
        .isEqualTo("CellPath Foot & Ankle Clinic has received your referral");
    assertThat(english.textBody())
        .contains("We have received it, and our clinical team will review it.")
        .contains("Questions? Call CellPath Foot & Ankle Clinic at +1 555 010 0100.");
    assertThat(spanish.subject()).isEqualTo("CellPath Foot & Ankle Clinic recibió su remisión");
    assertThat(spanish.textBody()).contains("La recibimos y nuestro equipo clínico la revisará.");
  }

  @Test
  void tellsThePatientTheReferralWasApprovedAndWillBeScheduled() {
    PhysicianContact physician = PhysicianEvents.physician("lee.morgan@harbor.example");
    RenderedMessage english =
        composer
            .decisionApproved(
                PhysicianEvents.approved(
                    PatientEvents.englishPatient("ana@example.org"), physician))
            .content();
    RenderedMessage spanish =
        composer
            .decisionApproved(
                PhysicianEvents.approved(
                    PatientEvents.spanishPatient("ana@example.org"), physician))
            .content();

    assertThat(english.subject())
        .isEqualTo("CellPath Foot & Ankle Clinic has approved your referral");
    assertThat(Stream.of(english.textBody(), english.htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("Hello Ana,")
                    .contains("Our clinical team has reviewed your referral to CellPath Foot &")
                    .contains(
                        "We will now schedule your appointments and write to you with the times"));
    assertThat(spanish.subject()).isEqualTo("CellPath Foot & Ankle Clinic aprobó su remisión");
    assertThat(spanish.textBody())
        .contains("Hola, Ana:")
        .contains(
            "Nuestro equipo clínico revisó su remisión a CellPath Foot & Ankle Clinic y la aprobó.")
        .contains("Ahora programaremos sus citas");
    assertThat(spanish.htmlBody())
        .contains("lang=\"es\"")
        .contains("Ahora programaremos sus citas");
  }

  @Test
  void tellsThePatientOfADeclineThatTheirPhysicianWillDiscussOtherOptions() {
    PhysicianContact physician = PhysicianEvents.physician("lee.morgan@harbor.example");
    RenderedMessage english =
        composer
            .decisionDeclined(
                PhysicianEvents.declined(
                    PatientEvents.englishPatient("ana@example.org"), physician))
            .content();
    RenderedMessage spanish =
        composer
            .decisionDeclined(
                PhysicianEvents.declined(
                    PatientEvents.spanishPatient("ana@example.org"), physician))
            .content();

    assertThat(english.subject())
        .isEqualTo("An update on your referral to CellPath Foot & Ankle Clinic");
    assertThat(Stream.of(english.textBody(), english.htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("Hello Ana,")
                    .contains("We will not be scheduling appointments for you.")
                    .contains("Your physician will discuss other options with you."));
    assertThat(spanish.subject())
        .isEqualTo("Novedades sobre su remisión a CellPath Foot & Ankle Clinic");
    assertThat(spanish.textBody())
        .contains("Hola, Ana:")
        .contains("No programaremos citas para usted.")
        .contains("Su médico hablará con usted sobre otras opciones.");
    assertThat(spanish.htmlBody()).contains("lang=\"es\"");
  }

  @Test
  void greetsWithoutANameWhenThePatientHasNone() {
    RenderedMessage message =
        composer
            .referralReceived(
                PatientEvents.referralSubmitted(
                    new PatientContact(
                        null, null, "ana@example.org", null, "en", null, false, null)))
            .content();

    assertThat(message.textBody()).startsWith("Hello,");
  }

  @Test
  void neverNamesACellSourceOrACondition() {
    for (String language : List.of("en", "es")) {
      PatientContact patient =
          PatientEvents.patient("ana@example.org", language, "America/Los_Angeles");
      for (RenderedMessage message : everyMessage(patient)) {
        for (String text : List.of(message.subject(), message.textBody(), message.htmlBody())) {
          String lower = text.toLowerCase(Locale.ROOT);
          assertThat(CLINICAL_WORDS).as(language).noneMatch(lower::contains);
        }
      }
    }
  }

  @Test
  void everyTextHasATranslationAndNoPlaceholderIsLeft() {
    for (String language : List.of("en", "es")) {
      PatientContact patient =
          PatientEvents.patient("ana@example.org", language, "America/Los_Angeles");
      for (RenderedMessage message : everyMessage(patient)) {
        assertThat(Stream.of(message.subject(), message.textBody(), message.htmlBody()))
            .noneMatch(text -> text.contains("??") || text.contains("{0}") || text.contains("[("));
      }
    }
  }

  @Test
  void escapesValuesInTheHtmlAlternative() {
    PatientContact patient =
        new PatientContact(
            "<b>Ana</b>",
            "Rivera",
            "ana@example.org",
            null,
            "en",
            null,
            false,
            "America/Los_Angeles");
    RenderedMessage message =
        composer.bookingConfirmation(PatientEvents.pairBooked(patient)).content();

    assertThat(message.htmlBody())
        .contains("Hello &lt;b&gt;Ana&lt;/b&gt;,")
        .doesNotContain("<b>Ana</b>");
  }

  @Test
  void refusesABookingWithoutAppointments() {
    AppointmentPairBooked empty =
        new AppointmentPairBooked(
            UUID.randomUUID(),
            UUID.randomUUID(),
            Instant.now(),
            UUID.randomUUID(),
            List.of(),
            PatientEvents.englishPatient("ana@example.org"));

    assertThatThrownBy(() -> composer.bookingConfirmation(empty))
        .isInstanceOf(RejectedEventException.class);
  }

  /**
   * Every patient message, from events as full as they come: the approval carries a cell source and
   * a side, the decline a clinical reason (grade 4 arthritis), none of which may show.
   */
  private List<RenderedMessage> everyMessage(PatientContact patient) {
    PhysicianContact physician = PhysicianEvents.physician("lee.morgan@harbor.example");
    List<RenderedMessage> messages =
        new ArrayList<>(
            List.of(
                composer.referralReceived(PatientEvents.referralSubmitted(patient)).content(),
                composer.bookingConfirmation(PatientEvents.pairBooked(patient)).content(),
                composer.decisionDeclined(PhysicianEvents.declined(patient, physician)).content()));
    for (CellSource source : CellSource.values()) {
      messages.add(
          composer
              .decisionApproved(PhysicianEvents.approved(source, patient, physician))
              .content());
    }
    return messages;
  }

  /**
   * A wall-clock time as the JDK formats it for the locale (spaces before AM/PM differ between JDK
   * versions).
   */
  private static String time(String hhmm, Locale locale, String zone) {
    return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
        .withLocale(locale)
        .format(LocalTime.parse(hhmm).atDate(LocalDate.of(2026, 3, 10)).atZone(ZoneId.of(zone)));
  }
}
