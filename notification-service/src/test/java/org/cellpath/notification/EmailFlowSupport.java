package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.Topics;
import org.cellpath.infra.FreePorts;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the email integration tests share: the service against the real broker and a real PostgreSQL
 * database (one context for all subclasses, so it starts once), a real SMTP server (GreenMail,
 * fresh for every test), and the means to publish events as the other services do and to read what
 * comes out.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      // Retries within a test's patience; the SMTP outage test needs a few of them before SMTP
      // comes back.
      "cellpath.notifications.dispatch.back-off-initial=200ms",
      "cellpath.notifications.dispatch.back-off-max=1s",
      "cellpath.notifications.dispatch.max-attempts=30",
      // SMS at any hour, so that a test's outcome does not depend on the time of day it runs
      // (SmsRulesIT sets 08-21).
      "cellpath.notifications.sms.window-start=00:00",
      "cellpath.notifications.sms.window-end=00:00",
      // GreenMail logs every address it sees; the service's own logs are what these tests produce.
      "logging.level.com.icegreen=WARN",
      // The key the tests sign SMS webhook calls with, as the provider would.
      "cellpath.notifications.sms.inbound-secret=" + EmailFlowSupport.WEBHOOK_SECRET
    })
public abstract class EmailFlowSupport {

  protected static final Duration WAIT = Duration.ofSeconds(30);
  protected static final String WEBHOOK_SECRET = "test-only-sms-webhook-secret-4f1c";

  /**
   * A fixed port, so that the SMTP server can be stopped and started again where the service
   * expects it.
   */
  private static final int SMTP_PORT = FreePorts.pick();

  @RegisterExtension
  protected static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired
  @Qualifier("cellpathKafkaTemplate")
  private KafkaTemplate<byte[], byte[]> kafka;

  @Autowired protected MessagingProperties messaging;
  @Autowired protected JdbcClient jdbc;

  @Value("${spring.kafka.bootstrap-servers}")
  private String bootstrapServers;

  @Value("${local.server.port}")
  private int port;

  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * Publishes the event as its service would: prefixed topic, referral id as key, CloudEvents
   * headers.
   */
  protected void publish(CellPathEvent event, String source) {
    try {
      kafka.send(EventRecords.of(event, messaging, source)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Publishes the event to the topics of another deployment: one whose topic prefix is {@code
   * topicPrefix}.
   */
  protected void publishTo(String topicPrefix, CellPathEvent event, String source) {
    try {
      kafka
          .send(
              EventRecords.of(
                  event,
                  new MessagingProperties(topicPrefix, null, null, null, null, null),
                  source))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish " + event.getClass().getSimpleName(), e);
    }
  }

  /** Sends a record as it is: one a test forged or changed, not as a service would publish it. */
  protected void send(ProducerRecord<byte[], byte[]> record) {
    try {
      kafka.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not send a record to " + record.topic(), e);
    }
  }

  /** Reads a topic of the shared broker (its full name, prefix included) from its beginning. */
  protected TopicReader topic(String name) {
    return new TopicReader(bootstrapServers, name);
  }

  /** Reads this context's {@code notification-events} topic from its beginning. */
  protected TopicReader notificationEvents() {
    return new TopicReader(bootstrapServers, messaging.topic(Topics.NOTIFICATION_EVENTS));
  }

  protected MimeMessage awaitOneEmailTo(String address) throws MessagingException {
    await().atMost(WAIT).until(() -> !emailsTo(address).isEmpty());
    List<MimeMessage> emails = emailsTo(address);
    assertThat(emails).as("emails to %s", address).hasSize(1);
    return emails.get(0);
  }

  protected List<MimeMessage> emailsTo(String address) throws MessagingException {
    List<MimeMessage> to = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .anyMatch(recipient -> recipient.toString().equals(address))) {
        to.add(message);
      }
    }
    return to;
  }

  protected long rowsFor(UUID referralId) {
    return jdbc.sql("select count(*) from notification where referral_id = ?")
        .param(referralId)
        .query(Long.class)
        .single();
  }

  /** {@code GET /api/referrals/{referralId}/notifications} as staff ({@code ADMIN}), as JSON. */
  protected JsonNode deliveryLog(UUID referralId) {
    return json.readTree(deliveryLogText(referralId));
  }

  protected String deliveryLogText(UUID referralId) {
    return RestClient.create("http://localhost:" + port)
        .get()
        .uri("/api/referrals/{id}/notifications", referralId)
        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
        .retrieve()
        .body(String.class);
  }

  /** The service's HTTP API; error statuses are answers to assert on, not exceptions. */
  protected RestClient http() {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }

  /**
   * {@code POST /api/sms/inbound} as the SMS provider sends it: signed now with {@link
   * #WEBHOOK_SECRET}.
   */
  protected ResponseEntity<String> signedSmsReply(String body, Instant now) {
    return http()
        .post()
        .uri("/api/sms/inbound")
        .contentType(MediaType.APPLICATION_JSON)
        .header(WebhookSigner.HEADER, WebhookSigner.signature(WEBHOOK_SECRET, now, body))
        .body(body)
        .retrieve()
        .toEntity(String.class);
  }

  /**
   * The one message of a referral in the delivery log; fails (so that Awaitility tries again) while
   * there is none.
   */
  protected JsonNode onlyNotificationOf(UUID referralId) {
    JsonNode notifications = deliveryLog(referralId).get("notifications");
    assertThat(notifications.size()).as("notifications of referral %s", referralId).isEqualTo(1);
    return notifications.get(0);
  }

  /** A fresh address, so that tests sharing the context never read each other's emails. */
  protected static String newAddress() {
    return "patient." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  /** A fresh practice address for a referring physician, apart from every patient's. */
  protected static String newPhysicianAddress() {
    return "physician." + UUID.randomUUID().toString().substring(0, 8) + "@practice.example";
  }

  /** The calendar file attached to an email, parsed back; fails when there is none. */
  protected static Calendar calendarOf(Part part) throws Exception {
    Part calendar = partOf(part, "text/calendar");
    assertThat(calendar).as("a text/calendar attachment").isNotNull();
    assertThat(calendar.getFileName()).isEqualTo("appointments.ics");
    try (InputStream in = calendar.getInputStream()) {
      return new CalendarBuilder().build(in);
    }
  }

  private static Part partOf(Part part, String mimeType) throws MessagingException, IOException {
    if (part.isMimeType(mimeType)) {
      return part;
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        Part found = partOf(multipart.getBodyPart(i), mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The first body part of this MIME type, decoded. */
  protected static String textOf(Part part, String mimeType)
      throws MessagingException, IOException {
    if (part.isMimeType(mimeType)) {
      return part.getContent().toString();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = textOf(multipart.getBodyPart(i), mimeType);
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }
}
