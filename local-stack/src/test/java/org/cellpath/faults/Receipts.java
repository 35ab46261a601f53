package org.cellpath.faults;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the outside world received, read as a recipient would read it: every email the SMTP server
 * accepted and every SMS the provider accepted, each with its recipient, what it is (from its
 * wording), the appointment times it names and the identity it was sent under (Message-ID,
 * Idempotency-Key: two transmissions under one identity are one message to a patient's mail client
 * or phone).
 */
final class Receipts {

  enum Channel {
    EMAIL,
    SMS
  }

  /**
   * One transmission.
   *
   * @param kind what it is; null when its wording matched nothing CellPath sends
   * @param when the first appointment's date and time as it names them (email body or SMS text);
   *     null if none
   * @param calendarStarts the starts of the calendar file's events (booking, move, cancellation
   *     emails)
   */
  record Receipt(
      Channel channel,
      String recipient,
      MessageCatalog.Kind kind,
      boolean physician,
      String identity,
      Instant wallAt,
      Instant serviceAt,
      MessageCatalog.When when,
      List<Instant> calendarStarts,
      String text) {}

  private static final Pattern DTSTART =
      Pattern.compile("(?m)^DTSTART(;TZID=([^:]+))?:(\\d{8}T\\d{6})(Z?)\\s*$");
  private static final DateTimeFormatter ICS_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final MessageCatalog catalog;

  /**
   * Each email read once: a reconciliation reads every message the run received (thousands by the
   * last scenarios, and once per planted defect), and what an email says, and when it arrived in
   * the services' time, never changes after it arrived.
   */
  private final Map<MimeMessage, Receipt> emails = new IdentityHashMap<>();

  Receipts(MessageCatalog catalog) {
    this.catalog = catalog;
  }

  synchronized List<Receipt> read(FaultSystem system) {
    List<Receipt> receipts = new ArrayList<>();
    for (FaultSystem.Inboxes.ReceivedMail mail : system.receivedMail()) {
      receipts.add(emails.computeIfAbsent(mail.message(), message -> email(mail, system)));
    }
    for (SmsProviderStub.Delivered sms : system.sms().delivered()) {
      MessageCatalog.SmsReading reading = catalog.sms(sms.text()).orElse(null);
      receipts.add(
          new Receipt(
              Channel.SMS,
              sms.to(),
              reading == null ? null : reading.kind(),
              false,
              sms.idempotencyKey(),
              sms.at(),
              system.serviceTime(sms.at()),
              reading == null ? null : new MessageCatalog.When(reading.date(), reading.time()),
              List.of(),
              sms.text()));
    }
    return receipts;
  }

  private Receipt email(FaultSystem.Inboxes.ReceivedMail mail, FaultSystem system) {
    try {
      MimeMessage message = mail.message();
      String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
      String subject = message.getSubject();
      StringBuilder text = new StringBuilder();
      StringBuilder calendar = new StringBuilder();
      collect(message, text, calendar);
      MessageCatalog.Kind kind = catalog.patientEmail(subject).orElse(null);
      boolean physician = false;
      if (kind == null) {
        kind = catalog.physicianEmail(subject).orElse(null);
        physician = kind != null;
      }
      return new Receipt(
          Channel.EMAIL,
          to,
          kind,
          physician,
          mail.messageId(),
          mail.receivedAt(),
          system.serviceTime(mail.receivedAt()),
          catalog.firstAppointment(text.toString()).orElse(null),
          calendarStarts(calendar.toString()),
          text.toString());
    } catch (Exception e) {
      throw new IllegalStateException("Could not read a received email", e);
    }
  }

  private static void collect(Part part, StringBuilder text, StringBuilder calendar)
      throws Exception {
    if (part.isMimeType("text/plain") && text.isEmpty()) {
      text.append(part.getContent());
    } else if (part.isMimeType("text/calendar")) {
      Object content = part.getContent();
      if (content instanceof InputStream stream) {
        calendar.append(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } else {
        calendar.append(content);
      }
    } else if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        collect(body, text, calendar);
      }
    }
  }

  /**
   * The DTSTART of every event in a calendar file, as instants (UTC, or local time in the named
   * zone).
   */
  static List<Instant> calendarStarts(String ics) throws IOException {
    List<Instant> starts = new ArrayList<>();
    Matcher matcher = DTSTART.matcher(ics.replace("\r\n ", "").replace("\r", ""));
    while (matcher.find()) {
      LocalDateTime local = LocalDateTime.parse(matcher.group(3), ICS_TIME);
      ZoneId zone =
          !matcher.group(4).isEmpty()
              ? ZoneOffset.UTC
              : matcher.group(2) != null ? ZoneId.of(matcher.group(2)) : ZoneOffset.UTC;
      starts.add(local.atZone(zone).toInstant());
    }
    return starts;
  }
}
