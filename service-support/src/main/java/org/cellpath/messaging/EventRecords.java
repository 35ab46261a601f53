package org.cellpath.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.EventHeaders;
import org.cellpath.contracts.EventTypes;
import org.cellpath.contracts.Topics;

/**
 * Builds the Kafka record of an event: key = referral id, payload = the event as JSON, metadata in
 * CloudEvents-style headers. The outbox relay uses it; so can a test that plays another service.
 * The trace context header ({@link EventHeaders#TRACEPARENT}) is the publisher's to add: the relay
 * sets it from its publishing span.
 */
public final class EventRecords {

  private EventRecords() {}

  /**
   * The record for an event, on its family's topic with the deployment's prefix, its contact sealed
   * with the key of the process environment (as {@link EventJson#EventJson()}).
   */
  public static ProducerRecord<byte[], byte[]> of(
      CellPathEvent event, MessagingProperties properties, String source) {
    return of(event, properties, source, EnvironmentJson.JSON);
  }

  /**
   * The record for an event, written with {@code json}: a test that plays a service holding other
   * keys.
   */
  public static ProducerRecord<byte[], byte[]> of(
      CellPathEvent event, MessagingProperties properties, String source, EventJson json) {
    return record(
        properties.topic(Topics.topicOf(event)),
        event.referralId().toString(),
        event.eventId().toString(),
        EventTypes.typeOf(event),
        source,
        event.occurredAt(),
        json.write(event).getBytes(StandardCharsets.UTF_8));
  }

  static ProducerRecord<byte[], byte[]> record(
      String topic,
      String key,
      String eventId,
      String type,
      String source,
      Instant occurredAt,
      byte[] payload) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(key), payload);
    header(record, EventHeaders.ID, eventId);
    header(record, EventHeaders.TYPE, type);
    header(record, EventHeaders.SOURCE, source);
    header(record, EventHeaders.TIME, occurredAt.toString());
    header(record, EventHeaders.SUBJECT, key);
    header(record, EventHeaders.SPEC_VERSION, EventHeaders.SPEC_VERSION_VALUE);
    header(record, EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
    return record;
  }

  private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
    record.headers().add(new RecordHeader(name, bytes(value)));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** Read once, on first use: the environment does not change while the process runs. */
  private static final class EnvironmentJson {
    static final EventJson JSON = new EventJson();
  }
}
