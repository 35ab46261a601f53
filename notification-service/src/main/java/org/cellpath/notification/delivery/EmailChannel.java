package org.cellpath.notification.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.ClinicProperties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Email through the SMTP server of {@code spring.mail.*}: plain text with an HTML alternative, UTF-8. */
@Component
class EmailChannel implements DeliveryChannel {

  private final JavaMailSender mail;
  private final String from;
  private final String senderName;

  EmailChannel(JavaMailSender mail, NotificationProperties properties, ClinicProperties clinic) {
    this.mail = mail;
    this.from = properties.from();
    this.senderName = clinic.name();
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
      mail.send(mime);
    } catch (MailException e) {
      throw new DeliveryException(classify(e), e);
    }
  }

  private MimeMessage compose(OutgoingMessage message) throws MessagingException, UnsupportedEncodingException {
    MimeMessage mime = mail.createMimeMessage();
    boolean multipart = message.htmlBody() != null;
    MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, StandardCharsets.UTF_8.name());
    helper.setFrom(from, senderName);
    helper.setTo(message.address());
    helper.setSubject(message.subject());
    if (multipart) {
      helper.setText(message.textBody(), message.htmlBody());
    } else {
      helper.setText(message.textBody());
    }
    // Lets a mail log be matched to the delivery log without any patient detail.
    mime.setHeader("X-CellPath-Notification-Id", message.notificationId().toString());
    return mime;
  }

  /**
   * Sorts a failure of the mail sender by what another attempt can do about it. Only the recipient refused for
   * good (SMTP 5xx on RCPT) or a malformed address are final; everything else may pass later.
   */
  static FailureCode classify(MailException failure) {
    if (failure instanceof MailAuthenticationException) {
      return FailureCode.PROVIDER_AUTH_FAILED;
    }
    if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
      return FailureCode.INVALID_ADDRESS;
    }
    List<Throwable> causes = new ArrayList<>();
    if (failure instanceof MailSendException send) {
      causes.addAll(send.getFailedMessages().values());
    }
    causes.add(failure.getCause());
    for (Throwable cause : causes) {
      for (Throwable t = cause; t != null; t = next(t)) {
        if (t instanceof AddressException) {
          return FailureCode.INVALID_ADDRESS;
        }
        if (t instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
            && sendFailed.getInvalidAddresses().length > 0) {
          return FailureCode.RECIPIENT_REJECTED;
        }
        if (t instanceof IOException) {
          return FailureCode.PROVIDER_UNAVAILABLE;
        }
      }
    }
    return FailureCode.PROVIDER_ERROR;
  }

  private static Throwable next(Throwable t) {
    Throwable cause = t instanceof MessagingException messaging && messaging.getNextException() != null
        ? messaging.getNextException()
        : t.getCause();
    return cause == t ? null : cause;
  }
}
