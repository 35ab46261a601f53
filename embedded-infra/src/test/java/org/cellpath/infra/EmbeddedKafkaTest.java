package org.cellpath.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(0, null);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void deliversARecordWrittenWithAcksAllToAConsumer() throws Exception {
    String topic = "embedded-kafka-test-" + UUID.randomUUID();
    RecordMetadata written;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
      written = producer.send(new ProducerRecord<>(topic, "referral-1", "hello")).get();
    }
    assertThat(written.hasOffset()).isTrue();

    List<ConsumerRecord<String, String>> received = readAll(kafka, topic);

    assertThat(received)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("referral-1");
              assertThat(record.value()).isEqualTo("hello");
            });
  }

  @Test
  void createsTopicsWithSixPartitionsOnFirstUse() throws Exception {
    String topic = "embedded-kafka-partitions-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get();
      assertThat(producer.partitionsFor(topic)).hasSize(6);
    }
  }

  @Test
  void keepsConsumerGroupOffsetsFor400DaysSoThatAGroupOutlivesALongOutage() throws Exception {
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Config config =
          admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);

      assertThat(config.get("offsets.retention.minutes").value())
          .isEqualTo(String.valueOf(Duration.ofDays(400).toMinutes()));
    }
  }

  @Test
  void keepsRecordsInAGivenDataDirectoryAcrossRestarts(@TempDir Path parent) throws Exception {
    Path dataDir = parent.resolve("kafka");
    String topic = "kept-" + UUID.randomUUID();
    try (EmbeddedKafka first = EmbeddedKafka.start(0, dataDir);
        KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first))) {
      producer.send(new ProducerRecord<>(topic, "referral-1", "before restart")).get();
    }

    try (EmbeddedKafka second = EmbeddedKafka.start(0, dataDir)) {
      assertThat(readAll(second, topic))
          .extracting(ConsumerRecord::value)
          .containsExactly("before restart");
    }
    assertThat(dataDir).isDirectory();
  }

  @Test
  void deletesItsTemporaryDataDirectoryOnClose() {
    EmbeddedKafka second = EmbeddedKafka.start(0, null);
    Path dataDir = second.dataDir();
    assertThat(dataDir).isDirectory();

    second.close();

    assertThat(Files.exists(dataDir)).isFalse();
  }

  private static Map<String, Object> producerConfig(EmbeddedKafka broker) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class);
  }

  /** Reads from the start of the topic until at least one record arrived. */
  private static List<ConsumerRecord<String, String>> readAll(EmbeddedKafka broker, String topic) {
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "embedded-kafka-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
      consumer.subscribe(List.of(topic));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
              });
    }
    return received;
  }
}
