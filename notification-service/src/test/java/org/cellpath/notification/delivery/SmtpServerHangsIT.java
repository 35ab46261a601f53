package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.infra.FreePorts;
import org.cellpath.notification.HungSmtpServer;
import org.cellpath.notification.SmsProviderStub;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMTP server accepts connections and never answers (a real socket that never writes), with a
 * backlog of emails due and an SMS behind them; later a real SMTP server (GreenMail) answers behind
 * its port. The service runs with its application.yml mail timeouts made small ({@value
 * #TIMEOUT_MS} ms) and {@value #THREADS} dispatcher threads, on an SMTP port of its own (no other
 * test context's dispatcher sends there).
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "MAIL_CONNECT_TIMEOUT_MS=" + SmtpServerHangsIT.TIMEOUT_MS,
      "MAIL_TIMEOUT_MS=" + SmtpServerHangsIT.TIMEOUT_MS,
      "cellpath.notifications.dispatch.threads=" + SmtpServerHangsIT.THREADS,
      "cellpath.notifications.dispatch.poll-interval=100ms",
      // Far longer than the test's hung phase: an email tried once is not tried again before the
      // server is back.
      "cellpath.notifications.dispatch.back-off-initial=10s",
      "cellpath.notifications.dispatch.back-off-max=10s",
      "cellpath.notifications.sms.window-start=00:00",
      "cellpath.notifications.sms.window-end=00:00",
      "logging.level.com.icegreen=WARN"
    })
class SmtpServerHangsIT {

  static final int TIMEOUT_MS = 1000;
  static final int THREADS = 2;
  private static final int EMAILS = 6;
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The service's SMTP server: hanging until the test puts a real one behind it. */
  private static final HungSmtpServer smtp = HungSmtpServer.start(0);

  private static final SmsProviderStub provider = SmsProviderStub.start();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", smtp::port);
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @Autowired private NotificationStore queue;
  @Autowired private TransactionTemplate transactions;
  @Autowired private JdbcClient jdbc;

  @AfterAll
  static void stopServers() {
    provider.close();
    smtp.close();
  }

  @Test
  void whileSmtpHangsEachTryHoldsAThreadForOneTimeoutTheSmsGoesAndEveryEmailGoesOnceWhenSmtpIsBack()
      throws Exception {
    UUID referralId = UUID.randomUUID();
    List<String> addresses =
        IntStream.range(0, EMAILS)
            .mapToObj(
                i -> "patient." + UUID.randomUUID().toString().substring(0, 8) + "@example.org")
            .toList();
    Instant now = Instant.now();
    // The emails were due a minute ago, the SMS is due now: every dispatcher thread meets an email
    // first.
    transactions.executeWithoutResult(
        status -> {
          addresses.forEach(
              address ->
                  queue.enqueue(
                      message(referralId, ContactChannel.EMAIL, address, now.minusSeconds(60)),
                      now));
          queue.enqueue(message(referralId, ContactChannel.SMS, "+15550109999", now), now);
        });

    provider.awaitAccepted(1, WAIT);
    int triedBeforeTheSms = smtp.accepted();
    assertThat(triedBeforeTheSms)
        .as("tries on the hung SMTP server before the SMS went")
        .isLessThanOrEqualTo(THREADS);

    await().atMost(WAIT).until(() -> smtp.connections().stream().allMatch(c -> c.held() != null));
    assertThat(smtp.connections())
        .as("how long each try held a dispatcher thread on the hung server")
        .allSatisfy(c -> assertThat(c.held()).isLessThan(Duration.ofMillis(2L * TIMEOUT_MS)));
    assertThat(
            jdbc.sql(
                    """
            select count(*) from notification
            where referral_id = ? and channel = 'EMAIL' and status = 'PENDING' and attempts = 1
                and last_error = 'PROVIDER_UNAVAILABLE'
            """)
                .param(referralId)
                .query(Long.class)
                .single())
        .as("emails tried once, waiting for their next attempt")
        .isEqualTo(smtp.accepted());
    System.out.printf(
        "SMTP hung: %d tries before the SMS went, %d in all, longest held %d ms%n",
        triedBeforeTheSms,
        smtp.accepted(),
        smtp.connections().stream().mapToLong(c -> c.held().toMillis()).max().orElse(0));

    GreenMail greenMail =
        new GreenMail(new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    try {
      smtp.forwardTo(greenMail.getSmtp().getPort());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  jdbc.sql(
                              "select count(*) from notification where referral_id = ? and channel = 'EMAIL' and status = 'SENT'")
                          .param(referralId)
                          .query(Long.class)
                          .single()
                      == EMAILS);
      Map<String, Long> received =
          Arrays.stream(greenMail.getReceivedMessages())
              .map(SmtpServerHangsIT::recipient)
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(received).isEqualTo(addresses.stream().collect(Collectors.toMap(a -> a, a -> 1L)));
      assertThat(provider.accepted()).hasSize(1);
    } finally {
      greenMail.stop();
    }
  }

  private static NewNotification message(
      UUID referralId, ContactChannel channel, String address, Instant dueAt) {
    return new NewNotification(
        UUID.randomUUID(),
        referralId,
        MessageKind.REFERRAL_RECEIVED,
        RecipientRole.PATIENT,
        channel,
        address,
        "en",
        new RenderedMessage("Subject", "CellPath: body. Reply STOP to opt out", null),
        dueAt,
        null,
        null,
        null);
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
