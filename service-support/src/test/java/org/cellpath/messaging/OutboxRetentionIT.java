package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.Topics;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long events are kept, against a real broker and database: topics created with the configured
 * retention, a warning for a topic that keeps records for less than the outbox keeps published
 * events, the purge of published events after the outbox's retention only, and the operator's tool
 * that sends a window's events again.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
    properties = {
      "cellpath.messaging.topic-retention=30d",
      // Published by this context but consumed by none: created by the topic admin, not the binder.
      "cellpath.messaging.publishes=scheduling-events",
      "management.endpoints.web.exposure.include=health,outbox"
    })
class OutboxRetentionIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String THIRTY_DAYS_MS = String.valueOf(Duration.ofDays(30).toMillis());

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @LocalServerPort int port;
  @Autowired MessagingProperties messaging;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired OutboxRelay relay;
  @Autowired TopicRetentionCheck retentionCheck;

  @Test
  void topicsAndDeadLetterTopicsAreCreatedWithTheConfiguredRetention() throws Exception {
    String published = messaging.topic(Topics.SCHEDULING_EVENTS);
    String consumed = messaging.topic(Topics.REFERRAL_EVENTS);
    String deadLetters = consumed + ".messaging-test.dlq";

    assertThat(retentionCheck.topicsInUse())
        .as("what the start-up check reads")
        .containsExactlyInAnyOrder(published, consumed, deadLetters);
    try (Admin admin = admin()) {
      assertThat(retentionMs(admin, published))
          .as("created by the topic admin")
          .isEqualTo(THIRTY_DAYS_MS);
      assertThat(retentionMs(admin, consumed))
          .as("created by the binder for a consumer")
          .isEqualTo(THIRTY_DAYS_MS);
      assertThat(retentionMs(admin, deadLetters))
          .as("dead-letter topic, created by the binder")
          .isEqualTo(THIRTY_DAYS_MS);
    }
  }

  @Test
  void aTopicThatKeepsRecordsForLessThanTheOutboxKeepsEventsIsNamedInAWarning(CapturedOutput output)
      throws Exception {
    String shortLived = messaging.topic("short-lived-" + UUID.randomUUID());
    String keptForever = messaging.topic("kept-" + UUID.randomUUID());
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(shortLived, 1, (short) -1)
                      .configs(
                          Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis()))),
                  new NewTopic(keptForever, 1, (short) -1).configs(Map.of("retention.ms", "-1"))))
          .all()
          .get(10, TimeUnit.SECONDS);
    }

    List<String> tooShort = retentionCheck.check(List.of(shortLived, keptForever));

    assertThat(tooShort).containsExactly(shortLived);
    assertThat(output.getAll())
        .contains("Topic " + shortLived)
        .contains("retention.ms=604800000")
        .doesNotContain("Topic " + keptForever);
  }

  @Test
  void thePurgeDeletesPublishedEventsOlderThanTheOutboxRetentionOnly() {
    UUID eightDays = insertPublished("8 days");
    UUID almostRetention = insertPublished("399 days");
    UUID pastRetention = insertPublished("401 days");

    relay.purgePublished();

    assertThat(exists(eightDays)).as("published 8 days ago").isTrue();
    assertThat(exists(almostRetention)).as("published 399 days ago").isTrue();
    assertThat(exists(pastRetention)).as("published 401 days ago").isFalse();
  }

  @Test
  void theRepublishToolsDryRunChangesNothingAndItsRealRunSendsTheWindowsEventsAgainInOrder()
      throws Exception {
    UUID referral = UUID.randomUUID();
    ReferralAmended before = amended(referral);
    append(before);
    awaitPublished(before);
    Instant from = databaseNow();
    List<ReferralAmended> window = List.of(amended(referral), amended(referral), amended(referral));
    window.forEach(this::append);
    window.forEach(this::awaitPublished);
    Instant to = databaseNow().plusMillis(1);
    String body =
        "{\"from\": \""
            + from
            + "\", \"to\": \""
            + to
            + "\", \"topic\": \""
            + messaging.topic(Topics.REFERRAL_EVENTS)
            + "\"";

    HttpResponse<String> refused = post(TestTokens.scheduler(), body + "}");
    JsonNode dryRun = json(post(TestTokens.admin(), body + "}"));

    assertThat(refused.statusCode()).as("only ADMIN").isEqualTo(403);
    assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
    assertThat(dryRun.path("events").asLong()).isEqualTo(3);
    assertThat(
            jdbc.sql(
                    "select count(*) from outbox_event where message_key = ? and published_at is null")
                .param(referral.toString())
                .query(Long.class)
                .single())
        .as("a dry run changes nothing")
        .isZero();

    JsonNode real = json(post(TestTokens.admin(), body + ", \"dryRun\": \"false\"}"));

    assertThat(real.path("dryRun").asBoolean()).isFalse();
    assertThat(real.path("requeued").asLong()).isEqualTo(3);
    List<String> expected = new ArrayList<>();
    expected.add(before.eventId().toString());
    window.forEach(event -> expected.add(event.eventId().toString()));
    window.forEach(event -> expected.add(event.eventId().toString()));
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          topic.records().stream()
                              .filter(record -> referral.toString().equals(TopicReader.key(record)))
                              .map(record -> TopicReader.header(record, "ce_id"))
                              .toList())
                      .isEqualTo(expected));
    }
  }

  @Test
  void aReleasedParkedEventIsPublishedAndItsReferralsLaterEventsFollowInOrder() throws Exception {
    UUID referral = UUID.randomUUID();
    ReferralAmended parked = amended(referral);
    ReferralAmended behind = amended(referral);
    transactions.executeWithoutResult(
        status -> {
          outbox.append(parked);
          // Parked as the relay parks an event whose cause (a broker setting, say) has since been
          // fixed.
          jdbc.sql(
                  "update outbox_event set parked_at = now(), attempts = 10, last_error = 'RecordTooLargeException' "
                      + "where event_id = ?")
              .param(parked.eventId())
              .update();
          outbox.append(behind);
        });
    String body = "{\"referralId\": \"" + referral + "\"";

    JsonNode dryRun = json(post("/actuator/outbox/parked", TestTokens.admin(), body + "}"));
    assertThat(dryRun.path("events").asLong()).isEqualTo(1);
    JsonNode released =
        json(
            post("/actuator/outbox/parked", TestTokens.admin(), body + ", \"dryRun\": \"false\"}"));

    assertThat(released.path("released").asLong()).isEqualTo(1);
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          topic.records().stream()
                              .filter(record -> referral.toString().equals(TopicReader.key(record)))
                              .map(record -> TopicReader.header(record, "ce_id"))
                              .toList())
                      .containsExactly(parked.eventId().toString(), behind.eventId().toString()));
    }
  }

  private HttpResponse<String> post(String token, String body) throws Exception {
    return post("/actuator/outbox", token, body);
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private static String retentionMs(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
    return config.get("retention.ms").value();
  }

  private static ReferralAmended amended(UUID referral) {
    return new ReferralAmended(UUID.randomUUID(), referral, Instant.now());
  }

  private void append(ReferralAmended event) {
    transactions.executeWithoutResult(status -> outbox.append(event));
  }

  private void awaitPublished(ReferralAmended event) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from outbox_event where event_id = ? and published_at is not null")
                        .param(event.eventId())
                        .query(Long.class)
                        .single()
                    == 1);
  }

  private Instant databaseNow() {
    return jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
  }

  private UUID insertPublished(String ago) {
    UUID eventId = UUID.randomUUID();
    jdbc.sql(
            """
            insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at, published_at)
            values (?, 'referral-events', ?, 'ReferralAmended', '{}', now(), now() - cast(? as interval))
            """)
        .params(eventId, UUID.randomUUID().toString(), ago)
        .update();
    return eventId;
  }

  private boolean exists(UUID eventId) {
    return jdbc.sql("select count(*) from outbox_event where event_id = ?")
            .param(eventId)
            .query(Long.class)
            .single()
        == 1;
  }
}
