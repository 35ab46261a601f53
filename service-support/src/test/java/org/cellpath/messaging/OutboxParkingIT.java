package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.Topics;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An outbox event the broker can never take (a topic name Kafka refuses, a record larger than the
 * producer sends) between healthy events of other referrals, against a real broker and database:
 * the others flow, the bad one is parked after its attempts, and its referral's later events wait
 * behind it.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "cellpath.messaging.outbox.max-attempts=3",
      "cellpath.messaging.outbox.retry-back-off-initial=100ms",
      "cellpath.messaging.outbox.retry-back-off-max=200ms"
    })
class OutboxParkingIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Kafka refuses topic names with spaces or '!'. */
  private static final String REFUSED_TOPIC = "no such topic!";

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void
      anEventTheBrokerRefusesIsParkedAfterItsAttemptsWhileOtherReferralsFlowAndItsOwnLaterEventsWait() {
    UUID badTopicReferral = UUID.randomUUID();
    UUID tooLargeReferral = UUID.randomUUID();
    ReferralAmended first = amended(UUID.randomUUID());
    ReferralAmended behindBadTopic = amended(badTopicReferral);
    ReferralAmended second = amended(UUID.randomUUID());
    ReferralAmended third = amended(UUID.randomUUID());
    UUID badTopicEvent = UUID.randomUUID();
    UUID tooLargeEvent = UUID.randomUUID();

    // One transaction, so that the relay meets them in one batch, in this order.
    transactions.executeWithoutResult(
        status -> {
          outbox.append(first);
          insertRow(
              badTopicEvent, REFUSED_TOPIC, badTopicReferral, "{\"note\": \"refused topic\"}");
          outbox.append(behindBadTopic);
          outbox.append(second);
          insertRow(
              tooLargeEvent,
              messaging.topic(Topics.REFERRAL_EVENTS),
              tooLargeReferral,
              "{\"padding\": \"" + "x".repeat(1_100_000) + "\"}");
          outbox.append(third);
        });

    await().atMost(WAIT).until(() -> effects(first) + effects(second) + effects(third) == 3);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(row(badTopicEvent))
                  .containsEntry("attempts", 3)
                  .containsEntry("last_error", "InvalidTopicException")
                  .containsEntry("published", false)
                  .containsEntry("parked", true);
              assertThat(row(tooLargeEvent))
                  .containsEntry("attempts", 3)
                  .containsEntry("last_error", "RecordTooLargeException")
                  .containsEntry("published", false)
                  .containsEntry("parked", true);
            });
    assertThat(row(behindBadTopic.eventId()))
        .containsEntry("attempts", 0)
        .containsEntry("published", false)
        .containsEntry("parked", false);
    await().atMost(WAIT).until(() -> meters.get("cellpath.outbox.parked").gauge().value() == 2.0);

    // Parked events hold up their own referrals only: a new event of another referral goes at once.
    ReferralAmended later = amended(UUID.randomUUID());
    ReferralAmended alsoBehindBadTopic = amended(badTopicReferral);
    transactions.executeWithoutResult(
        status -> {
          outbox.append(alsoBehindBadTopic);
          outbox.append(later);
        });
    await().atMost(WAIT).until(() -> effects(later) == 1);
    assertThat(row(behindBadTopic.eventId()))
        .containsEntry("published", false)
        .containsEntry("parked", false);
    assertThat(row(alsoBehindBadTopic.eventId()))
        .containsEntry("published", false)
        .containsEntry("parked", false);
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      topic.awaitRecord(
          record -> later.eventId().toString().equals(TopicReader.header(record, "ce_id")), WAIT);
      assertThat(topic.records())
          .noneMatch(record -> badTopicReferral.toString().equals(TopicReader.key(record)));
      assertThat(topic.records())
          .noneMatch(record -> tooLargeReferral.toString().equals(TopicReader.key(record)));
    }
  }

  private static ReferralAmended amended(UUID referral) {
    return new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
  }

  private void insertRow(UUID eventId, String topic, UUID referral, String payload) {
    jdbc.sql(
            """
            insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at)
            values (?, ?, ?, 'ReferralAmended', cast(? as jsonb), ?)
            """)
        .params(eventId, topic, referral.toString(), payload, Timestamp.from(Instant.now()))
        .update();
  }

  private Map<String, Object> row(UUID eventId) {
    return jdbc.sql(
            """
            select attempts, last_error, published_at is not null as published, parked_at is not null as parked
            from outbox_event where event_id = ?
            """)
        .param(eventId)
        .query()
        .singleRow();
  }

  private long effects(ReferralAmended event) {
    return jdbc.sql("select count(*) from effect where event_id = ?")
        .param(event.eventId())
        .query(Long.class)
        .single();
  }
}
