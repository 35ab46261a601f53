package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The fault tests move a running service's clock through {@code /actuator/clock}: only an
 * administrator may, only forward, and the service's own "now" (what booking rules and event times
 * read) moves with it.
 */
@IntegrationTest
@TestPropertySource(properties = {"cellpath.clock.adjustable=true", "cellpath.clock.offset=PT1H"})
class AdjustableClockIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired Clock clock;

  @Test
  void anAdministratorMovesTheServiceClockForwardAndNobodyElseMovesItAtAll() throws Exception {
    assertThat(Duration.between(Instant.now(), clock.instant()))
        .as("the configured start offset")
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

    assertThat(move(null, "P4D").statusCode()).isEqualTo(401);
    assertThat(move(TestTokens.scheduler(), "P4D").statusCode()).isEqualTo(403);
    assertThat(Duration.between(Instant.now(), clock.instant()))
        .as("refused moves change nothing")
        .isLessThan(Duration.ofHours(2));

    HttpResponse<String> moved = move(TestTokens.admin(), "P4D");
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(moved.body()).contains("\"offset\":\"PT96H\"");
    assertThat(Duration.between(Instant.now(), clock.instant()))
        .isBetween(Duration.ofHours(95), Duration.ofHours(97));

    assertThat(move(TestTokens.admin(), "PT1H").statusCode()).as("backwards").isEqualTo(400);
    assertThat(Duration.between(Instant.now(), clock.instant()))
        .isGreaterThan(Duration.ofHours(95));
  }

  @Test
  void theSlotCalendarWithoutAStartDayOpensOnTheServiceClocksDay() throws Exception {
    // The clock a deployment runs on: a day read from it must come through a zone given explicitly.
    HttpResponse<String> slots =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/slots"))
                .header("Authorization", TestTokens.bearer(TestTokens.scheduler()))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(slots.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> move(String token, String offset) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/clock"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"offset\":\"" + offset + "\"}"));
    if (token != null) {
      request.header("Authorization", TestTokens.bearer(token));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
