package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox's health in {@code /actuator/health}, against a real database: DOWN while an event is
 * parked or the oldest pending one has waited too long, while readiness (configured as the services
 * configure it) stays UP.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "cellpath.messaging.outbox.backlog-health-max-age=5m",
      "management.endpoint.health.show-details=always",
      "management.endpoint.health.probes.enabled=true",
      "management.endpoint.health.group.readiness.include=readinessState,db,binders",
      "management.health.binders.enabled=true"
    })
class OutboxHealthIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void theOutboxIsDownWhileAnEventIsParkedOrThePendingOnesWaitTooLongAndReadinessStaysUp()
      throws Exception {
    await()
        .atMost(WAIT)
        .until(() -> "UP".equals(health("/actuator/health").path("status").asString()));
    assertThat(
            health("/actuator/health").path("components").path("outbox").path("status").asString())
        .isEqualTo("UP");
    assertThat(
            health("/actuator/health")
                .path("components")
                .path("backgroundWorkers")
                .path("components")
                .path("outbox-relay")
                .path("status")
                .asString())
        .isEqualTo("UP");

    UUID parked =
        insert("parked_at = now(), attempts = 10, last_error = 'RecordTooLargeException'");

    JsonNode down = health("/actuator/health");
    assertThat(down.path("status").asString()).isEqualTo("DOWN");
    assertThat(down.path("components").path("outbox").path("status").asString()).isEqualTo("DOWN");
    assertThat(down.path("components").path("outbox").path("details").path("parked").asLong())
        .isEqualTo(1);
    assertThat(health("/actuator/health/readiness").path("status").asString()).isEqualTo("UP");

    jdbc.sql("update outbox_event set published_at = now() where event_id = ?")
        .param(parked)
        .update();
    assertThat(
            health("/actuator/health").path("components").path("outbox").path("status").asString())
        .isEqualTo("UP");

    // Pending for ten minutes, waiting for its next attempt: the backlog is older than its five
    // minutes.
    insert(
        "created_at = now() - interval '10 minutes', next_attempt_at = now() + interval '1 hour', attempts = 1");

    JsonNode old = health("/actuator/health").path("components").path("outbox");
    assertThat(old.path("status").asString()).isEqualTo("DOWN");
    assertThat(old.path("details").path("parked").asLong()).isZero();
    assertThat(old.path("details").path("oldestPendingAgeSeconds").asLong())
        .isGreaterThanOrEqualTo(600);
    assertThat(health("/actuator/health/readiness").path("status").asString()).isEqualTo("UP");
  }

  private UUID insert(String state) {
    UUID eventId = UUID.randomUUID();
    jdbc.sql(
            """
            insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at)
            values (?, 'referral-events', ?, 'ReferralAmended', '{}', ?)
            """)
        .params(eventId, UUID.randomUUID().toString(), Timestamp.from(Instant.now()))
        .update();
    jdbc.sql("update outbox_event set " + state + " where event_id = ?").param(eventId).update();
    return eventId;
  }

  private JsonNode health(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(200, 503);
    return JsonMapper.builder().build().readTree(response.body());
  }
}
