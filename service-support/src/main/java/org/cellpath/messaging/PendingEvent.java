package org.cellpath.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An outbox row waiting for publication, with the attempts it has already had. */
record PendingEvent(long id, String eventId, String topic, String key, String type, String payload,
    String traceparent, Instant occurredAt, int attempts) {

  ProducerRecord<byte[], byte[]> toRecord(String source) {
    return EventRecords.record(topic, key, eventId, type, source, occurredAt, traceparent,
        payload.getBytes(StandardCharsets.UTF_8));
  }
}
