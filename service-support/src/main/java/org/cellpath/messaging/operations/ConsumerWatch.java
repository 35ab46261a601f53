package org.cellpath.messaging.operations;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.cellpath.work.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, once per interval and never on a scrape, every consumer binding's committed offsets and
 * its topics' log start and end offsets with the Kafka admin client: the lag ({@link ConsumerLag}),
 * and a second look for gaps ({@link ConsumerGaps}) besides the check on assignment. The periodic
 * look reports a partition only when the group's committed offset is below the log start offset in
 * two readings in a row with the same committed offset: a consumer that has read the records and is
 * about to commit them moves its offset within an interval.
 */
final class ConsumerWatch extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(ConsumerWatch.class);

  private final ConsumerBindings bindings;
  private final ConsumerLag lag;
  private final ConsumerGaps gaps;
  private final Supplier<Admin> adminFactory;
  private final Duration timeout;
  private final Map<String, Long> previousBelowLogStart = new HashMap<>();
  private Admin admin;

  ConsumerWatch(
      ConsumerBindings bindings,
      ConsumerLag lag,
      ConsumerGaps gaps,
      Supplier<Admin> adminFactory,
      Duration interval,
      Duration timeout) {
    super("consumer-watch", interval);
    this.bindings = bindings;
    this.lag = lag;
    this.gaps = gaps;
    this.adminFactory = adminFactory;
    this.timeout = timeout;
  }

  @Override
  protected boolean round() {
    if (gaps.anyUnsaved()) {
      try {
        gaps.saveUnsaved();
      } catch (RuntimeException stillAway) {
        log.warn(
            "Consumer gaps not stored yet ({}); trying again next round",
            stillAway.getClass().getName());
      }
    }
    List<ConsumerBinding> all = bindings.all();
    if (all.isEmpty()) {
      return false;
    }
    Admin admin = admin();
    Set<String> topics = new LinkedHashSet<>();
    all.forEach(binding -> topics.addAll(binding.topics()));
    Map<String, List<TopicPartition>> partitionsByTopic = new LinkedHashMap<>();
    admin
        .describeTopics(topics)
        .topicNameValues()
        .forEach(
            (topic, description) -> {
              try {
                TopicDescription described = get(description);
                partitionsByTopic.put(
                    topic,
                    described.partitions().stream()
                        .map(partition -> new TopicPartition(topic, partition.partition()))
                        .toList());
              } catch (UnknownTopicOrPartitionException notYetCreated) {
                partitionsByTopic.put(topic, List.of());
              }
            });
    List<TopicPartition> partitions =
        partitionsByTopic.values().stream().flatMap(List::stream).toList();
    if (partitions.isEmpty()) {
      return false;
    }
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(
        partition -> {
          earliest.put(partition, OffsetSpec.earliest());
          latest.put(partition, OffsetSpec.latest());
        });
    Map<TopicPartition, ListOffsetsResultInfo> starts = get(admin.listOffsets(earliest).all());
    Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all());
    for (ConsumerBinding binding : all) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          get(admin.listConsumerGroupOffsets(binding.group()).partitionsToOffsetAndMetadata());
      Map<String, Long> lagByTopic = new LinkedHashMap<>();
      for (String topic : binding.topics()) {
        long topicLag = 0;
        for (TopicPartition partition : partitionsByTopic.getOrDefault(topic, List.of())) {
          long start = starts.get(partition).offset();
          long end = ends.get(partition).offset();
          OffsetAndMetadata offset = committed.get(partition);
          topicLag += end - (offset == null ? start : Math.max(offset.offset(), start));
          lookForGap(binding, partition, offset, start);
        }
        lagByTopic.put(topic, topicLag);
      }
      lag.update(binding, lagByTopic);
    }
    return false;
  }

  private void lookForGap(
      ConsumerBinding binding, TopicPartition partition, OffsetAndMetadata offset, long start) {
    String key = binding.group() + "\n" + partition;
    if (offset == null || offset.offset() >= start) {
      previousBelowLogStart.remove(key);
      return;
    }
    Long previous = previousBelowLogStart.put(key, offset.offset());
    if (previous != null && previous == offset.offset()) {
      gaps.found(
          binding.name(),
          binding.group(),
          partition.topic(),
          partition.partition(),
          offset.offset(),
          start,
          "watch");
    }
  }

  private Admin admin() {
    if (admin == null) {
      admin = adminFactory.get();
    }
    return admin;
  }

  private <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading offsets", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Offsets not read within " + timeout, e);
    }
  }

  @Override
  public void stop() {
    super.stop();
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }
}
