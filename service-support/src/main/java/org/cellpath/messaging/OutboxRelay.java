package org.cellpath.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cellpath.work.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ships pending outbox events to Kafka, oldest first, and marks each published only after the
 * broker acknowledged it (the producer runs with {@code acks=all} and idempotence). One relay at a
 * time per database, through a PostgreSQL advisory lock, so that several instances of a service
 * never reorder one referral's events.
 *
 * <p>Events of one key (one referral) are published in id order: an event is sent only after every
 * earlier event of its key was acknowledged ({@link OutboxSender}). An event the broker does not
 * take is retried with a back-off that doubles from {@code retry-back-off-initial} to {@code
 * retry-back-off-max}; after {@code max-attempts} it is parked (left unpublished, {@code parked_at}
 * set, the reason as a class name in {@code last_error}). Its key's later events wait behind it;
 * other keys go on. A round in which nothing was acknowledged and the failures may pass by
 * themselves (the broker down) counts no attempts: it fails as a whole and the worker retries it
 * with growing pauses. Published events are purged after {@code retention}, once an hour.
 */
final class OutboxRelay extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** Advisory lock id held by the relay that may publish: "cellpath" in ASCII. */
  private static final long RELAY_LOCK = 0x63656c6c70617468L;

  private final JdbcClient jdbc;
  private final OutboxRows rows;
  private final TransactionTemplate transactions;
  private final OutboxSender sender;
  private final MessagingProperties.Outbox settings;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong parked = new AtomicLong();
  private final AtomicLong oldestPendingMillis = new AtomicLong();
  private final Counter published;
  private final Counter failedRounds;
  private final Counter failedSends;
  private long nextPurge = System.nanoTime();

  OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaOperations<byte[], byte[]> kafka,
      MessagingProperties properties,
      String source,
      EventTracing tracing,
      MeterRegistry meters) {
    super("outbox-relay", properties.outbox().pollInterval());
    this.jdbc = jdbc;
    this.rows = new OutboxRows(jdbc);
    this.transactions = transactions;
    this.sender = new OutboxSender(kafka, source, tracing);
    this.settings = properties.outbox();
    this.published =
        Counter.builder("cellpath.outbox.published")
            .description("Events acknowledged by Kafka")
            .register(meters);
    this.failedRounds =
        Counter.builder("cellpath.outbox.failed.rounds")
            .description("Relay rounds in which the broker acknowledged nothing (unreachable, say)")
            .register(meters);
    this.failedSends =
        Counter.builder("cellpath.outbox.failed.sends")
            .description("Attempts to publish an event that the broker did not acknowledge")
            .register(meters);
    Gauge.builder("cellpath.outbox.pending", pending, AtomicLong::get)
        .description("Events waiting for publication (parked ones not counted) at the last look")
        .register(meters);
    Gauge.builder("cellpath.outbox.parked", parked, AtomicLong::get)
        .description(
            "Events given up on after their attempts, holding up their referrals' later events")
        .register(meters);
    Gauge.builder(
            "cellpath.outbox.oldest.pending.age",
            oldestPendingMillis,
            millis -> millis.get() / 1000.0)
        .baseUnit("seconds")
        .description("How long the oldest pending (not parked) event has waited")
        .register(meters);
  }

  /**
   * Publishes one batch of sendable events, if this instance holds the relay lock.
   *
   * @return how many events the relay looked at in this round (acknowledged, failed or held back)
   * @throws OutboxRelayException when the broker acknowledged nothing and may be unreachable; no
   *     attempt is counted
   */
  int relayOnce() {
    Round round =
        transactions.execute(
            status -> {
              Boolean mayRelay =
                  jdbc.sql("select pg_try_advisory_xact_lock(?)")
                      .param(RELAY_LOCK)
                      .query(Boolean.class)
                      .single();
              if (!Boolean.TRUE.equals(mayRelay)) {
                return new Round(0, 0, null);
              }
              List<PendingEvent> batch = rows.sendable(settings.batchSize());
              return batch.isEmpty() ? new Round(0, 0, null) : send(batch);
            });
    published.increment(round.acknowledged());
    if (round.outage() != null) {
      failedRounds.increment();
      throw round.outage();
    }
    return round.looked();
  }

  private Round send(List<PendingEvent> batch) {
    OutboxSender.Result result = sender.send(batch, settings.sendTimeout());
    rows.markPublished(result.acknowledged());
    boolean outage =
        result.acknowledged().isEmpty()
            && result.failures().stream().anyMatch(OutboxSender.Failure::retriable);
    OutboxRelayException outageFailure = null;
    for (OutboxSender.Failure failure : result.failures()) {
      if (outage && failure.retriable()) {
        outageFailure = outageFailure != null ? outageFailure : new OutboxRelayException(failure);
      } else {
        countAttempt(failure);
      }
    }
    return new Round(batch.size(), result.acknowledged().size(), outageFailure);
  }

  /**
   * The broker took other events, or refused this one for good: the failure is this event's own.
   */
  private void countAttempt(OutboxSender.Failure failure) {
    PendingEvent event = failure.event();
    int attempt = event.attempts() + 1;
    boolean park = attempt >= settings.maxAttempts();
    Duration backOff = settings.backOff(attempt);
    rows.recordFailure(event.id(), failure.reason(), backOff, park);
    failedSends.increment();
    if (park) {
      log.error(
          "Outbox event {} ({}) of {} parked after {} attempts ({}): it stays unpublished and the later events "
              + "of its key wait behind it until an operator releases it",
          event.eventId(),
          event.type(),
          event.key(),
          attempt,
          failure.reason());
    } else {
      log.warn(
          "Outbox event {} ({}) of {} not acknowledged ({}), attempt {} of {}; retrying in {} ms",
          event.eventId(),
          event.type(),
          event.key(),
          failure.reason(),
          attempt,
          settings.maxAttempts(),
          backOff.toMillis());
    }
  }

  /**
   * Deletes published events older than the retention; pending and parked ones are never deleted.
   */
  int purgePublished() {
    return rows.purgePublished(settings.retention());
  }

  /**
   * Publishes a batch; purges old published events once an hour; reports whether a full batch was
   * looked at.
   */
  @Override
  protected boolean round() {
    int looked = relayOnce();
    if (System.nanoTime() - nextPurge > 0) {
      purgePublished();
      nextPurge = System.nanoTime() + Duration.ofHours(1).toNanos();
    }
    if (looked < settings.batchSize()) {
      OutboxRows.Backlog backlog = rows.backlog();
      pending.set(backlog.pending());
      parked.set(backlog.parked());
      oldestPendingMillis.set(backlog.oldestPendingAge().toMillis());
      return false;
    }
    return true;
  }

  /** Start after the consumers and the web server are ready, stop before the producer is closed. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  private record Round(int looked, int acknowledged, OutboxRelayException outage) {}
}
