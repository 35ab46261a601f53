package org.cellpath.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning, outside any consumer group, so that a test can see exactly what
 * a service published (including dead-letter topics) without disturbing the services' own
 * consumers.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final List<ConsumerRecord<byte[], byte[]>> seen = new CopyOnWriteArrayList<>();
  private boolean assigned;

  public TopicReader(String bootstrapServers, String topic) {
    this.topic = topic;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"));
  }

  /**
   * Waits until a record matching the predicate has been published, and returns the first such
   * record.
   */
  public ConsumerRecord<byte[], byte[]> awaitRecord(
      Predicate<ConsumerRecord<byte[], byte[]>> matching, Duration atMost) {
    org.awaitility.Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              poll();
              return seen.stream().anyMatch(matching);
            });
    return seen.stream().filter(matching).findFirst().orElseThrow();
  }

  /** Waits until a record of this {@code ce_type} about this referral has been published. */
  public ConsumerRecord<byte[], byte[]> awaitEvent(
      String type, String referralId, Duration atMost) {
    return awaitRecord(
        record -> type.equals(header(record, "ce_type")) && referralId.equals(key(record)), atMost);
  }

  /** Everything read so far, after one more short poll. */
  public List<ConsumerRecord<byte[], byte[]>> records() {
    poll();
    return List.copyOf(seen);
  }

  private void poll() {
    if (!assigned) {
      List<TopicPartition> partitions = new ArrayList<>();
      Optional.ofNullable(consumer.partitionsFor(topic, Duration.ofSeconds(5)))
          .orElse(List.of())
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      assigned = true;
    }
    consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  public static String value(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
