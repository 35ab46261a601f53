package org.cellpath.messaging.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The periodic watch of the consumer group against the real broker and database (read every 200 ms
 * here; lag threshold 5 records for 1 s): lag as a gauge and a health indicator outside readiness,
 * and gaps seen while the consumer is stopped.
 */
@IntegrationTest
class ConsumerWatchIT {

  /**
   * A failed watch round (the broker slow on a loaded machine) is retried after a pause of up to 30
   * s.
   */
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired BindingsLifecycleController bindings;
  @Autowired MeterRegistry meters;

  private ConsumerGroupStage stage;

  @BeforeEach
  void stage() {
    stage = new ConsumerGroupStage(bootstrapServers, cellpathKafkaTemplate, messaging, bindings);
  }

  @AfterEach
  void restartConsumer() {
    stage.startConsumer();
    stage.close();
  }

  @Test
  void
      theLagOfAStoppedConsumerIsMeasuredAndTurnsItsHealthDownOutsideReadinessOnceItStaysAboveTheThreshold()
          throws Exception {
    Actuator admin = Actuator.asAdmin(port);
    await().atMost(WAIT).until(this::lag, lag -> lag == 0);
    stage.stopConsumer();

    stage.amendments(20);

    await().atMost(WAIT).until(this::lag, lag -> lag == 20);
    await().atMost(WAIT).until(() -> admin.get("/actuator/health/consumerLag").status() == 503);
    Actuator.Reply health = admin.get("/actuator/health/consumerLag");
    assertThat(health.body().path("status").asString()).isEqualTo("DOWN");
    assertThat(
            health
                .body()
                .path("details")
                .path("bindings")
                .path(ConsumerGroupStage.BINDING)
                .path("lag")
                .asLong())
        .isEqualTo(20);
    assertThat(new Actuator(port, null).get("/actuator/health").status())
        .as("overall health, for anyone")
        .isEqualTo(503);
    assertThat(admin.get("/actuator/health/readiness").status()).isEqualTo(200);

    stage.startConsumer();

    await().atMost(WAIT).until(this::lag, lag -> lag == 0);
    await().atMost(WAIT).until(() -> admin.get("/actuator/health/consumerLag").status() == 200);
  }

  @Test
  void recordsDeletedWhileTheConsumerIsStoppedAreReportedOnceAsAGapByThePeriodicCheck()
      throws Exception {
    Actuator admin = Actuator.asAdmin(port);
    stage.onEveryPartition();
    stage.awaitCaughtUp();
    stage.stopConsumer();
    Map<UUID, Integer> unread = stage.amendments(9);

    stage.deleteEverything();

    await().atMost(WAIT).until(this::recordsLost, lost -> lost == 9);
    assertThat(jdbc.sql("select distinct detected_by from consumer_gap").query(String.class).list())
        .containsExactly("watch");
    assertThat(lostByPartition()).isEqualTo(countByPartition(unread));
    assertThat(admin.get("/actuator/health/consumerGaps").status()).isEqualTo(503);
    assertThat(admin.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(
            meters
                .get("cellpath.consumer.gap.records")
                .tag("binding", ConsumerGroupStage.BINDING)
                .tag("topic", stage.topic())
                .counter()
                .count())
        .isEqualTo(9.0);
    long rows = gapRows();

    stage.startConsumer();
    Map<UUID, Integer> later = stage.amendments(3);

    await().atMost(WAIT).until(() -> later.keySet().stream().allMatch(id -> effects(id) == 1));
    assertThat(gapRows())
        .as("the check on assignment found the same gaps, not new ones")
        .isEqualTo(rows);
    assertThat(recordsLost()).isEqualTo(9);
    String ids =
        jdbc
            .sql("select id from consumer_gap where acknowledged_at is null")
            .query(Long.class)
            .list()
            .stream()
            .map(String::valueOf)
            .collect(Collectors.joining(","));
    Actuator.Reply acknowledged = admin.post("/actuator/consumergaps", Map.of("acknowledge", ids));
    assertThat(acknowledged.status()).isEqualTo(200);
    assertThat(admin.get("/actuator/health/consumerGaps").status()).isEqualTo(200);
  }

  private long lag() {
    var gauge =
        meters
            .find("cellpath.consumer.lag")
            .tag("binding", ConsumerGroupStage.BINDING)
            .tag("group", stage.group())
            .tag("topic", stage.topic())
            .gauge();
    return gauge == null ? -1 : (long) gauge.value();
  }

  private long recordsLost() {
    return jdbc.sql(
            "select coalesce(sum(records_lost), 0) from consumer_gap where acknowledged_at is null")
        .query(Long.class)
        .single();
  }

  private long gapRows() {
    return jdbc.sql("select count(*) from consumer_gap").query(Long.class).single();
  }

  private Map<Integer, Long> lostByPartition() {
    return jdbc
        .sql("select kafka_partition, records_lost from consumer_gap where acknowledged_at is null")
        .query((rs, row) -> Map.entry(rs.getInt(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
  }

  static Map<Integer, Long> countByPartition(Map<UUID, Integer> sent) {
    return sent.values().stream()
        .collect(Collectors.groupingBy(partition -> partition, Collectors.counting()));
  }

  private long effects(UUID eventId) {
    return jdbc.sql("select count(*) from effect where event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }
}
