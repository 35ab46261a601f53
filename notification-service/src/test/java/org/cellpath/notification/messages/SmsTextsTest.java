package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.PatientContact;
import org.cellpath.notification.PatientEvents;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.clinic.ConfiguredClinic;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.sms.SmsRules;
import org.cellpath.notification.sms.SmsTexts;
import org.cellpath.notification.templates.Languages;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SMS text, in both languages, keeps the SMS rules, whatever the site and clinician are
 * called.
 */
class SmsTextsTest {

  /** The clinic as configured by default. */
  private static final ClinicProperties DEFAULT_CLINIC = ConfiguredClinic.byDefault();

  private final MessageTemplates templates = new MessageTemplates();
  private final MessageComposer composer =
      new MessageComposer(templates, DEFAULT_CLINIC, new NotificationProperties(null, null, null));
  private final SmsRules rules = new SmsRules(DEFAULT_CLINIC);

  /**
   * The sites and clinicians an SMS must cope with: the usual, a very long one, and one with a
   * clinical word.
   */
  static Stream<Arguments> everySmsTextInBothLanguages() {
    List<Arguments> cases = new ArrayList<>();
    for (String language : List.of("en", "es")) {
      for (String text :
          List.of("booking", "rescheduled", "cancelled", "reminder-3", "reminder-1")) {
        cases.add(Arguments.of(text, language, "CellPath Pasadena", "Dr. Maya Chen"));
        cases.add(Arguments.of(text, language, PairFixtures.LONG_SITE, "Dr. Maya Chen"));
        cases.add(Arguments.of(text, language, "CellPath Pasadena", PairFixtures.LONG_CLINICIAN));
        cases.add(Arguments.of(text, language, "Regenerative Therapy Center", "Dr. Maya Chen"));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} in {1} at {2} with {3}")
  @MethodSource("everySmsTextInBothLanguages")
  void everySmsTextKeepsTheRules(String text, String language, String site, String clinician) {
    PatientContact patient =
        PatientEvents.patient("ana@example.org", language, "America/Los_Angeles");
    String sms = sms(text, PairFixtures.booked(patient, site, clinician));

    assertThat(rules.brokenRules(sms)).as(sms).isEmpty();
    assertThat(sms.length()).as(sms).isLessThanOrEqualTo(160);
    assertThat(rules.forbiddenWordsIn(sms)).as(sms).isEmpty();
    assertThat(sms)
        .endsWith(" Reply STOP to opt out")
        .startsWith("CellPath Foot & Ankle Clinic: ")
        .contains("+1 555 010 0100")
        .doesNotContain("Ana")
        .doesNotContain("Rivera")
        .doesNotContain("Procedure")
        .doesNotContain(clinician);
    assertThat(SmsRules.isGsm7(sms)).as("one GSM-7 segment: " + sms).isTrue();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everySmsTextInBothLanguages")
  void theSiteIsNamedWhenItFitsAndLeftOutWhenItDoesNot(
      String text, String language, String site, String clinician) {
    PatientContact patient =
        PatientEvents.patient("ana@example.org", language, "America/Los_Angeles");
    String sms = sms(text, PairFixtures.booked(patient, site, clinician));

    if (text.equals("cancelled")) {
      assertThat(sms).doesNotContain(site);
    } else if (site.equals("CellPath Pasadena")) {
      assertThat(sms).contains(site);
    } else {
      assertThat(sms)
          .as("the short variant")
          .doesNotContain(site)
          .contains(language.equals("en") ? "10:00 AM" : "10:00 a. m.");
    }
  }

  @Test
  void theLongestDatesAndTimesStillKeepTheRules() {
    for (String language : List.of("en", "es")) {
      PatientContact patient =
          PatientEvents.patient("ana@example.org", language, "America/Los_Angeles");
      AppointmentPairBooked booked = PairFixtures.booked(patient);
      // Wednesday, September 30, 12:30 PM in Los Angeles: the longest month and time in both
      // languages.
      Duration toSeptember =
          Duration.between(PatientEvents.HARVEST_START, Instant.parse("2026-09-30T19:30:00Z"));
      AppointmentPairBooked september =
          new AppointmentPairBooked(
              booked.eventId(),
              booked.referralId(),
              booked.occurredAt(),
              booked.pairId(),
              PairFixtures.moved(booked, 1, toSeptember).appointments(),
              patient);
      for (String text :
          List.of("booking", "rescheduled", "cancelled", "reminder-3", "reminder-1")) {
        String sms = sms(text, september);
        assertThat(rules.brokenRules(sms)).as(sms).isEmpty();
        assertThat(sms).contains(language.equals("en") ? "Wed, Sep 30" : "30 de septiembre");
        if (!text.equals("cancelled")) {
          assertThat(sms).contains(language.equals("en") ? "12:30 PM" : "12:30 p. m.");
        }
      }
    }
  }

  @Test
  void aBookingWithoutASiteNameGetsTheShortVariant() {
    for (String language : List.of("en", "es")) {
      PatientContact patient =
          PatientEvents.patient("ana@example.org", language, "America/Los_Angeles");
      for (String text :
          List.of("booking", "rescheduled", "cancelled", "reminder-3", "reminder-1")) {
        String sms = sms(text, PairFixtures.booked(patient, null, "Dr. Maya Chen"));
        assertThat(rules.brokenRules(sms)).as(sms).isEmpty();
        assertThat(sms).as(text).doesNotContain("null").doesNotContain(", .");
      }
    }
  }

  @Test
  void failsFastWhenTheClinicsNameAndPhoneLeaveNoRoomForTheShortestText() {
    ClinicProperties tooLong =
        new ClinicProperties(
            "CellPath Foot & Ankle Clinic of Greater Los Angeles and the San Gabriel Valley",
            "+1 555 010 0100",
            ZoneId.of("America/Los_Angeles"));

    assertThatThrownBy(
            () ->
                new MessageComposer(
                    templates, tooLong, new NotificationProperties(null, null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLINIC_NAME")
        .hasMessageContaining("78 characters")
        .hasMessageContaining("is longer than 160 characters")
        .hasMessageContaining("shorter clinic name");
  }

  @Test
  void failsFastWhenTheClinicsNameIsAClinicalWord() {
    ClinicProperties clinical =
        new ClinicProperties(
            "Stem Cell Institute", "+1 555 010 0100", ZoneId.of("America/Los_Angeles"));

    assertThatThrownBy(
            () ->
                new MessageComposer(
                    templates, clinical, new NotificationProperties(null, null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("names a diagnosis, condition, procedure or cell source");
  }

  @Test
  void acceptsTheDefaultClinicAndAShortOne() {
    new MessageComposer(templates, DEFAULT_CLINIC, new NotificationProperties(null, null, null));
    new MessageComposer(
        templates,
        new ClinicProperties("Harbor", "+13105550100", ZoneId.of("UTC")),
        new NotificationProperties(null, null, null));
  }

  @Test
  void refusesToRenderATextWhenEvenTheShortestVariantBreaksARule() {
    SmsTexts texts = new SmsTexts(templates, DEFAULT_CLINIC);
    Map<String, Object> variables =
        new HashMap<>(
            texts.variables(
                Languages.ENGLISH,
                ZonedDateTime.parse("2026-03-10T10:00:00-07:00[America/Los_Angeles]"),
                "CellPath Pasadena"));
    variables.put(
        "time",
        "10:00 AM, in the cell room on the third floor, behind the long corridor on the left");

    assertThatThrownBy(() -> texts.render("booking-confirmation", Languages.ENGLISH, variables))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is longer than 160 characters")
        .hasMessageContaining("names a diagnosis, condition, procedure or cell source");
  }

  private String sms(String text, AppointmentPairBooked booked) {
    List<Appointment> appointments = booked.appointments();
    String sms =
        switch (text) {
          case "booking" -> composer.bookingConfirmation(booked).sms();
          case "rescheduled" ->
              composer.rescheduled(PairFixtures.moved(booked, 1, Duration.ZERO)).sms();
          case "cancelled" -> composer.cancelled(PairFixtures.cancelled(booked, 1)).sms();
          case "reminder-3" ->
              composer.appointmentReminder(booked.patient(), appointments, 3).sms();
          case "reminder-1" ->
              composer.appointmentReminder(booked.patient(), appointments, 1).sms();
          default -> throw new AssertionError(text);
        };
    assertThat(sms).as(text).isNotNull();
    return sms;
  }
}
