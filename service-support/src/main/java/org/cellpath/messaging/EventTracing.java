package org.cellpath.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.cellpath.contracts.EventHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Carries the trace of a state change with its events: the W3C {@code traceparent} of the span that
 * saved the change is stored with each outbox row, the relay publishes the record in a span that
 * continues it, and the consumer handles the record in a span that continues the publisher's. So
 * one trace runs from the request that started a case through every event it causes, in every
 * service (ADR 29). Only ids, topic and event type go into spans: never a payload.
 */
final class EventTracing {

  /** Where the service runs without tracing: nothing stored, nothing sent, nothing continued. */
  static final EventTracing NONE = new EventTracing(Tracer.NOOP, Propagator.NOOP);

  private final Tracer tracer;
  private final Propagator propagator;

  EventTracing(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /**
   * The current span as a {@code traceparent} value, to be stored with an outbox row; null outside
   * any span.
   */
  @Nullable String currentTraceparent() {
    TraceContext context = tracer.currentTraceContext().context();
    if (context == null) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(context, carrier, Map::put);
    return carrier.get(EventHeaders.TRACEPARENT);
  }

  /**
   * The span that publishes an outbox event, a child of the span that stored it (a new trace when
   * none did).
   */
  Span publishing(PendingEvent event) {
    return continuing(event.traceparent())
        .name("outbox publish")
        .kind(Span.Kind.PRODUCER)
        .tag("messaging.system", "kafka")
        .tag("messaging.destination.name", event.topic())
        .tag("cellpath.event.type", event.type())
        .start();
  }

  /**
   * The span that handles a consumed event, a child of the publisher's span (a new trace when it
   * sent none).
   */
  Span consuming(@Nullable String traceparent, String consumer, String type) {
    return continuing(traceparent)
        .name("event receive")
        .kind(Span.Kind.CONSUMER)
        .tag("messaging.system", "kafka")
        .tag("messaging.consumer.group.name", consumer)
        .tag("cellpath.event.type", type)
        .start();
  }

  /**
   * Makes the span current on this thread (and its ids the log lines' {@code trace.id} and {@code
   * span.id}).
   */
  Tracer.SpanInScope inScope(Span span) {
    return tracer.withSpan(span);
  }

  /** Sets the record's {@code traceparent} header to the span, replacing any it had. */
  void inject(Span span, Headers headers) {
    propagator.inject(
        span.context(),
        headers,
        (carrier, key, value) -> {
          carrier.remove(key);
          carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
  }

  private Span.Builder continuing(@Nullable String traceparent) {
    // An absent or malformed traceparent extracts as no parent: the span starts a trace of its own.
    return propagator.extract(
        traceparent == null
            ? Map.<String, String>of()
            : Map.of(EventHeaders.TRACEPARENT, traceparent),
        Map::get);
  }
}
