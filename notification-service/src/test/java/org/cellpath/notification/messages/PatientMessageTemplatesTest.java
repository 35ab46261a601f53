package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.PatientContact;
import org.cellpath.notification.PatientEvents;
import org.cellpath.notification.PhysicianEvents;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each patient message says, in English and Spanish, for the reminders and follow-ups and
 * across every kind.
 */
class PatientMessageTemplatesTest {

  private static final Locale SPANISH = Locale.forLanguageTag("es-US");
  private static final String LA = "America/Los_Angeles";

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
          new ClinicProperties("CellPath Foot & Ankle Clinic", "+1 555 010 0100", ZoneId.of(LA)),
          new NotificationProperties(null, null, null));

  @Test
  void aRescheduleGivesTheNewTimesPlaceAndClinicianAndSaysTheEarlierTimesNoLongerApply() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    ComposedMessage message =
        composer.rescheduled(PairFixtures.rescheduled(booked, 1, Duration.ofHours(167)));

    assertThat(message.content().subject())
        .isEqualTo("Your appointments at CellPath Foot & Ankle Clinic have new times");
    assertThat(Stream.of(message.content().textBody(), message.content().htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("The earlier times no longer apply")
                    .contains(
                        "Tuesday, March 17, 2026, "
                            + time("09:00", Locale.US)
                            + " to "
                            + time("09:45", Locale.US))
                    .contains("CellPath Glendale")
                    .contains("200 Brand Blvd, Glendale, CA 91203")
                    .contains("With Dr. Omar Haddad")
                    .contains("starting Tuesday, March 10, 2026")
                    .doesNotContain("Tuesday, March 10, 2026, "));
    assertThat(message.sms())
        .contains("Tue, Mar 17 at " + time("09:00", Locale.US).replace('\u202F', ' '))
        .contains("CellPath Glendale");
  }

  @Test
  void aRescheduleInSpanish() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.spanishPatient("ana@example.org"));
    ComposedMessage message =
        composer.rescheduled(PairFixtures.rescheduled(booked, 1, Duration.ofHours(167)));

    assertThat(message.content().subject())
        .isEqualTo("Sus citas en CellPath Foot & Ankle Clinic tienen nuevos horarios");
    assertThat(message.content().textBody())
        .contains("Hola, Ana:")
        .contains("Los horarios anteriores ya no son válidos")
        .contains("martes, 17 de marzo de 2026, de " + time("09:00", SPANISH))
        .contains("Con Dr. Omar Haddad")
        .contains("a partir del martes, 10 de marzo de 2026");
    assertThat(message.content().htmlBody())
        .contains("lang=\"es\"")
        .contains("Los horarios anteriores");
    assertThat(message.sms())
        .contains("su visita pasa al 17 de marzo a las 9:00 a. m., CellPath Glendale");
  }

  @Test
  void aCancellationSaysWhichAppointmentsAreCancelledAndThatTheClinicWillBeInTouch() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    ComposedMessage message = composer.cancelled(PairFixtures.cancelled(booked, 1));

    assertThat(message.content().subject())
        .isEqualTo("Your appointments at CellPath Foot & Ankle Clinic are cancelled");
    assertThat(Stream.of(message.content().textBody(), message.content().htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("are cancelled")
                    .contains("Tuesday, March 10, 2026, " + time("10:00", Locale.US))
                    .contains(
                        "We will contact you about what happens next. You can also call us at +1 555 010 0100."));
    assertThat(message.sms())
        .isEqualTo(
            "CellPath Foot & Ankle Clinic: your visit on Tue, Mar 10 is cancelled. "
                + "We will call you, or call us at +1 555 010 0100. Reply STOP to opt out");
  }

  @Test
  void aCancellationInSpanish() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.spanishPatient("ana@example.org"));
    ComposedMessage message = composer.cancelled(PairFixtures.cancelled(booked, 1));

    assertThat(message.content().subject())
        .isEqualTo("Sus citas en CellPath Foot & Ankle Clinic están canceladas");
    assertThat(message.content().textBody())
        .contains("están canceladas")
        .contains("martes, 10 de marzo de 2026")
        .contains("Nos comunicaremos con usted")
        .contains("llamarnos al +1 555 010 0100");
    assertThat(message.sms())
        .isEqualTo(
            "CellPath Foot & Ankle Clinic: su visita del 10 de marzo queda cancelada. "
                + "Le llamaremos, o llame usted al +1 555 010 0100. Reply STOP to opt out");
  }

  @Test
  void theNsaidPauseReminderSaysToStartTodayWithTheAppointmentAndTheMedicineAdvice() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    ComposedMessage message = composer.nsaidPauseReminder(booked.patient(), booked.appointments());

    assertThat(message.sms()).as("email only").isNull();
    assertThat(message.content().subject()).startsWith("Start your NSAID pause today");
    assertThat(Stream.of(message.content().textBody(), message.content().htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains(
                        "Starting today, Tuesday, March 3, 2026, stop anti-inflammatory pain relievers (NSAIDs")
                    .contains("Tuesday, March 10, 2026, " + time("10:00", Locale.US))
                    .contains("CellPath Pasadena")
                    .contains("Keep taking the medicines your doctors prescribed")
                    .contains("If you take a blood thinner, call us at +1 555 010 0100"));
  }

  @Test
  void theNsaidPauseReminderInSpanish() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.spanishPatient("ana@example.org"));
    RenderedMessage message =
        composer.nsaidPauseReminder(booked.patient(), booked.appointments()).content();

    assertThat(message.subject()).startsWith("Deje hoy los antiinflamatorios");
    assertThat(message.textBody())
        .contains(
            "A partir de hoy, martes, 3 de marzo de 2026, deje de tomar analgésicos antiinflamatorios")
        .contains("martes, 10 de marzo de 2026, de " + time("10:00", SPANISH))
        .contains("Siga tomando los medicamentos")
        .contains("Si toma un anticoagulante, llámenos al +1 555 010 0100");
  }

  @Test
  void remindersThreeDaysAndOneDayBeforeGiveTimeAndPlaceBySmsAndByEmail() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    ComposedMessage inThreeDays =
        composer.appointmentReminder(booked.patient(), booked.appointments(), 3);
    ComposedMessage tomorrow =
        composer.appointmentReminder(booked.patient(), booked.appointments(), 1);
    String tenAm = time("10:00", Locale.US).replace('\u202F', ' ');

    assertThat(inThreeDays.sms())
        .isEqualTo(
            "CellPath Foot & Ankle Clinic: see you in 3 days, Tue, Mar 10 at "
                + tenAm
                + ", CellPath Pasadena. Questions? Call +1 555 010 0100. Reply STOP to opt out");
    assertThat(tomorrow.sms())
        .isEqualTo(
            "CellPath Foot & Ankle Clinic: see you tomorrow, Tue, Mar 10 at "
                + tenAm
                + ", CellPath Pasadena. Questions? Call +1 555 010 0100. Reply STOP to opt out");
    assertThat(inThreeDays.content().subject())
        .isEqualTo("Reminder: your appointment at CellPath Foot & Ankle Clinic is in 3 days");
    assertThat(tomorrow.content().subject())
        .isEqualTo("Reminder: your appointment at CellPath Foot & Ankle Clinic is tomorrow");
    assertThat(Stream.of(inThreeDays.content().textBody(), tomorrow.content().htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("Tuesday, March 10, 2026, " + time("10:00", Locale.US))
                    .contains("CellPath Pasadena, room Procedure 1")
                    .contains("100 Colorado Blvd, Pasadena, CA 91105"));
  }

  @Test
  void remindersInSpanish() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.spanishPatient("ana@example.org"));
    ComposedMessage inThreeDays =
        composer.appointmentReminder(booked.patient(), booked.appointments(), 3);
    ComposedMessage tomorrow =
        composer.appointmentReminder(booked.patient(), booked.appointments(), 1);

    assertThat(inThreeDays.content().subject())
        .isEqualTo("Recordatorio: su cita en CellPath Foot & Ankle Clinic es en 3 días");
    assertThat(tomorrow.content().subject())
        .isEqualTo("Recordatorio: su cita en CellPath Foot & Ankle Clinic es mañana");
    assertThat(tomorrow.content().textBody())
        .contains("martes, 10 de marzo de 2026")
        .contains("sala Procedure 1");
    assertThat(inThreeDays.sms())
        .isEqualTo(
            "CellPath Foot & Ankle Clinic: le esperamos el 10 de marzo a las "
                + "10:00 a. m., CellPath Pasadena. ¿Dudas? Llame al +1 555 010 0100. Reply STOP to opt out");
    assertThat(tomorrow.sms())
        .isEqualTo(
            "CellPath Foot & Ankle Clinic: le esperamos mañana, 10 de marzo, a las "
                + "10:00 a. m., CellPath Pasadena. ¿Dudas? Llame al +1 555 010 0100. Reply STOP to opt out");
  }

  @Test
  void remindersShowTheTimeInThePatientsZone() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.patient("ana@example.org", "en", "America/New_York"));
    ComposedMessage reminder =
        composer.appointmentReminder(booked.patient(), booked.appointments(), 1);

    assertThat(reminder.sms()).contains("Tue, Mar 10 at 1:00 PM");
    assertThat(reminder.content().textBody()).contains("Times are shown in Eastern Time.");
  }

  @Test
  void aReminderComesAtLeastOneDayBeforeAndNeedsAnAppointment() {
    PatientContact patient = PatientEvents.englishPatient("ana@example.org");
    AppointmentPairBooked booked = PairFixtures.booked(patient);

    assertThatThrownBy(() -> composer.appointmentReminder(patient, booked.appointments(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> composer.appointmentReminder(patient, List.of(), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDayAfterCheckInSaysNoNsaidsForTwoWeeksHowToManagePainAndWhomToCall() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    ComposedMessage message =
        composer.followUp(booked.patient(), PairFixtures.injectionOf(booked), FollowUpStage.DAY_1);

    assertThat(message.sms()).isNull();
    assertThat(message.content().subject())
        .isEqualTo("How are you feeling? Your check-in from CellPath Foot & Ankle Clinic");
    assertThat(Stream.of(message.content().textBody(), message.content().htmlBody()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains(
                        "For 2 weeks after your appointment, until Tuesday, March 24, 2026, do not take "
                            + "anti-inflammatory pain relievers")
                    .contains("acetaminophen (Tylenol)")
                    .contains("Call us at +1 555 010 0100 if the pain gets much worse")
                    .contains("In an emergency, call 911."));
  }

  @Test
  void theDayAfterCheckInInSpanish() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.spanishPatient("ana@example.org"));
    RenderedMessage message =
        composer
            .followUp(booked.patient(), PairFixtures.injectionOf(booked), FollowUpStage.DAY_1)
            .content();

    assertThat(message.subject())
        .isEqualTo("¿Cómo se siente? Seguimiento de CellPath Foot & Ankle Clinic");
    assertThat(message.textBody())
        .contains("hasta el martes, 24 de marzo de 2026, no tome analgésicos antiinflamatorios")
        .contains("acetaminofén (Tylenol)")
        .contains("Llámenos al +1 555 010 0100 si el dolor empeora");
  }

  @Test
  void laterFollowUpsCallForTheVisitAndOutcomeCheckWithHowToBookIt() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    for (FollowUpStage stage :
        List.of(
            FollowUpStage.WEEK_2,
            FollowUpStage.WEEK_6,
            FollowUpStage.WEEK_12,
            FollowUpStage.WEEK_24)) {
      int weeks = stage.daysAfterInjection() / 7;
      ComposedMessage message =
          composer.followUp(booked.patient(), PairFixtures.injectionOf(booked), stage);

      assertThat(message.sms()).isNull();
      assertThat(message.content().subject())
          .as(stage.name())
          .isEqualTo("Your " + weeks + "-week follow-up with CellPath Foot & Ankle Clinic");
      assertThat(Stream.of(message.content().textBody(), message.content().htmlBody()))
          .as(stage.name())
          .allSatisfy(
              body ->
                  assertThat(body)
                      .contains(
                          "It has been "
                              + weeks
                              + " weeks since your appointment on Tuesday, March 10, 2026.")
                      .contains("follow-up visit and outcome check")
                      .contains(
                          "We will contact you to arrange the visit. You can also book it yourself by calling us at "
                              + "+1 555 010 0100."));
      assertThat(
              message.content().textBody().contains("This is your last scheduled follow-up visit."))
          .as(stage.name())
          .isEqualTo(stage == FollowUpStage.WEEK_24);
    }
  }

  @Test
  void laterFollowUpsInSpanish() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.spanishPatient("ana@example.org"));
    RenderedMessage message =
        composer
            .followUp(booked.patient(), PairFixtures.injectionOf(booked), FollowUpStage.WEEK_6)
            .content();

    assertThat(message.subject())
        .isEqualTo("Su seguimiento de 6 semanas con CellPath Foot & Ankle Clinic");
    assertThat(message.textBody())
        .contains("Han pasado 6 semanas desde su cita del martes, 10 de marzo de 2026.")
        .contains("visita de seguimiento y revisión de resultados")
        .contains("Nos comunicaremos con usted para programar la visita")
        .contains("llamándonos al +1 555 010 0100");
  }

  @Test
  void theBookingConfirmationNowCarriesAnSmsTextAndACalendarFile() {
    ComposedMessage message =
        composer.bookingConfirmation(
            PairFixtures.booked(PatientEvents.englishPatient("ana@example.org")));

    assertThat(message.sms())
        .isEqualTo(
            "CellPath Foot & Ankle Clinic: your visit is booked for Tue, Mar 10 at "
                + time("10:00", Locale.US).replace('\u202F', ' ')
                + ", CellPath Pasadena. Questions? Call +1 555 010 0100. Reply STOP to opt out");
    assertThat(message.content().calendar()).contains("METHOD:REQUEST").contains("SEQUENCE:0");
    assertThat(message.content().textBody())
        .contains("The attached calendar file adds your appointments");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "es"})
  void aPatientWithoutEmailGetsThePreparationAndAfterCareAsShortSmsWithTheLinkPlace(
      String language) {
    PatientContact noEmail = PatientEvents.patient(null, language, "America/Los_Angeles");
    AppointmentPairBooked booked = PairFixtures.booked(noEmail);
    String link = org.cellpath.notification.delivery.NewNotification.LinkTo.PLACEHOLDER;

    List<String> texts =
        List.of(
            composer.nsaidPauseReminder(noEmail, booked.appointments()).sms(),
            composer
                .followUp(noEmail, PairFixtures.injectionOf(booked), FollowUpStage.DAY_1, true)
                .sms(),
            composer
                .followUp(noEmail, PairFixtures.injectionOf(booked), FollowUpStage.WEEK_2, true)
                .sms(),
            composer.bookingConfirmation(booked).sms());

    assertThat(texts)
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains(
                        ("es".equals(language)
                                ? "Confirme, cambie o cancele: "
                                : "Confirm, change or cancel: ")
                            + link)
                    .contains("+1 555 010 0100")
                    .endsWith("Reply STOP to opt out"));
    assertThat(texts.get(0)).contains("es".equals(language) ? "ibuprofeno" : "ibuprofen");
    assertThat(texts.get(1)).contains("es".equals(language) ? "fiebre" : "fever");
    // Without the link, each is one segment under the SMS rules.
    assertThat(texts)
        .allSatisfy(
            text ->
                assertThat(
                        text.replace(
                                ("es".equals(language)
                                        ? " Confirme, cambie o cancele: "
                                        : " Confirm, change or cancel: ")
                                    + link,
                                "")
                            .length())
                    .isLessThanOrEqualTo(160));
  }

  static Stream<Arguments> everyPatientKindInBothLanguages() {
    return Arrays.stream(MessageKind.values())
        .filter(kind -> !kind.name().startsWith("PHYSICIAN_"))
        // the answers to a patient's SMS are no event's message: SmsTexts checks their texts
        .filter(kind -> !kind.answer())
        .flatMap(kind -> Stream.of(Arguments.of(kind, "en"), Arguments.of(kind, "es")));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyPatientKindInBothLanguages")
  void everyPatientKindIsWrittenInThePatientsLanguageWithNothingLeftUnresolvedAndNothingClinical(
      MessageKind kind, String language) {
    ComposedMessage message = compose(kind, PatientEvents.patient("ana@example.org", language, LA));
    RenderedMessage content = message.content();

    assertThat(message.language()).isEqualTo(language);
    assertThat(content.textBody())
        .startsWith("es".equals(language) ? "Hola, Ana:" : "Hello Ana,")
        .contains(
            "es".equals(language)
                ? "Llame a CellPath Foot & Ankle Clinic al +1 555 010 0100."
                : "Call CellPath Foot & Ankle Clinic at +1 555 010 0100.");
    assertThat(content.htmlBody()).contains("lang=\"" + language + "\"");
    assertThat(Stream.of(content.subject(), content.textBody(), content.htmlBody()))
        .noneMatch(
            text ->
                text.contains("??")
                    || text.contains("{0}")
                    || text.contains("[(")
                    || text.contains("${"));
    for (String text : List.of(content.subject(), content.textBody(), content.htmlBody())) {
      assertThat(CLINICAL_WORDS).noneMatch(text.toLowerCase(Locale.ROOT)::contains);
    }
    boolean hasSms =
        switch (kind) {
          case BOOKING_CONFIRMATION,
              BOOKING_RESCHEDULED,
              BOOKING_CANCELLED,
              APPOINTMENT_REMINDER_3_DAYS,
              APPOINTMENT_REMINDER_1_DAY,
              WAITLIST_OFFER,
              OUTCOME_SURVEY,
              OUTCOME_SURVEY_REMINDER ->
              true;
          default -> false;
        };
    assertThat(message.sms() != null).as("SMS text").isEqualTo(hasSms);
    boolean hasCalendar =
        switch (kind) {
          case BOOKING_CONFIRMATION, BOOKING_RESCHEDULED, BOOKING_CANCELLED -> true;
          default -> false;
        };
    assertThat(content.calendar() != null).as("calendar file").isEqualTo(hasCalendar);
  }

  /**
   * The message of a kind, composed from fixtures; a patient kind without a case here fails the
   * test above.
   */
  private ComposedMessage compose(MessageKind kind, PatientContact patient) {
    AppointmentPairBooked booked = PairFixtures.booked(patient);
    return switch (kind) {
      case REFERRAL_RECEIVED -> composer.referralReceived(PatientEvents.referralSubmitted(patient));
      case DECISION_APPROVED ->
          composer.decisionApproved(
              PhysicianEvents.approved(
                  patient, PhysicianEvents.physician("lee.morgan@harbor.example")));
      case DECISION_DECLINED ->
          composer.decisionDeclined(
              PhysicianEvents.declined(
                  patient, PhysicianEvents.physician("lee.morgan@harbor.example")));
      case BOOKING_CONFIRMATION -> composer.bookingConfirmation(booked);
      case BOOKING_RESCHEDULED ->
          composer.rescheduled(PairFixtures.rescheduled(booked, 1, Duration.ofDays(1)));
      case BOOKING_CANCELLED -> composer.cancelled(PairFixtures.cancelled(booked, 1));
      case NSAID_PAUSE_REMINDER -> composer.nsaidPauseReminder(patient, booked.appointments());
      case APPOINTMENT_REMINDER_3_DAYS ->
          composer.appointmentReminder(patient, booked.appointments(), 3);
      case APPOINTMENT_REMINDER_1_DAY ->
          composer.appointmentReminder(patient, booked.appointments(), 1);
      case FOLLOW_UP_DAY_1,
          FOLLOW_UP_WEEK_2,
          FOLLOW_UP_WEEK_6,
          FOLLOW_UP_WEEK_12,
          FOLLOW_UP_WEEK_24 ->
          composer.followUp(
              patient,
              PairFixtures.injectionOf(booked),
              Arrays.stream(FollowUpStage.values())
                  .filter(stage -> stage.kind() == kind)
                  .findFirst()
                  .orElseThrow());
      case WAITLIST_OFFER ->
          composer.waitlistOffer(
              new org.cellpath.contracts.WaitlistOfferMade(
                  java.util.UUID.randomUUID(),
                  booked.referralId(),
                  booked.occurredAt(),
                  booked.pairId(),
                  booked.occurredAt().plus(Duration.ofHours(4)),
                  booked.appointments(),
                  patient));
      case OUTCOME_SURVEY, OUTCOME_SURVEY_REMINDER ->
          composer.outcomeSurvey(
              new org.cellpath.contracts.OutcomeSurveyDue(
                  java.util.UUID.randomUUID(),
                  booked.referralId(),
                  booked.occurredAt(),
                  java.util.UUID.randomUUID(),
                  org.cellpath.contracts.SurveyTimePoint.WEEK_6,
                  kind == MessageKind.OUTCOME_SURVEY_REMINDER,
                  booked.occurredAt().plus(Duration.ofDays(14)),
                  patient));
      default -> throw new AssertionError("no patient message composed for " + kind);
    };
  }

  /** A wall-clock time on 2026-03-10 as the JDK formats it for the locale in Los Angeles. */
  private static String time(String hhmm, Locale locale) {
    return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
        .withLocale(locale)
        .format(LocalTime.parse(hhmm).atDate(LocalDate.of(2026, 3, 10)).atZone(ZoneId.of(LA)));
  }
}
