package org.cellpath.messaging.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.messaging.MessagingTestApplication;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Replay from a dead-letter topic through {@code /actuator/deadletters}, against the real broker
 * and database: a record dead-lettered by a handler that failed and was then repaired is listed by
 * a dry run, applied once by its replay, and a repeat is a duplicate; nothing is ever put back on a
 * topic.
 */
@IntegrationTest
class DeadLetterReplayIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String BINDING = "referralEvents-in-0";

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired MessagingTestApplication.Breakdowns breakdowns;

  @Test
  void
      aRecordOfAFailedHandlerIsListedByADryRunThenAppliedOnceByItsReplayAndAReplayAgainIsADuplicate()
          throws Exception {
    UUID referral = UUID.randomUUID();
    breakdowns.breakFor(referral);
    ReferralAmended amended = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
    RecordMetadata original = send(amended);
    awaitDeadLettered(amended.eventId());
    breakdowns.repair(referral);
    Actuator admin = Actuator.asAdmin(port);

    String neverDeadLettered = UUID.randomUUID().toString();
    try (LogLines audit = LogLines.audit()) {
      Actuator.Reply dryRun =
          admin.post(
              "/actuator/deadletters",
              Map.of("binding", BINDING, "eventIds", amended.eventId() + ", " + neverDeadLettered));

      assertThat(dryRun.status()).isEqualTo(200);
      assertThat(dryRun.body().path("dryRun").asBoolean()).isTrue();
      assertThat(dryRun.body().path("deadLetterTopic").asString()).isEqualTo(deadLetterTopic());
      JsonNode listed = single(dryRun.body().path("records"));
      assertThat(listed.path("eventId").asString()).isEqualTo(amended.eventId().toString());
      assertThat(listed.path("type").asString()).isEqualTo("ReferralAmended");
      assertThat(listed.path("originalTopic").asString())
          .isEqualTo(messaging.topic(Topics.REFERRAL_EVENTS));
      assertThat(listed.path("originalPartition").asInt()).isEqualTo(original.partition());
      assertThat(listed.path("originalOffset").asLong()).isEqualTo(original.offset());
      assertThat(listed.path("exceptionClass").asString())
          .isEqualTo(IllegalStateException.class.getName());
      assertThat(listed.path("reason").asString()).contains("withheld");
      assertThat(listed.path("alreadyHandled").asBoolean()).isFalse();
      assertThat(single(dryRun.body().path("notFound")).asString()).isEqualTo(neverDeadLettered);
      assertThat(dryRun.text()).doesNotContain("Canary", "occurredAt", "payload");
      assertThat(effects(amended.eventId())).isZero();
      assertThat(inbox(amended.eventId())).isZero();

      Actuator.Reply replay =
          admin.post(
              "/actuator/deadletters",
              Map.of(
                  "binding", BINDING, "eventIds", amended.eventId().toString(), "dryRun", "false"));

      assertThat(replay.status()).isEqualTo(200);
      JsonNode result = single(replay.body().path("results"));
      assertThat(result.path("eventId").asString()).isEqualTo(amended.eventId().toString());
      assertThat(result.path("outcome").asString()).isEqualTo("HANDLED");
      assertThat(effects(amended.eventId())).isEqualTo(1);

      Actuator.Reply again =
          admin.post(
              "/actuator/deadletters",
              Map.of(
                  "binding", BINDING, "eventIds", amended.eventId().toString(), "dryRun", "false"));

      assertThat(single(again.body().path("results")).path("outcome").asString())
          .isEqualTo("DUPLICATE");
      assertThat(effects(amended.eventId())).isEqualTo(1);
      Actuator.Reply listedAfter =
          admin.post(
              "/actuator/deadletters",
              Map.of("binding", BINDING, "eventIds", amended.eventId().toString()));
      assertThat(single(listedAfter.body().path("records")).path("alreadyHandled").asBoolean())
          .isTrue();
      assertThat(deadLettered(amended.eventId()))
          .as("the dead-letter topic keeps the record, once")
          .isEqualTo(1);

      List<LogLines.Line> replays =
          audit.lines().stream()
              .filter(line -> "DEADLETTER_REPLAY".equals(line.values().get("audit.action")))
              .toList();
      assertThat(replays).hasSize(2);
      assertThat(replays.get(0).values())
          .containsEntry("audit.subject", "admin-1")
          .containsEntry("audit.resourceId", BINDING)
          .containsEntry("audit.handled", amended.eventId().toString());
      assertThat(replays.get(1).values())
          .containsEntry("audit.duplicate", amended.eventId().toString());
      assertThat(audit.lines())
          .filteredOn(line -> "DEADLETTER_DRY_RUN".equals(line.values().get("audit.action")))
          .hasSize(2);
    }
  }

  @Test
  void aRecordThatFailsAgainStaysOnTheDeadLetterTopicAndIsNotDeadLetteredAgain() throws Exception {
    UUID referral = UUID.randomUUID();
    breakdowns.breakFor(referral);
    ReferralAmended amended = new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
    send(amended);
    awaitDeadLettered(amended.eventId());

    Actuator.Reply replay =
        Actuator.asAdmin(port)
            .post(
                "/actuator/deadletters",
                Map.of(
                    "binding",
                    BINDING,
                    "eventIds",
                    amended.eventId().toString(),
                    "dryRun",
                    "false"));

    JsonNode result = single(replay.body().path("results"));
    assertThat(result.path("outcome").asString()).isEqualTo("FAILED");
    assertThat(result.path("failure").asString()).isEqualTo(IllegalStateException.class.getName());
    assertThat(replay.text()).doesNotContain("Canary");
    assertThat(effects(amended.eventId())).isZero();
    assertThat(inbox(amended.eventId())).isZero();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(() -> deadLettered(amended.eventId()) == 1);
    breakdowns.repair(referral);
  }

  @Test
  void replayingWithoutEventIdsHandsOverEveryRecordOfTheDeadLetterTopic() throws Exception {
    List<ReferralAmended> events =
        List.of(
            new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now()),
            new ReferralAmended(UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
    for (ReferralAmended event : events) {
      breakdowns.breakFor(event.referralId());
      send(event);
    }
    events.forEach(event -> awaitDeadLettered(event.eventId()));
    events.forEach(event -> breakdowns.repair(event.referralId()));
    Set<String> onTopic = new HashSet<>();
    TopicToEnd.read(bootstrapServers, deadLetterTopic())
        .forEach(record -> onTopic.add(record.partition() + "/" + record.offset()));

    // The dead-letter topic's name serves as well as the binding's.
    Actuator.Reply replay =
        Actuator.asAdmin(port)
            .post("/actuator/deadletters", Map.of("binding", deadLetterTopic(), "dryRun", "false"));

    assertThat(replay.status()).isEqualTo(200);
    JsonNode results = replay.body().path("results");
    Set<String> replayed = new HashSet<>();
    results.forEach(
        result ->
            replayed.add(
                result.path("deadLetterPartition").asInt()
                    + "/"
                    + result.path("deadLetterOffset").asLong()));
    assertThat(replayed).isEqualTo(onTopic);
    for (ReferralAmended event : events) {
      assertThat(
              StreamSupport.stream(results.spliterator(), false)
                  .filter(
                      result ->
                          event.eventId().toString().equals(result.path("eventId").asString()))
                  .map(result -> result.path("outcome").asString()))
          .containsExactly("HANDLED");
      assertThat(effects(event.eventId())).isEqualTo(1);
    }
  }

  @Test
  void onlyAnAdminMayListOrReplayDeadLetters() {
    Map<String, Object> replay = Map.of("binding", BINDING, "dryRun", "false");

    assertThat(
            new Actuator(port, TestTokens.scheduler())
                .post("/actuator/deadletters", replay)
                .status())
        .isEqualTo(403);
    assertThat(new Actuator(port, TestTokens.reviewer()).get("/actuator/deadletters").status())
        .isEqualTo(403);
    assertThat(new Actuator(port, null).post("/actuator/deadletters", replay).status())
        .isEqualTo(401);
    Actuator.Reply bindings = Actuator.asAdmin(port).get("/actuator/deadletters");
    assertThat(bindings.status()).isEqualTo(200);
    JsonNode binding = single(bindings.body().path("bindings"));
    assertThat(binding.path("binding").asString()).isEqualTo(BINDING);
    assertThat(binding.path("deadLetterTopic").asString()).isEqualTo(deadLetterTopic());
  }

  @Test
  void aReplayWithoutAKnownBindingIsRefusedNamingTheField() {
    Actuator admin = Actuator.asAdmin(port);

    Actuator.Reply missing = admin.post("/actuator/deadletters", Map.of("dryRun", "false"));
    Actuator.Reply unknown =
        admin.post("/actuator/deadletters", Map.of("binding", "nonsense-in-0"));

    for (Actuator.Reply reply : List.of(missing, unknown)) {
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.body().path("errors").get(0).path("field").asString()).isEqualTo("binding");
    }
  }

  private RecordMetadata send(ReferralAmended event) throws Exception {
    return cellpathKafkaTemplate
        .send(EventRecords.of(event, messaging, "/test"))
        .get()
        .getRecordMetadata();
  }

  private void awaitDeadLettered(UUID eventId) {
    try (TopicReader dlq = new TopicReader(bootstrapServers, deadLetterTopic())) {
      dlq.awaitRecord(
          record -> eventId.toString().equals(TopicReader.header(record, "ce_id")), WAIT);
    }
  }

  private long deadLettered(UUID eventId) {
    return TopicToEnd.read(bootstrapServers, deadLetterTopic()).stream()
        .filter(record -> eventId.toString().equals(TopicReader.header(record, "ce_id")))
        .count();
  }

  private String deadLetterTopic() {
    return messaging.topic(Topics.REFERRAL_EVENTS) + ".messaging-test.dlq";
  }

  private long effects(UUID eventId) {
    return jdbc.sql("select count(*) from effect where event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }

  private long inbox(UUID eventId) {
    return jdbc.sql("select count(*) from inbox_event where event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }

  private static JsonNode single(JsonNode array) {
    assertThat(array.isArray()).as("an array: %s", array).isTrue();
    assertThat(array.size()).as("one element: %s", array).isEqualTo(1);
    return array.get(0);
  }
}
