package org.cellpath.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends a batch of outbox events to Kafka so that an event is never in flight while an earlier
 * event of its key is unacknowledged: in waves, each wave the next event of every key still going,
 * then a flush and the wait for every acknowledgement. A key whose event fails leaves the batch;
 * its later events stay pending. Why waves: the idempotent producer does not hold later records of
 * a partition back when one fails for good (a record too large, a topic it may not write): it
 * delivers them, so sending a key's events together would let a later one reach the topic before an
 * earlier one that is retried afterwards (ADR 17).
 */
final class OutboxSender {

  private final KafkaOperations<byte[], byte[]> kafka;
  private final String source;
  private final EventTracing tracing;

  OutboxSender(KafkaOperations<byte[], byte[]> kafka, String source, EventTracing tracing) {
    this.kafka = kafka;
    this.source = source;
    this.tracing = tracing;
  }

  /**
   * Sends the batch (in id order) within {@code timeout}; every event ends acknowledged, failed, or
   * unsent.
   */
  Result send(List<PendingEvent> batch, Duration timeout) {
    Map<String, Deque<PendingEvent>> byKey = new LinkedHashMap<>();
    for (PendingEvent event : batch) {
      byKey.computeIfAbsent(event.key(), key -> new ArrayDeque<>()).add(event);
    }
    List<Long> acknowledged = new ArrayList<>(batch.size());
    List<Failure> failures = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!byKey.isEmpty() && !Thread.currentThread().isInterrupted()) {
      List<PendingEvent> wave =
          byKey.values().stream()
              .map(Deque::poll)
              .sorted(Comparator.comparingLong(PendingEvent::id))
              .toList();
      byKey.values().removeIf(Deque::isEmpty);
      List<CompletableFuture<?>> sends = wave.stream().map(this::sendQuietly).toList();
      kafka.flush();
      for (int i = 0; i < wave.size(); i++) {
        PendingEvent event = wave.get(i);
        try {
          sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          acknowledged.add(event.id());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failures.add(new Failure(event, e));
          byKey.remove(event.key());
        } catch (ExecutionException e) {
          failures.add(new Failure(event, e.getCause()));
          byKey.remove(event.key());
        } catch (Exception e) {
          failures.add(new Failure(event, e));
          byKey.remove(event.key());
        }
      }
    }
    return new Result(acknowledged, failures);
  }

  /**
   * Sends the event in a span that continues the trace it was stored in, with that span as the
   * record's {@code traceparent}; the span ends with the broker's answer. A send the producer
   * refuses at once (an invalid topic, say) becomes a failed send of that event alone.
   */
  private CompletableFuture<?> sendQuietly(PendingEvent event) {
    Span span = tracing.publishing(event);
    try (Tracer.SpanInScope scope = tracing.inScope(span)) {
      ProducerRecord<byte[], byte[]> record = event.toRecord(source);
      tracing.inject(span, record.headers());
      return kafka.send(record).whenComplete((result, failure) -> end(span, failure));
    } catch (RuntimeException e) {
      end(span, e);
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void end(Span span, @Nullable Throwable failure) {
    if (failure != null) {
      // The kind of failure only: a provider's message may quote the record.
      span.tag("error.type", failure.getClass().getSimpleName());
    }
    span.end();
  }

  record Result(List<Long> acknowledged, List<Failure> failures) {}

  /** An event the broker did not acknowledge, and why. */
  record Failure(PendingEvent event, Throwable cause) {

    /**
     * The innermost cause: the producer's own exception, without Spring's and the future's
     * wrappers.
     */
    Throwable root() {
      Throwable root = cause;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root;
    }

    /**
     * Whether the failure may pass by itself (the broker unreachable or slow), rather than being
     * this event's own (a topic Kafka refuses, a record too large).
     */
    boolean retriable() {
      Throwable root = root();
      return root instanceof RetriableException
          || root instanceof java.util.concurrent.TimeoutException
          || root instanceof InterruptedException;
    }

    /** The failure's kind, fit for the outbox table and logs: a class name, no provider text. */
    String reason() {
      return root().getClass().getSimpleName();
    }
  }
}
