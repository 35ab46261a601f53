package org.cellpath.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.cellpath.calendar.CalendarFiles;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.OutgoingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The email channel against a real SMTP server (GreenMail on a free port): what a mail client
 * receives.
 */
class EmailChannelCalendarTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Instant START = Instant.parse("2026-03-10T17:00:00Z");
  private static final ClinicProperties CLINIC =
      new ClinicProperties(
          "CellPath Foot & Ankle Clinic", "+1 555 010 0100", ZoneId.of("America/Los_Angeles"));
  private static final NotificationProperties PROPERTIES =
      new NotificationProperties("care@cellpath-clinic.example", null, null);

  private final CalendarFiles calendars = new CalendarFiles(PROPERTIES.from(), CLINIC.name());

  @Test
  void aMessageWithACalendarFileArrivesWithTheFileAttachedAsTextCalendarBesideTheTextAndHtml()
      throws Exception {
    UUID appointment = UUID.randomUUID();
    String file =
        calendars.write(
            CalendarFiles.Method.REQUEST,
            0,
            START.minusSeconds(86400),
            List.of(entry(appointment)));

    channel()
        .send(
            new OutgoingMessage(
                UUID.randomUUID(),
                "ana@example.org",
                "Your appointments are booked",
                "Hello Ana, see you on Tuesday.",
                "<p>Hello Ana, see you on Tuesday.</p>",
                file));

    MimeMessage received = onlyMessage();
    assertThat(received.isMimeType("multipart/mixed")).as(received.getContentType()).isTrue();
    List<Part> parts = leaves(received);
    assertThat(parts).anySatisfy(part -> assertThat(part.isMimeType("text/plain")).isTrue());
    assertThat(parts).anySatisfy(part -> assertThat(part.isMimeType("text/html")).isTrue());
    Part attachment = calendarPart(parts);
    assertThat(attachment.getFileName()).isEqualTo("appointments.ics");
    assertThat(Part.ATTACHMENT).isEqualToIgnoringCase(attachment.getDisposition());
    ContentType type = new ContentType(attachment.getContentType());
    assertThat(type.getBaseType()).isEqualToIgnoringCase("text/calendar");
    assertThat(type.getParameter("method")).isEqualTo("REQUEST");
    assertThat(type.getParameter("charset")).isEqualToIgnoringCase("UTF-8");

    Calendar calendar = parse(attachment);
    VEvent event = calendar.<VEvent>getComponents("VEVENT").get(0);
    assertThat(event.getProperty(Property.UID).orElseThrow().getValue())
        .isEqualTo(appointment + "@cellpath");
    assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue())
        .as("UTF-8 survives the trip")
        .isEqualTo("Cita de extracción – CellPath Foot & Ankle Clinic");
    assertThat(Instant.from(event.getDateTimeStart().getDate())).isEqualTo(START);
  }

  @Test
  void everyTransmissionOfOneNotificationCarriesTheSameMessageId() throws Exception {
    UUID notification = UUID.randomUUID();
    OutgoingMessage message =
        new OutgoingMessage(notification, "ana@example.org", "Reminder", "See you.", null, null);

    channel().send(message);
    channel().send(message);
    channel()
        .send(
            new OutgoingMessage(
                UUID.randomUUID(), "ana@example.org", "Other", "Other.", null, null));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(3);
    assertThat(received[0].getMessageID())
        .isEqualTo("<" + notification + "@cellpath-clinic.example>")
        .isEqualTo(received[1].getMessageID())
        .isNotEqualTo(received[2].getMessageID());
  }

  @Test
  void aCancellationIsAttachedWithMethodCancel() throws Exception {
    String file =
        calendars.write(CalendarFiles.Method.CANCEL, 2, START, List.of(entry(UUID.randomUUID())));

    channel()
        .send(
            new OutgoingMessage(
                UUID.randomUUID(), "ana@example.org", "Cancelled", "Cancelled.", null, file));

    Part attachment = calendarPart(leaves(onlyMessage()));
    assertThat(new ContentType(attachment.getContentType()).getParameter("method"))
        .isEqualTo("CANCEL");
    assertThat(parse(attachment).getProperty(Property.METHOD).orElseThrow().getValue())
        .isEqualTo("CANCEL");
  }

  @Test
  void aMessageWithoutACalendarFileHasNoAttachment() throws Exception {
    channel()
        .send(
            new OutgoingMessage(
                UUID.randomUUID(), "ana@example.org", "Hello", "Text.", "<p>HTML.</p>", null));

    assertThat(leaves(onlyMessage()))
        .noneSatisfy(part -> assertThat(part.isMimeType("text/calendar")).isTrue())
        .allSatisfy(part -> assertThat(part.getDisposition()).isNull());
  }

  @Test
  void theContentTypeCarriesTheFilesMethodAndDefaultsToRequest() {
    assertThat(
            EmailChannel.calendarContentType(
                "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n"))
        .isEqualTo("text/calendar; charset=UTF-8; method=CANCEL");
    assertThat(EmailChannel.calendarContentType("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
        .isEqualTo("text/calendar; charset=UTF-8; method=REQUEST");
  }

  private EmailChannel channel() {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    return new EmailChannel(sender, PROPERTIES, CLINIC);
  }

  private static CalendarFiles.Entry entry(UUID appointment) {
    return new CalendarFiles.Entry(
        appointment,
        START,
        START.plusSeconds(2700),
        "Cita de extracción – CellPath Foot & Ankle Clinic",
        "Con Dr. Maya Chen.",
        "CellPath Pasadena, 100 Colorado Blvd, Pasadena, CA 91105");
  }

  private static MimeMessage onlyMessage() {
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  private static Part calendarPart(List<Part> parts) throws Exception {
    for (Part part : parts) {
      if (part.isMimeType("text/calendar")) {
        return part;
      }
    }
    throw new AssertionError("no text/calendar part");
  }

  private static Calendar parse(Part part) throws Exception {
    try (InputStream in = part.getInputStream()) {
      return new CalendarBuilder().build(in);
    }
  }

  /** Every non-multipart part of the message, depth first. */
  private static List<Part> leaves(Part part) throws Exception {
    List<Part> leaves = new ArrayList<>();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        leaves.addAll(leaves(child));
      }
    } else {
      leaves.add(part);
    }
    return leaves;
  }
}
