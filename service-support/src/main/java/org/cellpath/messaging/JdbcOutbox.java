package org.cellpath.messaging;

import java.sql.Timestamp;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.EventTypes;
import org.cellpath.contracts.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox as a table in the service's own database, written with the caller's transaction. Each
 * row keeps the trace context of the span that stored it (the request or the consumed event that
 * changed the state), which the relay continues when it publishes the event.
 */
final class JdbcOutbox implements Outbox {

  private final JdbcClient jdbc;
  private final EventJson json;
  private final MessagingProperties properties;
  private final EventTracing tracing;
  private final Runnable afterCommit;

  JdbcOutbox(
      JdbcClient jdbc,
      EventJson json,
      MessagingProperties properties,
      EventTracing tracing,
      Runnable afterCommit) {
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
    this.tracing = tracing;
    this.afterCommit = afterCommit;
  }

  @Override
  public void append(CellPathEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Outbox.append needs the transaction of the state change it reports");
    }
    jdbc.sql(
            """
            insert into outbox_event (event_id, topic, message_key, event_type, payload, traceparent, occurred_at)
            values (:eventId, :topic, :key, :type, cast(:payload as jsonb), :traceparent, :occurredAt)
            """)
        .param("eventId", event.eventId())
        .param("topic", properties.topic(Topics.topicOf(event)))
        .param("key", event.referralId().toString())
        .param("type", EventTypes.typeOf(event))
        .param("payload", json.write(event))
        .param("traceparent", tracing.currentTraceparent())
        .param("occurredAt", Timestamp.from(event.occurredAt()))
        .update();
    // Wake the relay once the event is visible, rather than waiting for its next poll.
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            afterCommit.run();
          }
        });
  }
}
