package org.cellpath.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import java.util.UUID;
import org.cellpath.infra.FreePorts;
import org.cellpath.notification.HungSmtpServer;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.DeliveryException;
import org.cellpath.notification.delivery.FailureCode;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An SMTP server that accepts connections and never answers (a real socket that never writes), then
 * a real one (GreenMail) behind the same port. The channel runs with the timeouts application.yml
 * sets, made small: a message is given up as unavailable within them, a kept connection to a server
 * that stopped answering is dropped rather than tried again on a new connection to the same hung
 * server, and the message goes once when the server is back.
 */
class EmailHungServerTest {

  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final ClinicProperties CLINIC =
      new ClinicProperties(
          "CellPath Foot & Ankle Clinic", "+1 555 010 0100", ZoneId.of("America/Los_Angeles"));
  private static final NotificationProperties PROPERTIES =
      new NotificationProperties("care@cellpath-clinic.example", null, null);

  private final HungSmtpServer smtp = HungSmtpServer.start(0);
  private final GreenMail greenMail = greenMail(FreePorts.pick());
  private final EmailChannel channel = channel(smtp.port());

  @AfterEach
  void stop() {
    channel.destroy();
    smtp.close();
    greenMail.stop();
  }

  @Test
  void
      aServerThatNeverAnswersFailsTheMessageAsUnavailableWithinTheTimeoutAndItGoesOnceTheServerIsBack()
          throws Exception {
    OutgoingMessage message = message("ana@example.org");

    DeliveryException failure =
        catchThrowableOfType(DeliveryException.class, () -> channel.send(message));

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(smtp.accepted()).isEqualTo(1);
    // How long the sender stayed on the hung server's connection; null while it is still there
    // (kept).
    await().atMost(TIMEOUT.multipliedBy(10)).until(() -> smtp.connections().get(0).held() != null);
    assertThat(smtp.connections().get(0).held())
        .as("stuck on the hung server")
        .isLessThan(TIMEOUT.multipliedBy(2));

    smtp.forwardTo(greenMail.getSmtp().getPort());
    channel.send(message);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void
      aKeptConnectionToAServerThatStopsAnsweringIsDroppedAfterOneTimeoutAndNotRetriedOnTheHungServer()
          throws Exception {
    smtp.forwardTo(greenMail.getSmtp().getPort());
    channel.send(message("ana@example.org"));
    assertThat(channel.connectionsOpened()).isEqualTo(1);

    // The server stops answering: on the kept connection, and on any new one.
    smtp.hang();
    OutgoingMessage ben = message("ben@example.org");
    long started = System.nanoTime();
    DeliveryException failure =
        catchThrowableOfType(DeliveryException.class, () -> channel.send(ben));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(smtp.accepted()).as("new connections to the hung server").isZero();
    // The connection was warm (it has just sent a message): what the send took is what it waited on
    // the server.
    assertThat(took).as("stuck on the hung server").isLessThan(TIMEOUT.multipliedBy(2));
    System.out.printf(
        "kept connection to a hung SMTP server given up after %d ms (timeout %d ms)%n",
        took.toMillis(), TIMEOUT.toMillis());

    smtp.forwardTo(greenMail.getSmtp().getPort());
    channel.send(ben);
    assertThat(channel.connectionsOpened()).as("the kept connection was dropped").isEqualTo(2);
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received)
        .extracting(m -> m.getAllRecipients()[0].toString())
        .containsExactly("ana@example.org", "ben@example.org");
  }

  private static OutgoingMessage message(String to) {
    return new OutgoingMessage(
        UUID.randomUUID(), to, "Your referral was received", "Hello.", "<p>Hello.</p>", null);
  }

  private static GreenMail greenMail(int port) {
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return greenMail;
  }

  /**
   * As Spring Boot builds it from application.yml's {@code spring.mail.properties}, with the test's
   * timeouts.
   */
  private static EmailChannel channel(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
    properties.setProperty("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
    properties.setProperty("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
    sender.setJavaMailProperties(properties);
    return new EmailChannel(sender, PROPERTIES, CLINIC);
  }
}
