package org.cellpath.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.cellpath.work.BackgroundWorker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ships pending outbox events to Kafka, oldest first, and marks each published only after the broker acknowledged
 * it (the producer runs with {@code acks=all} and idempotence). One relay at a time per database, through a
 * PostgreSQL advisory lock, so that several instances of a service never reorder one referral's events. A failed
 * round leaves the unacknowledged events pending and is retried with growing pauses.
 */
final class OutboxRelay extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  /** Advisory lock id held by the relay that may publish: "cellpath" in ASCII. */
  private static final long RELAY_LOCK = 0x63656c6c70617468L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaOperations<byte[], byte[]> kafka;
  private final MessagingProperties.Outbox settings;
  private final String source;
  private final AtomicLong pending = new AtomicLong();
  private final Counter published;
  private final Counter failedRounds;
  private long nextPurge = System.nanoTime();

  OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<byte[], byte[]> kafka,
      MessagingProperties properties, String source, MeterRegistry meters) {
    super("outbox-relay", properties.outbox().pollInterval());
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.settings = properties.outbox();
    this.source = source;
    this.published = Counter.builder("cellpath.outbox.published").description("Events acknowledged by Kafka")
        .register(meters);
    this.failedRounds = Counter.builder("cellpath.outbox.failed.rounds")
        .description("Relay rounds that ended before every event was acknowledged").register(meters);
    Gauge.builder("cellpath.outbox.pending", pending, AtomicLong::get)
        .description("Events waiting for publication at the last look").register(meters);
  }

  /**
   * Publishes one batch of pending events, if this instance holds the relay lock.
   *
   * @return how many events the broker acknowledged in this round
   * @throws OutboxRelayException when the broker did not acknowledge an event; those acknowledged before it stay
   *     published, the rest stay pending
   */
  int relayOnce() {
    Round round = transactions.execute(status -> {
      Boolean mayRelay = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(RELAY_LOCK).query(Boolean.class)
          .single();
      if (!Boolean.TRUE.equals(mayRelay)) {
        return new Round(0, null);
      }
      List<PendingEvent> batch = jdbc.sql("""
              select id, event_id, topic, message_key, event_type, payload::text as payload, traceparent, occurred_at
              from outbox_event where published_at is null order by id limit ?
              """)
          .param(settings.batchSize())
          .query((rs, row) -> new PendingEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
              rs.getString("message_key"), rs.getString("event_type"), rs.getString("payload"),
              rs.getString("traceparent"), rs.getTimestamp("occurred_at").toInstant()))
          .list();
      if (batch.isEmpty()) {
        return new Round(0, null);
      }
      return send(batch);
    });
    if (round.failure() != null) {
      failedRounds.increment();
      throw round.failure();
    }
    published.increment(round.acknowledged());
    return round.acknowledged();
  }

  private Round send(List<PendingEvent> batch) {
    List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(batch.size());
    for (PendingEvent event : batch) {
      sends.add(kafka.send(event.toRecord(source)));
    }
    kafka.flush();
    List<Long> acknowledged = new ArrayList<>(batch.size());
    OutboxRelayException failure = null;
    long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
    for (int i = 0; i < batch.size(); i++) {
      try {
        sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        acknowledged.add(batch.get(i).id());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new OutboxRelayException(batch.get(i), e);
        break;
      } catch (Exception e) {
        // Stop at the first unacknowledged event: marking later ones would let a retry reorder a referral's events.
        failure = new OutboxRelayException(batch.get(i), e);
        break;
      }
    }
    if (!acknowledged.isEmpty()) {
      jdbc.sql("update outbox_event set published_at = now() where id in (:ids)").param("ids", acknowledged)
          .update();
    }
    if (failure != null) {
      jdbc.sql("update outbox_event set attempts = attempts + 1, last_error = ? where id = ?")
          .param(failure.reason()).param(failure.eventRowId()).update();
    }
    return new Round(acknowledged.size(), failure);
  }

  /** Deletes published events older than the retention; pending ones are never deleted. */
  int purgePublished() {
    return jdbc.sql("delete from outbox_event where published_at < ?")
        .param(java.sql.Timestamp.from(Instant.now().minus(settings.retention()))).update();
  }

  /** Publishes a batch; purges old published events once an hour; reports whether a full batch went out. */
  @Override
  protected boolean round() {
    int sent = relayOnce();
    if (System.nanoTime() - nextPurge > 0) {
      purgePublished();
      nextPurge = System.nanoTime() + Duration.ofHours(1).toNanos();
    }
    if (sent < settings.batchSize()) {
      pending.set(countPending());
      return false;
    }
    return true;
  }

  private long countPending() {
    return jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
  }

  /** Start after the consumers and the web server are ready, stop before the producer is closed. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  record PendingEvent(long id, String eventId, String topic, String key, String type, String payload,
      String traceparent, Instant occurredAt) {

    ProducerRecord<byte[], byte[]> toRecord(String source) {
      return EventRecords.record(topic, key, eventId, type, source, occurredAt, traceparent,
          payload.getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Round(int acknowledged, OutboxRelayException failure) {}
}
