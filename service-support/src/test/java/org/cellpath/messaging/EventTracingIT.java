package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.cellpath.contracts.ReferralAmended;
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

/**
 * One trace from a state change through the outbox and Kafka into the consumer, and on to the
 * events it causes.
 */
@IntegrationTest
class EventTracingIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-01";

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired Tracer tracer;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired MessagingTestApplication.HandledTraces handled;

  @Test
  void anEventStoredInATracedRequestIsPublishedInAChildSpanOfThatRequestsTrace() {
    ReferralAmended event =
        new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());
    Span request = tracer.nextSpan().name("a request").start();
    try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
      transactions.executeWithoutResult(status -> events.publishEvent(EventsRaised.of(event)));
    } finally {
      request.end();
    }
    String traceId = request.context().traceId();

    assertThat(
            jdbc.sql("select traceparent from outbox_event where event_id = ?")
                .param(event.eventId())
                .query(String.class)
                .single())
        .isEqualTo("00-" + traceId + "-" + request.context().spanId() + "-01");
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      ConsumerRecord<byte[], byte[]> record =
          topic.awaitRecord(
              published ->
                  event.eventId().toString().equals(TopicReader.header(published, "ce_id")),
              WAIT);
      String traceparent = TopicReader.header(record, "traceparent");
      assertThat(traceparent)
          .matches(TRACEPARENT)
          .startsWith("00-" + traceId + "-")
          .as("the relay's publishing span, not the request's")
          .doesNotContain(request.context().spanId());
      assertThat(record.headers().headers("traceparent")).hasSize(1);
    }
  }

  @Test
  void anEventStoredOutsideAnyTraceIsPublishedInATraceOfItsOwn() {
    ReferralAmended event =
        new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());
    transactions.executeWithoutResult(status -> events.publishEvent(EventsRaised.of(event)));

    assertThat(
            jdbc.sql("select traceparent from outbox_event where event_id = ?")
                .param(event.eventId())
                .query(String.class)
                .optional())
        .isEmpty();
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      ConsumerRecord<byte[], byte[]> record =
          topic.awaitRecord(
              published ->
                  event.eventId().toString().equals(TopicReader.header(published, "ce_id")),
              WAIT);
      assertThat(TopicReader.header(record, "traceparent")).matches(TRACEPARENT);
    }
  }

  @Test
  void aConsumedEventIsHandledInItsPublishersTraceAndTheEventsItCausesCarryThatTraceOn()
      throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    UUID referral = UUID.randomUUID();
    handled.followOn(referral);
    ReferralAmended amended = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
    ProducerRecord<byte[], byte[]> record = EventRecords.of(amended, messaging, "/test");
    record
        .headers()
        .add(
            new RecordHeader(
                "traceparent",
                ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));

    cellpathKafkaTemplate.send(record).get();

    await().atMost(WAIT).until(() -> handled.traceIdOf(amended.eventId()) != null);
    assertThat(handled.traceIdOf(amended.eventId()))
        .as("the handler's MDC, so its log lines' trace.id")
        .isEqualTo(traceId);
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      ConsumerRecord<byte[], byte[]> caused =
          topic.awaitRecord(
              published ->
                  referral.toString().equals(TopicReader.key(published))
                      && "ReferralWithdrawn".equals(TopicReader.header(published, "ce_type")),
              WAIT);
      assertThat(TopicReader.header(caused, "traceparent")).startsWith("00-" + traceId + "-");
    }
  }

  @Test
  void aConsumedEventWithoutTraceContextIsHandledInATraceOfItsOwn() throws Exception {
    ReferralAmended first =
        new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());
    ReferralAmended second =
        new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());

    cellpathKafkaTemplate.send(EventRecords.of(first, messaging, "/test")).get();
    cellpathKafkaTemplate.send(EventRecords.of(second, messaging, "/test")).get();

    await()
        .atMost(WAIT)
        .until(
            () ->
                handled.traceIdOf(first.eventId()) != null
                    && handled.traceIdOf(second.eventId()) != null);
    assertThat(handled.traceIdOf(first.eventId()))
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(handled.traceIdOf(second.eventId()));
  }
}
