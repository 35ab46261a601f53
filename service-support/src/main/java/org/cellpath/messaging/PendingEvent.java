package org.cellpath.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * An outbox row waiting for publication, with the attempts it has already had.
 *
 * @param traceparent the trace context of the span that stored the row; null where none was current
 */
record PendingEvent(
    long id,
    String eventId,
    String topic,
    String key,
    String type,
    String payload,
    @Nullable String traceparent,
    Instant occurredAt,
    int attempts) {

  /** The record without trace context: the relay adds that of its publishing span. */
  ProducerRecord<byte[], byte[]> toRecord(String source) {
    return EventRecords.record(
        topic, key, eventId, type, source, occurredAt, payload.getBytes(StandardCharsets.UTF_8));
  }
}
