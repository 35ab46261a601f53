package org.cellpath.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.EventHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds idempotent event consumers for Spring Cloud Stream bindings. Each event is handled at most
 * once per consumer: its id is recorded in the inbox in the same transaction as the handler's
 * effect (and any events the handler puts in the outbox), and a repeat is skipped. Each event is
 * handled in a span that continues the trace of its record's {@code traceparent} header, so the
 * events the handler causes carry that trace on (ADR 29).
 *
 * <pre>{@code
 * @Bean Consumer<Message<byte[]>> schedulingEvents(InboundEvents inbound) {
 *   return inbound.consumer("referral-timeline", new EventHandlers().on(AppointmentPairBooked.class, timeline::booked));
 * }
 * }</pre>
 */
public final class InboundEvents {

  private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EventJson json;
  private final EventTracing tracing;
  private final MeterRegistry meters;

  InboundEvents(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      EventJson json,
      EventTracing tracing,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.tracing = tracing;
    this.meters = meters;
  }

  /**
   * A consumer for one binding.
   *
   * @param name the inbox name of this consumer, stable across releases (a new name would reprocess
   *     history)
   */
  public InboxConsumer consumer(String name, EventHandlers handlers) {
    return new InboxConsumer(name, handlers.byType(), this);
  }

  InboxConsumer.Outcome handle(
      String name, Map<String, EventHandlers.Handler<?>> byType, Message<byte[]> message) {
    String type = header(message, EventHeaders.TYPE);
    if (type == null) {
      throw new UnreadableEventException(
          "Record without a "
              + EventHeaders.TYPE
              + " header (headers: "
              + new java.util.TreeSet<>(message.getHeaders().keySet())
              + ")");
    }
    EventHandlers.Handler<?> handler = byType.get(type);
    if (handler == null) {
      log.debug("Consumer {} skips event type {}", name, type);
      return InboxConsumer.Outcome.SKIPPED;
    }
    CellPathEvent event = json.read(message.getPayload(), handler.type());
    return handle(name, type, handler, event, header(message, EventHeaders.TRACEPARENT))
        ? InboxConsumer.Outcome.HANDLED
        : InboxConsumer.Outcome.DUPLICATE;
  }

  /** Which of these events the consumer {@code name} has recorded in its inbox. */
  Set<UUID> handledAmong(String name, Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(
        jdbc.sql("select event_id from inbox_event where consumer = :name and event_id in (:ids)")
            .param("name", name)
            .param("ids", List.copyOf(eventIds))
            .query(UUID.class)
            .list());
  }

  /** Handles the event unless the inbox has it already; true when it was handled now. */
  private boolean handle(
      String name,
      String type,
      EventHandlers.Handler<?> handler,
      CellPathEvent event,
      @Nullable String traceparent) {
    Span span = tracing.consuming(traceparent, name, type);
    MDC.put("eventId", event.eventId().toString());
    MDC.put("eventType", type);
    MDC.put("referralId", event.referralId().toString());
    try (Tracer.SpanInScope scope = tracing.inScope(span)) {
      boolean firstTime =
          Boolean.TRUE.equals(
              transactions.execute(
                  status -> {
                    int recorded =
                        jdbc.sql(
                                """
                insert into inbox_event (consumer, event_id, event_type) values (?, ?, ?)
                on conflict do nothing
                """)
                            .param(name)
                            .param(event.eventId())
                            .param(type)
                            .update();
                    if (recorded == 0) {
                      return false;
                    }
                    handler.handle(event);
                    return true;
                  }));
      meters
          .counter(
              "cellpath.inbox.events",
              "consumer",
              name,
              "type",
              type,
              "outcome",
              firstTime ? "handled" : "duplicate")
          .increment();
      if (firstTime) {
        // The line that ties this service's part of a case to its trace: referral id and trace id
        // side by side.
        log.info("Consumer {} handled event {}", name, event.eventId());
      } else {
        log.info("Consumer {} already handled event {}; skipped", name, event.eventId());
      }
      return firstTime;
    } catch (RuntimeException e) {
      // The kind of failure only: a handler's message may name the patient.
      span.tag("error.type", e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
      MDC.remove("eventId");
      MDC.remove("eventType");
      MDC.remove("referralId");
    }
  }

  /**
   * A header's value. CloudEvents attributes are read under {@code ce_} (Kafka binding) and {@code
   * ce-}: Spring Cloud Function rewrites the prefix of inbound CloudEvents headers in some cases.
   */
  static String header(Message<byte[]> message, String name) {
    Object value = message.getHeaders().get(name);
    if (value == null && name.startsWith("ce_")) {
      value = message.getHeaders().get("ce-" + name.substring(3));
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value == null ? null : value.toString();
  }
}
