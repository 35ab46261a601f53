package org.cellpath.messaging.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Records that retention deleted before the group read them, seen when the consumer starts again
 * and its partitions are assigned. The periodic watch reads once an hour here, so only the check on
 * assignment can see the gap.
 */
@IntegrationTest
@TestPropertySource(properties = "cellpath.messaging.operations.watch-interval=1h")
class ConsumerGapOnAssignmentIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired BindingsLifecycleController bindings;
  @Autowired MeterRegistry meters;

  @Test
  void
      recordsDeletedBeforeTheGroupReadThemAreReportedOnAssignmentAndHealthStaysDownUntilAnAdminAcknowledges()
          throws Exception {
    Actuator admin = Actuator.asAdmin(port);
    try (ConsumerGroupStage stage =
            new ConsumerGroupStage(bootstrapServers, cellpathKafkaTemplate, messaging, bindings);
        LogLines errors = new LogLines(ConsumerGaps.class.getName())) {
      stage.onEveryPartition();
      stage.awaitCaughtUp();
      stage.stopConsumer();
      Map<UUID, Integer> deleted = stage.amendments(9);
      stage.deleteEverything();
      Map<UUID, Integer> later = stage.amendments(4);
      assertThat(admin.get("/actuator/health/consumerGaps").status())
          .as("nothing seen yet")
          .isEqualTo(200);

      stage.startConsumer();

      await().atMost(WAIT).until(() -> later.keySet().stream().allMatch(id -> effects(id) == 1));
      assertThat(deleted.keySet()).allMatch(id -> effects(id) == 0);
      List<Map<String, Object>> gaps =
          jdbc.sql(
                  """
              select kafka_partition, records_lost, detected_by, binding, topic from consumer_gap
              where acknowledged_at is null
              """)
              .query()
              .listOfRows();
      assertThat(gaps).extracting(row -> row.get("detected_by")).containsOnly("assignment");
      assertThat(gaps)
          .extracting(row -> row.get("binding"))
          .containsOnly(ConsumerGroupStage.BINDING);
      assertThat(
              gaps.stream()
                  .collect(
                      Collectors.toMap(
                          row -> (Integer) row.get("kafka_partition"),
                          row -> (Long) row.get("records_lost"))))
          .isEqualTo(ConsumerWatchIT.countByPartition(deleted));
      assertThat(
              meters
                  .get("cellpath.consumer.gap.records")
                  .tag("binding", ConsumerGroupStage.BINDING)
                  .tag("group", stage.group())
                  .tag("topic", stage.topic())
                  .counter()
                  .count())
          .isEqualTo(9.0);
      assertThat(errors.lines())
          .filteredOn(line -> line.level().equals("ERROR"))
          .hasSize(gaps.size())
          .allMatch(
              line ->
                  line.message().contains(ConsumerGroupStage.BINDING)
                      && line.message().contains(stage.topic()));
      assertThat(admin.get("/actuator/health/consumerGaps").status()).isEqualTo(503);

      Actuator.Reply listed = admin.get("/actuator/consumergaps");
      assertThat(listed.body().path("open").size()).isEqualTo(gaps.size());
      String ids =
          listed
              .body()
              .path("open")
              .valueStream()
              .map(gap -> gap.path("id").asString())
              .collect(Collectors.joining(","));
      Map<String, Object> acknowledge = Map.of("acknowledge", ids);

      assertThat(
              new Actuator(port, TestTokens.scheduler())
                  .post("/actuator/consumergaps", acknowledge)
                  .status())
          .isEqualTo(403);
      assertThat(admin.get("/actuator/health/consumerGaps").status()).isEqualTo(503);

      Actuator.Reply acknowledged = admin.post("/actuator/consumergaps", acknowledge);

      assertThat(acknowledged.status()).isEqualTo(200);
      assertThat(acknowledged.body().path("acknowledged").size()).isEqualTo(gaps.size());
      assertThat(admin.get("/actuator/health/consumerGaps").status()).isEqualTo(200);
      JsonNode after = admin.get("/actuator/consumergaps").body();
      assertThat(after.path("open").size()).isZero();
      assertThat(
              after
                  .path("recentlyAcknowledged")
                  .valueStream()
                  .map(gap -> gap.path("acknowledgedBy").asString()))
          .containsOnly("admin-1");
    }
  }

  private long effects(UUID eventId) {
    return jdbc.sql("select count(*) from effect where event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }
}
