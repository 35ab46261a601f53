package org.cellpath.notification.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.DeliveryChannel;
import org.cellpath.notification.delivery.DeliveryException;
import org.cellpath.notification.delivery.FailureCode;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.OutgoingMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email through the SMTP server of {@code spring.mail.*}: plain text with an HTML alternative,
 * UTF-8. A message with a calendar file is a mixed multipart: the text/HTML alternative, then the
 * file attached as {@value #CALENDAR_NAME} ({@code text/calendar} with the file's own METHOD, so a
 * mail client offers to add, update or remove the events). Each sending thread keeps its SMTP
 * connection for the next message ({@link SmtpConnections}).
 */
@Component
class EmailChannel implements DeliveryChannel, DisposableBean {

  static final String CALENDAR_NAME = "appointments.ics";

  /** Jakarta Mail's system property naming its stream provider, and Angus Mail's provider. */
  static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    // Jakarta Mail 2.1 looks its stream provider up with ServiceLoader for every message, multipart
    // and body part.
    // Inside a Spring Boot jar that means scanning the nested jars each time, which under load took
    // more of this
    // service's CPU than anything else it does. Naming the provider turns the lookup into a
    // Class.forName of a loaded
    // class. An operator's own setting wins.
    if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
      System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
    }
  }

  /** The file's METHOD line; a file without one is offered as a REQUEST. */
  private static final Pattern METHOD =
      Pattern.compile("^METHOD:([A-Za-z-]+)\\s*$", Pattern.MULTILINE);

  private final JavaMailSenderImpl mail;
  private final SmtpConnections connections;
  private final String from;
  private final String senderName;

  EmailChannel(
      JavaMailSenderImpl mail, NotificationProperties properties, ClinicProperties clinic) {
    this.mail = mail;
    this.connections = new SmtpConnections(mail);
    this.from = properties.from();
    this.senderName = clinic.name();
  }

  /** SMTP connections opened so far. */
  long connectionsOpened() {
    return connections.opened();
  }

  @Override
  public void destroy() {
    connections.close();
  }

  @Override
  public ContactChannel channel() {
    return ContactChannel.EMAIL;
  }

  @Override
  public void send(OutgoingMessage message) throws DeliveryException {
    MimeMessage mime;
    try {
      mime = compose(message);
    } catch (AddressException e) {
      throw new DeliveryException(FailureCode.INVALID_ADDRESS, e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new DeliveryException(FailureCode.PROVIDER_ERROR, e);
    }
    try {
      connections.send(mime);
    } catch (MessagingException e) {
      throw new DeliveryException(classify(e), e);
    }
  }

  private MimeMessage compose(OutgoingMessage message)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage mime = mail.createMimeMessage();
    boolean multipart = message.htmlBody() != null || message.calendar() != null;
    MimeMessageHelper helper =
        new MimeMessageHelper(mime, multipart, StandardCharsets.UTF_8.name());
    helper.setFrom(from, senderName);
    helper.setTo(message.address());
    helper.setSubject(message.subject());
    if (message.htmlBody() != null) {
      helper.setText(message.textBody(), message.htmlBody());
    } else {
      helper.setText(message.textBody());
    }
    if (message.calendar() != null) {
      helper.addAttachment(
          CALENDAR_NAME,
          new ByteArrayResource(message.calendar().getBytes(StandardCharsets.UTF_8)),
          calendarContentType(message.calendar()));
    }
    // Lets a mail log be matched to the delivery log without any patient detail.
    mime.setHeader("X-CellPath-Notification-Id", message.notificationId().toString());
    // The same Message-ID on every transmission of one notification: if the service dies after the
    // SMTP server
    // accepted a message but before the send was recorded, the message sent again is the same
    // message, which mail
    // systems recognise (RFC 5322 section 3.6.4). JavaMailSenderImpl keeps an explicitly set
    // Message-ID.
    mime.setHeader("Message-ID", messageId(message.notificationId()));
    return mime;
  }

  /**
   * {@code <notification-id@sender's domain>}: one identity per notification, whatever the attempt.
   */
  String messageId(java.util.UUID notificationId) {
    return "<" + notificationId + "@" + from.substring(from.lastIndexOf('@') + 1) + ">";
  }

  /** {@code text/calendar; charset=UTF-8; method=<the file's METHOD>}. */
  static String calendarContentType(String calendar) {
    Matcher method = METHOD.matcher(calendar);
    String name = method.find() ? method.group(1).toUpperCase(Locale.ROOT) : "REQUEST";
    return "text/calendar; charset=UTF-8; method=" + name;
  }

  /**
   * Sorts a failure of the SMTP exchange by what another attempt can do about it. Only the
   * recipient refused for good (SMTP 5xx on RCPT) or a malformed address are final; everything else
   * may pass later.
   */
  static FailureCode classify(MessagingException failure) {
    for (Throwable t = failure; t != null; t = SmtpConnections.next(t)) {
      if (t instanceof AuthenticationFailedException) {
        return FailureCode.PROVIDER_AUTH_FAILED;
      }
      if (t instanceof AddressException) {
        return FailureCode.INVALID_ADDRESS;
      }
      if (t instanceof SendFailedException sendFailed
          && sendFailed.getInvalidAddresses() != null
          && sendFailed.getInvalidAddresses().length > 0) {
        return FailureCode.RECIPIENT_REJECTED;
      }
      if (t instanceof IOException || SmtpConnections.serverLeft(t)) {
        return FailureCode.PROVIDER_UNAVAILABLE;
      }
    }
    return FailureCode.PROVIDER_ERROR;
  }
}
