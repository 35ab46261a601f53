package org.cellpath.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Writes the calendar file of an appointment pair: one VEVENT per appointment, organised by the
 * clinic.
 *
 * <p>Contract: the UID of an appointment is {@code <appointmentId>@cellpath} in every file, so a
 * client replaces the event it already has; SEQUENCE is the pair's sequence (0 when booked, raised
 * by every reschedule and carried by the cancellation); DTSTART, DTEND and DTSTAMP are UTC; DTSTAMP
 * is when the event happened, so the same event always gives the same file. The file names neither
 * the patient nor anything clinical: callers pass the texts, already written for the patient.
 *
 * <p>There is no ATTENDEE: the patient's address would be the only one, and the file is stored with
 * the queued message, so it carries no patient detail at all. RFC 5546 asks for an ATTENDEE in a
 * REQUEST, so the file is written without ical4j's iTIP validation; the event properties themselves
 * (UID, DTSTAMP, DTSTART) are always set.
 *
 * <p>The emails (notification-service) and the patient's own page (scheduling-service) write the
 * same file for the same pair, so a calendar that imported one updates the same events from the
 * other.
 */
public class CalendarFiles {

  /** Whether the file books (or moves) the appointments, or cancels them. */
  public enum Method {
    REQUEST,
    CANCEL
  }

  /**
   * One appointment as the calendar shows it.
   *
   * @param summary the title, in the patient's language
   * @param description the details, in the patient's language
   * @param location the site's name and address
   */
  public record Entry(
      UUID appointmentId,
      Instant start,
      Instant end,
      String summary,
      String description,
      String location) {

    public Entry {
      Objects.requireNonNull(appointmentId, "appointmentId");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(summary, "summary");
    }
  }

  private static final String PRODUCT_ID = "-//CellPath//Appointments//EN";

  private final URI organizerAddress;
  private final String organizerName;

  /**
   * @param organizerEmail the clinic's address the files name as organizer
   * @param organizerName the clinic's name
   */
  public CalendarFiles(String organizerEmail, String organizerName) {
    this.organizerAddress = URI.create("mailto:" + organizerEmail);
    this.organizerName = Objects.requireNonNull(organizerName, "organizerName");
  }

  /** The UID an appointment keeps in every file: booking, each reschedule and the cancellation. */
  public static String uidOf(UUID appointmentId) {
    return appointmentId + "@cellpath";
  }

  /**
   * The file as text (CRLF line ends, folded at 75 octets as RFC 5545 requires).
   *
   * @param sequence the pair's sequence; never negative
   * @param stamp when the event that calls for the file happened
   */
  public String write(Method method, int sequence, Instant stamp, List<Entry> entries) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a calendar file needs at least one appointment");
    }
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT_ID));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(method == Method.CANCEL ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
    for (Entry entry : entries) {
      calendar.add(event(method, sequence, stamp, entry));
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ValidationException e) {
      throw new IllegalStateException("calendar file failed validation", e);
    }
    return out.toString();
  }

  private VEvent event(Method method, int sequence, Instant stamp, Entry entry) {
    VEvent event = new VEvent(entry.start(), entry.end(), entry.summary());
    event.add(new Uid(uidOf(entry.appointmentId())));
    // The constructor stamps the event with the current time; the file must depend on the event
    // only.
    event.replace(new DtStamp(stamp));
    event.add(new Sequence(sequence));
    event.add(new Organizer(new ParameterList(List.of(new Cn(organizerName))), organizerAddress));
    if (entry.location() != null) {
      event.add(new Location(entry.location()));
    }
    if (entry.description() != null) {
      event.add(new Description(entry.description()));
    }
    event.add(
        method == Method.CANCEL
            ? ImmutableStatus.VEVENT_CANCELLED
            : ImmutableStatus.VEVENT_CONFIRMED);
    return event;
  }
}
