package org.cellpath.messaging.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead-letter topic from its beginning up to its end as it was when the read began, outside
 * any consumer group: nothing is committed, so reading it changes nothing and the records stay
 * where they are.
 */
final class DeadLetterReader {

  private final Map<String, Object> config;
  private final Duration timeout;

  DeadLetterReader(
      Map<String, Object> kafkaConsumerProperties, String bootstrapServers, Duration timeout) {
    Map<String, Object> config = new HashMap<>(kafkaConsumerProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "cellpath-dead-letters");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    this.config = Map.copyOf(config);
    this.timeout = timeout;
  }

  /**
   * Every record of the topic, oldest first by the time it was dead-lettered; empty when the topic
   * does not exist (nothing was ever dead-lettered there).
   *
   * @throws DeadLetterReadException when the records could not all be read within the timeout
   */
  List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          Optional.ofNullable(consumer.partitionsFor(topic, timeout)).orElse(List.of()).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        return List.of();
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      consumer.seekToBeginning(partitions);
      List<TopicPartition> unread = new ArrayList<>(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      unread.removeIf(partition -> consumer.position(partition, timeout) >= ends.get(partition));
      while (!unread.isEmpty()) {
        if (System.nanoTime() - deadline > 0) {
          throw new DeadLetterReadException(topic, unread.size());
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
            records.add(record);
          }
        }
        unread.removeIf(partition -> consumer.position(partition, timeout) >= ends.get(partition));
      }
      records.sort(
          Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
              .thenComparingInt(ConsumerRecord::partition)
              .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  /** How many records the topic holds now (end minus start offset, summed over its partitions). */
  long count(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          Optional.ofNullable(consumer.partitionsFor(topic, timeout)).orElse(List.of()).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        return 0;
      }
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      return partitions.stream()
          .mapToLong(partition -> ends.get(partition) - starts.get(partition))
          .sum();
    }
  }
}
