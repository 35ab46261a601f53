package org.cellpath.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The moment the fault tests say an email arrived is what decides whether a reminder came after it
 * expired. GreenMail lists its messages mailbox by mailbox, so a new message for a patient whose
 * mailbox is listed early lands in the middle of the list: an arrival time kept by position in that
 * list (as the harness once did) moved to whatever message shifted into the position, and reminders
 * sent in time were reported as sent days late once the clocks had jumped.
 */
class InboxesTest {

  private GreenMail smtp;

  @BeforeEach
  void startTheMailServer() {
    smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
  }

  @AfterEach
  void stopTheMailServer() {
    smtp.stop();
  }

  @Test
  void eachMessageKeepsTheMomentTheServerReceivedItWhicheverMailboxItLandsIn() {
    FaultSystem.Inboxes inboxes = new FaultSystem.Inboxes();
    Map<String, Instant[]> sentBetween = new HashMap<>();
    Map<String, Instant> firstRead = new HashMap<>();
    // Twenty patients, each with a mailbox of their own: the server lists the mailboxes in an order
    // of its own, not the order the first message of each arrived in.
    for (int i = 0; i < 20; i++) {
      String subject = "message " + i;
      // The server's stamp is a java.util.Date: milliseconds.
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      GreenMailUtil.sendTextEmail(
          "patient" + i + "@example.test",
          "clinic@example.test",
          subject,
          "text",
          smtp.getSmtp().getServerSetup());
      Instant after = Instant.now();
      sentBetween.put(subject, new Instant[] {before, after});
      for (FaultSystem.Inboxes.ReceivedMail mail : inboxes.mail(smtp.getManagers())) {
        firstRead.putIfAbsent(subject(mail), mail.receivedAt());
      }
    }

    List<String> problems = new ArrayList<>();
    for (FaultSystem.Inboxes.ReceivedMail mail : inboxes.mail(smtp.getManagers())) {
      String subject = subject(mail);
      Instant[] window = sentBetween.get(subject);
      if (mail.receivedAt().isBefore(window[0]) || mail.receivedAt().isAfter(window[1])) {
        problems.add(
            subject
                + " stamped "
                + mail.receivedAt()
                + ", sent between "
                + window[0]
                + " and "
                + window[1]);
      }
      if (!mail.receivedAt().equals(firstRead.get(subject))) {
        problems.add(
            subject + " first read as " + firstRead.get(subject) + ", now " + mail.receivedAt());
      }
    }
    assertThat(sentBetween).hasSize(20);
    assertThat(problems).isEmpty();
  }

  private static String subject(FaultSystem.Inboxes.ReceivedMail mail) {
    try {
      return mail.message().getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
