package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.cellpath.referral.ApiClients;
import org.cellpath.security.UnauthenticatedRefusals;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.IntegrationTestInitializer;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.time.AdjustableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Requests without a valid token are refused with 401, counted one by one, and sampled into the
 * audit trail: at most one row a minute per route, so that a loop of anonymous requests cannot grow
 * the append-only table without end. Refusals of a caller with a valid token (403) name someone and
 * are each a row. The service runs as a role that owns nothing, and its clock can be moved past a
 * sample's minute.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      IntegrationTestInitializer.DATABASE_ROLES + "=separate",
      "cellpath.clock.adjustable=true"
    })
class UnauthenticatedRefusalsIT {

  private static final int REQUESTS = 1_000;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired Clock clock;

  @Test
  void aThousandRequestsWithoutAValidTokenAddAtMostOneRowPerRouteAndAreEachCounted() {
    RestClient anonymous = ApiClients.anonymous(port);
    RestClient forged = ApiClients.as(port, TestTokens.forged("REVIEWER"));
    RestClient expired = ApiClients.as(port, TestTokens.expired("PHYSICIAN"));
    // Four routes, each with URLs that never repeat: ids, made-up paths.
    List<IntFunction<Integer>> routes =
        List.of(
            i -> status(anonymous.get().uri("/api/referrals/" + UUID.randomUUID())),
            i ->
                status(
                    forged
                        .get()
                        .uri("/api/reviews?recommendation=LIKELY_ELIGIBLE&limit=" + (i % 500 + 1))),
            i ->
                status(
                    expired
                        .post()
                        .uri("/api/referrals")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{}")),
            i -> status(anonymous.get().uri("/api/made-up-" + i + "/" + UUID.randomUUID())));
    long last = lastRow();
    double counted = counted();

    for (int i = 0; i < REQUESTS; i++) {
      assertThat(routes.get(i % routes.size()).apply(i)).as("request %d", i).isEqualTo(401);
    }

    List<Map<String, Object>> rows = rowsAfter(last);
    assertThat(rows)
        .as("rows written for %d refusals", REQUESTS)
        .hasSizeLessThanOrEqualTo(routes.size());
    assertThat(rows)
        .extracting(row -> row.get("resource_id"))
        .containsExactlyInAnyOrder(
            "GET /api/referrals/{id}", "GET /api/reviews", "POST /api/referrals", "GET (unmapped)");
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("subject")).isEqualTo("anonymous");
              assertThat(row.get("outcome")).isEqualTo("UNAUTHENTICATED");
              assertThat(row.get("resource_type")).isEqualTo("route");
            });
    assertThat(counted() - counted).as("refusals counted").isEqualTo(REQUESTS);
  }

  @Test
  void theNextRowOfARouteSaysHowManyRefusalsWereNotWrittenSinceTheLast() {
    RestClient anonymous = ApiClients.anonymous(port);
    long last = lastRow();

    for (int i = 0; i < 10; i++) {
      assertThat(status(anonymous.get().uri("/api/reviews/" + UUID.randomUUID()))).isEqualTo(401);
    }
    AdjustableClock adjustable = (AdjustableClock) clock;
    adjustable.moveTo(
        adjustable
            .offset()
            .plus(UnauthenticatedRefusals.SAMPLE_INTERVAL)
            .plus(Duration.ofSeconds(1)));
    assertThat(status(anonymous.get().uri("/api/reviews/" + UUID.randomUUID()))).isEqualTo(401);

    assertThat(
            jdbc.sql(
                    """
            select refusals_not_recorded from audit_event
            where id > ? and resource_id = 'GET /api/reviews/{id}' order by id
            """)
                .param(last)
                .query(Long.class)
                .list())
        .containsExactly(0L, 9L);
  }

  @Test
  void aRefusalOfACallerWithAValidTokenIsARowEachTime() {
    RestClient scheduler = ApiClients.as(port, TestTokens.scheduler());
    long last = lastRow();

    for (int i = 0; i < 3; i++) {
      assertThat(status(scheduler.get().uri("/api/reviews"))).isEqualTo(403);
    }

    assertThat(rowsAfter(last))
        .extracting(
            row ->
                row.get("subject")
                    + " "
                    + row.get("roles")
                    + " "
                    + row.get("action")
                    + " "
                    + row.get("outcome"))
        .containsExactly(
            "scheduler-1 SCHEDULER GET /api/reviews DENIED",
            "scheduler-1 SCHEDULER GET /api/reviews DENIED",
            "scheduler-1 SCHEDULER GET /api/reviews DENIED");
  }

  private static int status(RestClient.RequestHeadersSpec<?> request) {
    return request
        .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
        .retrieve()
        .toBodilessEntity()
        .getStatusCode()
        .value();
  }

  private double counted() {
    return meters.find(UnauthenticatedRefusals.METRIC).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private long lastRow() {
    return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
  }

  private List<Map<String, Object>> rowsAfter(long id) {
    return jdbc.sql(
            """
            select subject, roles, action, resource_type, resource_id, outcome, refusals_not_recorded
            from audit_event where id > ? order by id
            """)
        .param(id)
        .query()
        .listOfRows();
  }
}
