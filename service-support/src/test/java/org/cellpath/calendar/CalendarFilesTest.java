package org.cellpath.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

class CalendarFilesTest {

  private static final Instant STAMP = Instant.parse("2026-02-20T15:04:05Z");
  private static final Instant START = Instant.parse("2026-03-10T17:00:00Z");

  private final CalendarFiles files =
      new CalendarFiles("care@clinic.example", "Harbor Foot Clinic");

  @Test
  void writesOneEventPerAppointmentWithAStableUidAndTheSequence() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    Calendar calendar =
        parse(
            files.write(
                CalendarFiles.Method.REQUEST,
                3,
                STAMP,
                List.of(entry(first, START), entry(second, START.plusSeconds(5400)))));

    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).hasSize(2);
    assertThat(events)
        .extracting(event -> value(event, Property.UID))
        .containsExactly(first + "@cellpath", second + "@cellpath");
    assertThat(events).extracting(event -> value(event, Property.SEQUENCE)).containsOnly("3");
    assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
    assertThat(events).extracting(event -> value(event, Property.STATUS)).containsOnly("CONFIRMED");
  }

  @Test
  void writesTimesInUtcAndStampsTheFileWithTheEventsTimeSoTheSameEventGivesTheSameFile()
      throws Exception {
    UUID appointment = UUID.randomUUID();
    String text =
        files.write(CalendarFiles.Method.REQUEST, 0, STAMP, List.of(entry(appointment, START)));
    VEvent event = parse(text).<VEvent>getComponents("VEVENT").get(0);

    assertThat(text)
        .contains("DTSTART:20260310T170000Z")
        .contains("DTEND:20260310T174500Z")
        .contains("DTSTAMP:20260220T150405Z");
    assertThat(text).containsOnlyOnce("DTSTAMP");
    assertThat(Instant.from(event.getDateTimeStart().getDate())).isEqualTo(START);
    assertThat(
            files.write(CalendarFiles.Method.REQUEST, 0, STAMP, List.of(entry(appointment, START))))
        .isEqualTo(text);
  }

  @Test
  void aCancellationHasMethodCancelAndEveryEventIsCancelled() throws Exception {
    Calendar calendar =
        parse(
            files.write(
                CalendarFiles.Method.CANCEL,
                2,
                STAMP,
                List.of(
                    entry(UUID.randomUUID(), START),
                    entry(UUID.randomUUID(), START.plusSeconds(5400)))));

    assertThat(value(calendar, Property.METHOD)).isEqualTo("CANCEL");
    assertThat(calendar.<VEvent>getComponents("VEVENT"))
        .extracting(event -> value(event, Property.STATUS))
        .containsExactly("CANCELLED", "CANCELLED");
  }

  @Test
  void theClinicOrganisesTheEventsAndItsTextsAreKept() throws Exception {
    VEvent event =
        parse(
                files.write(
                    CalendarFiles.Method.REQUEST,
                    0,
                    STAMP,
                    List.of(entry(UUID.randomUUID(), START))))
            .<VEvent>getComponents("VEVENT")
            .get(0);

    Property organizer = event.getProperty(Property.ORGANIZER).orElseThrow();
    assertThat(organizer.getValue()).isEqualTo("mailto:care@clinic.example");
    assertThat(organizer.getParameter("CN").orElseThrow().getValue())
        .isEqualTo("Harbor Foot Clinic");
    assertThat(value(event, Property.SUMMARY)).isEqualTo("Cita de extracción – Harbor Foot Clinic");
    assertThat(value(event, Property.LOCATION))
        .isEqualTo("CellPath Pasadena, 100 Colorado Blvd, Pasadena, CA");
    assertThat(value(event, Property.DESCRIPTION))
        .isEqualTo("Con Dr. Maya Chen; llame al +1 555 010 0199.");
    assertThat(event.getProperty(Property.ATTENDEE)).as("no patient detail in the file").isEmpty();
  }

  @Test
  void refusesANegativeSequenceAndAFileWithoutAppointments() {
    assertThatThrownBy(
            () ->
                files.write(
                    CalendarFiles.Method.REQUEST,
                    -1,
                    STAMP,
                    List.of(entry(UUID.randomUUID(), START))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> files.write(CalendarFiles.Method.REQUEST, 0, STAMP, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static CalendarFiles.Entry entry(UUID appointmentId, Instant start) {
    return new CalendarFiles.Entry(
        appointmentId,
        start,
        start.plusSeconds(2700),
        "Cita de extracción – Harbor Foot Clinic",
        "Con Dr. Maya Chen; llame al +1 555 010 0199.",
        "CellPath Pasadena, 100 Colorado Blvd, Pasadena, CA");
  }

  static Calendar parse(String text) throws Exception {
    return new CalendarBuilder().build(new StringReader(text));
  }

  private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
    return container.getProperty(name).map(Property::getValue).orElse(null);
  }
}
