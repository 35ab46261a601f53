package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.contracts.Topics;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox, the inbox and dead-lettering against a real broker and a real PostgreSQL. */
@IntegrationTest
class MessagingFoundationIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired Outbox outbox;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;

  @Test
  void eventsOfOneReferralReachKafkaInTheOrderTheyWereCommitted() {
    UUID referral = UUID.randomUUID();
    List<UUID> appended = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ReferralAmended event = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
      transactions.executeWithoutResult(status -> outbox.append(event));
      appended.add(event.eventId());
    }

    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      topic.awaitRecord(
          record ->
              appended
                  .get(appended.size() - 1)
                  .toString()
                  .equals(TopicReader.header(record, "ce_id")),
          WAIT);
      List<String> published =
          topic.records().stream()
              .filter(record -> referral.toString().equals(TopicReader.key(record)))
              .map(record -> TopicReader.header(record, "ce_id"))
              .toList();
      assertThat(published)
          .containsExactlyElementsOf(appended.stream().map(UUID::toString).toList());
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from outbox_event where message_key = ? and published_at is null")
                        .param(referral.toString())
                        .query(Long.class)
                        .single()
                    == 0);
  }

  @Test
  void eventsRaisedByAStateChangeAreAppendedBeforeItCommitsInTheirOrderAndNotAtAllIfItRollsBack() {
    UUID referral = UUID.randomUUID();
    ReferralAmended first = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
    ReferralAmended second = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
    ReferralAmended rolledBack = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());

    transactions.executeWithoutResult(
        status -> {
          events.publishEvent(EventsRaised.of(first, second));
          assertThat(storedEventIds(referral)).as("appended at commit, not when raised").isEmpty();
        });
    transactions.executeWithoutResult(
        status -> {
          events.publishEvent(EventsRaised.of(rolledBack));
          status.setRollbackOnly();
        });

    assertThat(storedEventIds(referral))
        .containsExactly(first.eventId().toString(), second.eventId().toString());
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      topic.awaitRecord(
          record -> second.eventId().toString().equals(TopicReader.header(record, "ce_id")), WAIT);
      assertThat(
              topic.records().stream()
                  .filter(record -> referral.toString().equals(TopicReader.key(record)))
                  .map(record -> TopicReader.header(record, "ce_id")))
          .containsExactly(first.eventId().toString(), second.eventId().toString());
    }
  }

  @Test
  void eventsRaisedOutsideATransactionAreRefusedNotDropped() {
    UUID referral = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                events.publishEvent(
                    EventsRaised.of(
                        new ReferralAmended(UUID.randomUUID(), referral, Instant.now()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transaction");
    assertThat(storedEventIds(referral)).isEmpty();
  }

  private List<String> storedEventIds(UUID referral) {
    return jdbc.sql("select event_id from outbox_event where message_key = ? order by id")
        .param(referral.toString())
        .query(String.class)
        .list();
  }

  @Test
  void anEventOfARolledBackTransactionIsNeverPublished() {
    UUID referral = UUID.randomUUID();
    ReferralAmended rolledBack = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
    ReferralAmended committed = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());

    transactions.executeWithoutResult(
        status -> {
          outbox.append(rolledBack);
          status.setRollbackOnly();
        });
    transactions.executeWithoutResult(status -> outbox.append(committed));

    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      topic.awaitRecord(
          record -> committed.eventId().toString().equals(TopicReader.header(record, "ce_id")),
          WAIT);
      assertThat(topic.records())
          .noneMatch(
              record ->
                  rolledBack.eventId().toString().equals(TopicReader.header(record, "ce_id")));
    }
  }

  @Test
  void appendingOutsideATransactionIsRefused() {
    ReferralAmended event =
        new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbox.append(event))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRedeliveredEventTakesEffectOnce() throws Exception {
    ReferralAmended event =
        new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());

    for (int i = 0; i < 3; i++) {
      cellpathKafkaTemplate.send(EventRecords.of(event, messaging, "/test")).get();
    }

    await().atMost(WAIT).until(() -> effects(event.eventId()) == 1);
    // Let the redeliveries arrive and be skipped, then check they changed nothing.
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from inbox_event where event_id = ?")
                        .param(event.eventId())
                        .query(Long.class)
                        .single()
                    == 1);
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> effects(event.eventId()) == 1);
  }

  @Test
  void aPoisonEventIsDeadLetteredAfterItsAttemptsWithoutPatientDataInItsHeadersAndLaterEventsFlow()
      throws Exception {
    ReferralWithdrawn poison =
        new ReferralWithdrawn(UUID.randomUUID(), MessagingTestApplication.POISON, Instant.now());
    ReferralAmended after =
        new ReferralAmended(UUID.randomUUID(), MessagingTestApplication.POISON, Instant.now());

    cellpathKafkaTemplate.send(EventRecords.of(poison, messaging, "/test")).get();
    cellpathKafkaTemplate.send(EventRecords.of(after, messaging, "/test")).get();

    try (TopicReader dlq = new TopicReader(bootstrapServers, deadLetterTopic())) {
      ConsumerRecord<byte[], byte[]> dead =
          dlq.awaitRecord(
              record -> poison.eventId().toString().equals(TopicReader.header(record, "ce_id")),
              WAIT);
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-fqcn"))
          .isEqualTo(IllegalStateException.class.getName());
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-message")).contains("withheld");
      assertThat(TopicReader.header(dead, "kafka_dlt-original-topic"))
          .isEqualTo(messaging.topic(Topics.REFERRAL_EVENTS));
      for (Header header : dead.headers()) {
        String value = new String(header.value(), StandardCharsets.UTF_8);
        assertThat(value).as(header.key()).doesNotContain("Canary", "1950-05-05", "+15550001111");
      }
    }
    await().atMost(WAIT).until(() -> effects(after.eventId()) == 1);
  }

  @Test
  void anUnreadableRecordIsDeadLetteredAtOnceWithASafeReason() throws Exception {
    String eventId = UUID.randomUUID().toString();
    ProducerRecord<byte[], byte[]> garbage =
        new ProducerRecord<>(
            messaging.topic(Topics.REFERRAL_EVENTS),
            "k".getBytes(StandardCharsets.UTF_8),
            "{\"eventId\": \"not-a-uuid\", \"name\": \"Canary Patient\"}"
                .getBytes(StandardCharsets.UTF_8));
    garbage
        .headers()
        .add(new RecordHeader("ce_type", "ReferralAmended".getBytes(StandardCharsets.UTF_8)));
    garbage.headers().add(new RecordHeader("ce_id", eventId.getBytes(StandardCharsets.UTF_8)));

    cellpathKafkaTemplate.send(garbage).get();

    try (TopicReader dlq = new TopicReader(bootstrapServers, deadLetterTopic())) {
      ConsumerRecord<byte[], byte[]> dead =
          dlq.awaitRecord(record -> eventId.equals(TopicReader.header(record, "ce_id")), WAIT);
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-fqcn"))
          .isEqualTo(UnreadableEventException.class.getName());
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-message"))
          .contains("ReferralAmended")
          .doesNotContain("Canary", "not-a-uuid");
    }
  }

  private String deadLetterTopic() {
    return messaging.topic(Topics.REFERRAL_EVENTS) + ".messaging-test.dlq";
  }

  private long effects(UUID eventId) {
    return jdbc.sql("select count(*) from effect where event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }
}
