package org.cellpath.messaging.operations;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Puts the test service's consumer group into the states an operator meets: stopped, behind, with
 * records deleted under it as retention deletes them ({@code deleteRecords}).
 */
final class ConsumerGroupStage implements AutoCloseable {

  static final String BINDING = "referralEvents-in-0";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Admin admin;
  private final KafkaTemplate<byte[], byte[]> kafka;
  private final MessagingProperties messaging;
  private final BindingsLifecycleController bindings;

  ConsumerGroupStage(
      String bootstrapServers,
      KafkaTemplate<byte[], byte[]> kafka,
      MessagingProperties messaging,
      BindingsLifecycleController bindings) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.kafka = kafka;
    this.messaging = messaging;
    this.bindings = bindings;
  }

  String topic() {
    return messaging.topic(Topics.REFERRAL_EVENTS);
  }

  String group() {
    return messaging.topic("messaging-test");
  }

  /** One amendment on every partition of the topic, so that the group commits an offset on each. */
  List<UUID> onEveryPartition() throws Exception {
    List<UUID> sent = new ArrayList<>();
    for (int partition = 0; partition < messaging.partitions(); partition++) {
      ReferralAmended event =
          new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());
      ProducerRecord<byte[], byte[]> record = EventRecords.of(event, messaging, "/test");
      kafka
          .send(
              new ProducerRecord<>(
                  record.topic(), partition, record.key(), record.value(), record.headers()))
          .get();
      sent.add(event.eventId());
    }
    return sent;
  }

  /**
   * Amendments keyed by new referrals (spread over the partitions as the key falls); their ids and
   * partitions.
   */
  Map<UUID, Integer> amendments(int count) throws Exception {
    Map<UUID, Integer> sent = new HashMap<>();
    for (int i = 0; i < count; i++) {
      ReferralAmended event =
          new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now());
      RecordMetadata metadata =
          kafka.send(EventRecords.of(event, messaging, "/test")).get().getRecordMetadata();
      sent.put(event.eventId(), metadata.partition());
    }
    return sent;
  }

  /**
   * Waits until the group's committed offset is at the end of every partition: it has read
   * everything.
   */
  void awaitCaughtUp() {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Map<TopicPartition, Long> ends = endOffsets();
              Map<TopicPartition, OffsetAndMetadata> committed = committed();
              return ends.entrySet().stream()
                  .allMatch(
                      end ->
                          committed.get(end.getKey()) != null
                              && committed.get(end.getKey()).offset() == end.getValue());
            });
  }

  /** Stops the binding and waits until its consumers have left the group. */
  void stopConsumer() {
    bindings.changeState(BINDING, BindingsLifecycleController.State.STOPPED);
    await()
        .atMost(WAIT)
        .until(
            () ->
                admin
                    .describeConsumerGroups(List.of(group()))
                    .describedGroups()
                    .get(group())
                    .get()
                    .members()
                    .isEmpty());
  }

  void startConsumer() {
    bindings.changeState(BINDING, BindingsLifecycleController.State.STARTED);
  }

  /** Deletes every record of the topic, as retention would once they are old enough. */
  void deleteEverything() throws ExecutionException, InterruptedException {
    Map<TopicPartition, RecordsToDelete> deletions =
        endOffsets().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, end -> RecordsToDelete.beforeOffset(end.getValue())));
    admin.deleteRecords(deletions).all().get();
  }

  Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
    Set<TopicPartition> partitions = partitions();
    return admin
        .listOffsets(
            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
        .all()
        .get()
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private Map<TopicPartition, OffsetAndMetadata> committed()
      throws ExecutionException, InterruptedException {
    return admin.listConsumerGroupOffsets(group()).partitionsToOffsetAndMetadata().get();
  }

  private Set<TopicPartition> partitions() throws ExecutionException, InterruptedException {
    return admin
        .describeTopics(List.of(topic()))
        .allTopicNames()
        .get()
        .get(topic())
        .partitions()
        .stream()
        .map(info -> new TopicPartition(topic(), info.partition()))
        .collect(Collectors.toSet());
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
