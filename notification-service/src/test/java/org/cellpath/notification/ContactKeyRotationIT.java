package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.ContactSeal;
import org.cellpath.messaging.EventJson;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.messaging.UnreadableEventException;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The key rotation of docs/security.md, run: notification-service seals and opens with key A;
 * restarted with B listed as a previous key (step 2), it reads an event a publisher already sealed
 * under B; restarted with B current and A previous (step 3), it reads both what A sealed before (an
 * event still in the topic at the restart) and what B seals after; restarted once more with A
 * dropped (step 5), it still reads B's events, and an event sealed under A that arrives now (a late
 * one, or one sent again from an outbox) is unreadable: dead-lettered, nothing queued or sent.
 *
 * <p>Each step is a full service started here on this test context's database and SMTP server, with
 * the keys as settings, and its own topic prefix (this test context, which keeps the local key,
 * never sees these events). Events are published as referral-service would publish them under the
 * same keys.
 */
class ContactKeyRotationIT extends EmailFlowSupport {

  private static final String REFERRAL_SERVICE = "/cellpath/referral-service";

  @Autowired private Environment environment;

  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private final String keyA = newKey();
  private final String keyB = newKey();
  private String prefix;

  @BeforeEach
  void ownTopics() {
    prefix =
        environment.getRequiredProperty("cellpath.messaging.topic-prefix")
            + "r"
            + UUID.randomUUID().toString().substring(0, 6)
            + "-";
  }

  @AfterEach
  void stopInstances() {
    instances.forEach(ConfigurableApplicationContext::close);
    instances.clear();
  }

  @Test
  void eventsSealedUnderTheOldKeyAreReadAfterTheRotationAndRefusedOnceItIsDropped()
      throws Exception {
    EventJson sealedUnderA =
        referralService(Map.of("EVENT_CONTACT_KEY", keyA, "EVENT_CONTACT_KEY_ID", "a"));
    EventJson sealedUnderB =
        referralService(
            Map.of(
                "EVENT_CONTACT_KEY",
                keyB,
                "EVENT_CONTACT_KEY_ID",
                "b",
                "EVENT_CONTACT_PREVIOUS_KEYS",
                "a:" + keyA));

    // Before: key A everywhere.
    ConfigurableApplicationContext beforeRotation = startInstance("a", keyA, null);
    ReferralSubmitted first = submitted();
    publish(first, sealedUnderA);
    awaitOneEmailTo(first.patient().email());
    beforeRotation.close();

    // Step 2: B known, A still seals. A publisher that reached step 3 first already seals under B.
    ConfigurableApplicationContext knowing = startInstance("a", keyA, "b:" + keyB);
    ReferralSubmitted fromAheadPublisher = submitted();
    publish(fromAheadPublisher, sealedUnderB);
    awaitOneEmailTo(fromAheadPublisher.patient().email());
    knowing.close();
    // Sealed under A and still in the topic while the service restarts.
    ReferralSubmitted inFlight = submitted();
    publish(inFlight, sealedUnderA);

    // Step 3: B seals, A still opens.
    ConfigurableApplicationContext rotated = startInstance("b", keyB, "a:" + keyA);
    ReferralSubmitted afterRotation = submitted();
    publish(afterRotation, sealedUnderB);
    awaitOneEmailTo(inFlight.patient().email());
    awaitOneEmailTo(afterRotation.patient().email());
    rotated.close();
    ReferralSubmitted lateUnderA = submitted();
    ReferralSubmitted laterUnderB = submitted();
    publish(lateUnderA, sealedUnderA);
    publish(laterUnderB, sealedUnderB);

    // Step 5: A dropped.
    startInstance("b", keyB, null);
    awaitOneEmailTo(laterUnderB.patient().email());
    try (TopicReader deadLetters =
        topic(prefix + Topics.REFERRAL_EVENTS + ".notification-service.dlq")) {
      ConsumerRecord<byte[], byte[]> dead =
          deadLetters.awaitRecord(
              record -> lateUnderA.eventId().toString().equals(TopicReader.header(record, "ce_id")),
              WAIT);
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-fqcn"))
          .isEqualTo(UnreadableEventException.class.getName());
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-message"))
          .contains("key id this service does not know (known: [b])");
      for (Header header : dead.headers()) {
        assertThat(new String(header.value(), StandardCharsets.UTF_8))
            .as(header.key())
            .doesNotContain(lateUnderA.patient().email(), "Rivera");
      }
      assertThat(deadLetters.records())
          .as("only the event sealed under the dropped key is dead-lettered")
          .extracting(record -> TopicReader.header(record, "ce_id"))
          .containsExactly(lateUnderA.eventId().toString());
    }
    assertThat(rowsFor(lateUnderA.referralId()))
        .as("notifications queued for the event under A")
        .isZero();
    assertThat(emailsTo(lateUnderA.patient().email())).isEmpty();
    assertThat(
            rowsFor(first.referralId())
                + rowsFor(fromAheadPublisher.referralId())
                + rowsFor(inFlight.referralId())
                + rowsFor(afterRotation.referralId())
                + rowsFor(laterUnderB.referralId()))
        .as("one notification per event read")
        .isEqualTo(5);
  }

  /** The sealing of a service holding these keys: the one the events are published with. */
  private static EventJson referralService(Map<String, String> settings) {
    return new EventJson(ContactSeal.fromSettings(settings::get, Clock.systemUTC()));
  }

  private void publish(ReferralSubmitted event, EventJson sealing) {
    send(
        EventRecords.of(
            event,
            new MessagingProperties(prefix, null, null, null, null, null),
            REFERRAL_SERVICE,
            sealing));
  }

  private static ReferralSubmitted submitted() {
    return PatientEvents.referralSubmitted(PatientEvents.englishPatient(newAddress()));
  }

  private ConfigurableApplicationContext startInstance(
      String keyId, String key, String previousKeys) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                // Command-line arguments outrank application.yml, so an instance cannot fall back
                // to its own defaults.
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.datasource.url="
                    + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username="
                    + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password="
                    + environment.getRequiredProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers="
                    + environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.cloud.stream.kafka.binder.brokers="
                    + environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.mail.host=" + environment.getRequiredProperty("spring.mail.host"),
                "--spring.mail.port=" + environment.getRequiredProperty("spring.mail.port"),
                "--spring.flyway.enabled=false",
                "--cellpath.messaging.topic-prefix=" + prefix,
                // The settings an operator changes at each step of the rotation.
                "--EVENT_CONTACT_KEY=" + key,
                "--EVENT_CONTACT_KEY_ID=" + keyId));
    if (previousKeys != null) {
      arguments.add("--EVENT_CONTACT_PREVIOUS_KEYS=" + previousKeys);
    }
    ConfigurableApplicationContext instance =
        new SpringApplicationBuilder(NotificationApplication.class)
            .run(arguments.toArray(String[]::new));
    instances.add(instance);
    return instance;
  }

  private static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
