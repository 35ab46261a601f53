package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.notification.PatientEvents;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;

/** The calendar file of each pair event, read back with ical4j as a mail client would. */
class MessageComposerCalendarTest {

  private final MessageComposer composer =
      new MessageComposer(
          new MessageTemplates(),
          new ClinicProperties(
              "CellPath Foot & Ankle Clinic", "+1 555 010 0100", ZoneId.of("America/Los_Angeles")),
          new NotificationProperties("care@cellpath-clinic.example", null, null));

  @Test
  void aBookingBooksEachAppointmentAtItsStartWithSequenceZero() throws Exception {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    Calendar calendar = parse(composer.bookingConfirmation(booked).content().calendar());
    Map<String, VEvent> events = byUid(calendar);

    assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
    assertThat(events).hasSize(2);
    for (Appointment appointment : booked.appointments()) {
      VEvent event = events.get(appointment.appointmentId() + "@cellpath");
      assertThat(event).as("the appointment's own UID").isNotNull();
      assertThat(Instant.from(event.getDateTimeStart().getDate()))
          .isEqualTo(appointment.startsAt());
      assertThat(Instant.from(event.getDateTimeEnd().getDate())).isEqualTo(appointment.endsAt());
      assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
      assertThat(value(event, Property.DTSTAMP)).isEqualTo("20260220T150405Z");
      assertThat(value(event, Property.LOCATION))
          .isEqualTo("CellPath Pasadena, 100 Colorado Blvd, Pasadena, CA 91105");
      assertThat(value(event, Property.DESCRIPTION))
          .contains("Dr. Maya Chen")
          .contains("+1 555 010 0100");
      assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue())
          .isEqualTo("mailto:care@cellpath-clinic.example");
    }
  }

  @Test
  void aRescheduleKeepsEachAppointmentsUidRaisesTheSequenceAndMovesTheStart() throws Exception {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    AppointmentPairRescheduled moved = PairFixtures.rescheduled(booked, 2, Duration.ofDays(7));
    Map<String, VEvent> before =
        byUid(parse(composer.bookingConfirmation(booked).content().calendar()));
    Calendar calendar = parse(composer.rescheduled(moved).content().calendar());
    Map<String, VEvent> after = byUid(calendar);

    assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (Appointment appointment : moved.appointments()) {
      VEvent event = after.get(appointment.appointmentId() + "@cellpath");
      assertThat(value(event, Property.SEQUENCE)).isEqualTo("2");
      assertThat(Instant.from(event.getDateTimeStart().getDate()))
          .isEqualTo(appointment.startsAt())
          .isEqualTo(
              Instant.from(
                      before
                          .get(appointment.appointmentId() + "@cellpath")
                          .getDateTimeStart()
                          .getDate())
                  .plus(Duration.ofDays(7)));
      assertThat(value(event, Property.LOCATION)).startsWith("CellPath Glendale");
    }
  }

  @Test
  void aCancellationCancelsEveryEventWithTheEventsSequence() throws Exception {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    Calendar calendar =
        parse(composer.cancelled(PairFixtures.cancelled(booked, 3)).content().calendar());

    assertThat(value(calendar, Property.METHOD)).isEqualTo("CANCEL");
    assertThat(byUid(calendar).keySet())
        .containsExactlyInAnyOrderElementsOf(
            booked.appointments().stream().map(a -> a.appointmentId() + "@cellpath").toList());
    assertThat(calendar.<VEvent>getComponents("VEVENT"))
        .allSatisfy(
            event -> {
              assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
              assertThat(value(event, Property.SEQUENCE)).isEqualTo("3");
            });
  }

  @Test
  void theFileIsInThePatientsLanguageAndNamesNeitherThePatientNorAnythingClinical()
      throws Exception {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.spanishPatient("ana.rivera@example.org"));
    String file = composer.bookingConfirmation(booked).content().calendar();

    assertThat(parse(file).<VEvent>getComponents("VEVENT"))
        .extracting(event -> value(event, Property.SUMMARY))
        .containsExactly(
            "Cita de extracción – CellPath Foot & Ankle Clinic",
            "Cita de inyección – CellPath Foot & Ankle Clinic");
    assertThat(file)
        .doesNotContain("Ana")
        .doesNotContain("Rivera")
        .doesNotContain("ana.rivera")
        .doesNotContain("+13105550123")
        .doesNotContainIgnoringCase("ATTENDEE");
  }

  @Test
  void anAppointmentWithoutAClinicianOrAddressStillReadsRight() throws Exception {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));
    AppointmentPairBooked bare =
        new AppointmentPairBooked(
            booked.eventId(),
            booked.referralId(),
            booked.occurredAt(),
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
                            " ",
                            a.siteName(),
                            null,
                            null))
                .toList(),
            booked.patient());
    VEvent event =
        parse(composer.bookingConfirmation(bare).content().calendar())
            .<VEvent>getComponents("VEVENT")
            .get(0);

    assertThat(value(event, Property.DESCRIPTION))
        .isEqualTo("Questions? Call CellPath Foot & Ankle Clinic at +1 555 010 0100.");
    assertThat(value(event, Property.LOCATION)).isEqualTo("CellPath Pasadena");
  }

  @Test
  void theSameEventAlwaysGivesTheSameFile() {
    AppointmentPairBooked booked =
        PairFixtures.booked(PatientEvents.englishPatient("ana@example.org"));

    assertThat(composer.bookingConfirmation(booked).content().calendar())
        .isEqualTo(composer.bookingConfirmation(booked).content().calendar());
  }

  private static Calendar parse(String file) throws Exception {
    assertThat(file).isNotNull();
    return new CalendarBuilder().build(new StringReader(file));
  }

  private static Map<String, VEvent> byUid(Calendar calendar) {
    List<VEvent> events = calendar.getComponents("VEVENT");
    return events.stream()
        .collect(Collectors.toMap(event -> value(event, Property.UID), Function.identity()));
  }

  private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
    return container.getProperty(name).map(Property::getValue).orElse(null);
  }
}
