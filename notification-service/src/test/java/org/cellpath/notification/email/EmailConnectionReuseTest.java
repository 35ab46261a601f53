package org.cellpath.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.DeliveryException;
import org.cellpath.notification.delivery.FailureCode;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The email channel keeps each sending thread's SMTP connection for the next message, and replaces
 * one the server dropped without losing the message. Against a real SMTP server (GreenMail),
 * stopped and started on one port.
 */
class EmailConnectionReuseTest {

  private static final ClinicProperties CLINIC =
      new ClinicProperties(
          "CellPath Foot & Ankle Clinic", "+1 555 010 0100", ZoneId.of("America/Los_Angeles"));
  private static final NotificationProperties PROPERTIES =
      new NotificationProperties("care@cellpath-clinic.example", null, null);

  private final int port = freePort();
  private GreenMail server = start(port);
  private final EmailChannel channel = channel(port);

  @AfterEach
  void stop() {
    channel.destroy();
    server.stop();
  }

  @Test
  void messagesSentOneAfterAnotherShareOneConnection() throws Exception {
    for (int i = 0; i < 3; i++) {
      channel.send(message("ana" + i + "@example.org"));
    }

    assertThat(server.getReceivedMessages()).hasSize(3);
    assertThat(channel.connectionsOpened()).isEqualTo(1);
  }

  @Test
  void eachSendingThreadKeepsItsOwnConnection() throws Exception {
    List<Thread> senders = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 2; t++) {
      int thread = t;
      Thread sender =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 3; i++) {
                    channel.send(message("thread" + thread + "-" + i + "@example.org"));
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }

    assertThat(failures).isEmpty();
    assertThat(server.getReceivedMessages()).hasSize(6);
    assertThat(channel.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void aConnectionTheServerDroppedIsReplacedAndTheMessageStillGoes() throws Exception {
    channel.send(message("ana@example.org"));
    server.stop();
    server = start(port);

    channel.send(message("ben@example.org"));

    MimeMessage[] received = server.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ben@example.org");
    assertThat(channel.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void aConnectionClosedFromAnotherThreadIsNotUsedAgain() throws Exception {
    channel.send(message("ana@example.org"));
    Thread closer = new Thread(channel::destroy);
    closer.start();
    closer.join();

    channel.send(message("ben@example.org"));

    assertThat(server.getReceivedMessages()).hasSize(2);
    assertThat(channel.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void withNoServerTheMessageFailsAsUnavailableAndIsRetriedLater() throws Exception {
    channel.send(message("ana@example.org"));
    server.stop();

    assertThatThrownBy(() -> channel.send(message("ben@example.org")))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            failure -> assertThat(failure.code()).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE));
    server = start(port);
    channel.send(message("ben@example.org"));
    assertThat(server.getReceivedMessages()).hasSize(1);
  }

  private static OutgoingMessage message(String to) {
    return new OutgoingMessage(
        UUID.randomUUID(), to, "Your referral was received", "Hello.", "<p>Hello.</p>", null);
  }

  private static GreenMail start(int port) {
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return greenMail;
  }

  private static EmailChannel channel(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    return new EmailChannel(sender, PROPERTIES, CLINIC);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
