package org.cellpath.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the broker back: every record of every topic, kept as read, and consumer groups' lag. */
final class Topics {

  /** One record as read back from a topic. */
  record TopicRecord(
      String topic,
      int partition,
      long offset,
      String key,
      String eventId,
      String type,
      Map<String, String> headers,
      String value) {

    boolean deadLetter() {
      return topic.endsWith(".dlq");
    }

    JsonNode json() {
      return JSON.readTree(value);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String bootstrapServers;

  Topics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Every record read so far, by partition in offset order, and where each partition's next read
   * starts.
   */
  private final Map<TopicPartition, List<TopicRecord>> seen = new HashMap<>();

  private final Map<TopicPartition, Long> next = new HashMap<>();

  /**
   * Every record of every topic, dead-letter topics included, that was ever on it while the harness
   * looked: what was read before stays known after retention deleted it from the broker (the
   * retention scenario deletes records on purpose, and later reconciliations still count them).
   * Each call reads only what is new.
   */
  synchronized List<TopicRecord> readAll() {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000);
    try (Admin admin = admin();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : admin.listTopics().names().get()) {
        consumer
            .partitionsFor(topic)
            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      for (TopicPartition partition : partitions) {
        long from = next.getOrDefault(partition, 0L);
        if (ends.get(partition) < from) {
          // The topic was made again: its offsets start over.
          seen.remove(partition);
          from = 0;
        }
        consumer.seek(partition, Math.max(from, beginnings.get(partition)));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read the topics to their end within 90 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          Map<String, String> headers = new HashMap<>();
          for (Header header : record.headers()) {
            headers.put(
                header.key(),
                header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
          }
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          seen.computeIfAbsent(partition, p -> new ArrayList<>())
              .add(
                  new TopicRecord(
                      record.topic(),
                      record.partition(),
                      record.offset(),
                      record.key() == null
                          ? null
                          : new String(record.key(), StandardCharsets.UTF_8),
                      headers.get("ce_id"),
                      headers.get("ce_type"),
                      headers,
                      new String(record.value(), StandardCharsets.UTF_8)));
        }
      }
      partitions.forEach(p -> next.put(p, consumer.position(p)));
      List<TopicRecord> records = new ArrayList<>();
      seen.values().forEach(records::addAll);
      return records;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The lag of a consumer group over these topics: records it has not committed past, on every
   * partition.
   */
  long lag(String group, String... topics) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      admin
          .describeTopics(List.of(topics))
          .allTopicNames()
          .get()
          .forEach(
              (topic, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              partitions.put(
                                  new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      var latest = admin.listOffsets(partitions).all().get();
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long lag = 0;
      for (TopicPartition partition : partitions.keySet()) {
        var offset = committed.get(partition);
        lag += latest.get(partition).offset() - (offset == null ? 0 : offset.offset());
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }
}
