package org.cellpath.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.cellpath.testsupport.TestTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The scheduling HTTP API as a test drives it, over a real socket on the service's random port,
 * with one caller's bearer token on every request.
 */
public final class SchedulerApi {

  /** A response: status, headers and JSON body (null when the body is empty). */
  public record Reply(int status, HttpHeaders headers, JsonNode body) {

    /** The body as sent, for scanning it for data that must not be there. */
    public String bodyText() {
      return body == null ? "" : body.toString();
    }
  }

  private final RestTestClient http;

  /**
   * @param token the bearer token sent with every request (from {@link TestTokens}); null sends no
   *     {@code Authorization} header
   */
  public SchedulerApi(int port, @Nullable String token) {
    RestTestClient.Builder<?> builder =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port);
    if (token != null) {
      builder.defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
    }
    this.http = builder.build();
  }

  /** The API as the test scheduler ({@link TestTokens#scheduler()}) calls it. */
  public static SchedulerApi asScheduler(int port) {
    return new SchedulerApi(port, TestTokens.scheduler());
  }

  /** Any request; {@code body} null sends none. */
  public Reply send(HttpMethod method, String path, @Nullable Object body) {
    RestTestClient.RequestBodySpec request = http.method(method).uri(path);
    RestTestClient.RequestHeadersSpec<?> ready =
        body == null ? request : request.contentType(MediaType.APPLICATION_JSON).body(body);
    return reply(ready.exchange().expectBody(JsonNode.class).returnResult());
  }

  public Reply post(String path, Object body) {
    return reply(
        http.post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult());
  }

  public Reply postEmpty(String path) {
    return reply(http.post().uri(path).exchange().expectBody(JsonNode.class).returnResult());
  }

  public Reply get(String path) {
    return reply(http.get().uri(path).exchange().expectBody(JsonNode.class).returnResult());
  }

  /**
   * A clinician and a site with a procedure room and an injection room, as most booking tests need
   * them.
   */
  public record TestClinic(UUID clinician, UUID harvestRoom, UUID injectionRoom) {}

  /** Creates a {@link TestClinic}: the clinician, a fresh site in Los Angeles and its two rooms. */
  public TestClinic clinic(String clinicianName, String siteName) {
    UUID clinician = clinician(clinicianName);
    UUID site = site(siteName + " " + UUID.randomUUID(), "America/Los_Angeles");
    return new TestClinic(clinician, room(site, "Procedure room"), room(site, "Injection room"));
  }

  public UUID clinician(String name) {
    return created(post("/api/clinicians", Map.of("name", name)));
  }

  public UUID site(String name, String timeZone) {
    return created(
        post(
            "/api/sites",
            Map.of(
                "name", name, "address", "1 Test Street, Los Angeles, CA", "timeZone", timeZone)));
  }

  public UUID room(UUID siteId, String name) {
    return created(post("/api/sites/" + siteId + "/rooms", Map.of("name", name)));
  }

  public Reply createSlot(
      UUID clinicianId,
      UUID roomId,
      String kind,
      LocalDate date,
      String startTime,
      int durationMinutes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clinicianId", clinicianId.toString());
    body.put("roomId", roomId.toString());
    body.put("kind", kind);
    body.put("date", date.toString());
    body.put("startTime", startTime);
    body.put("durationMinutes", durationMinutes);
    return post("/api/slots", body);
  }

  public UUID slot(
      UUID clinicianId, UUID roomId, String kind, LocalDate date, String startTime, int minutes) {
    return created(createSlot(clinicianId, roomId, kind, date, startTime, minutes));
  }

  public JsonNode slot(UUID slotId) {
    Reply reply = get("/api/slots/" + slotId);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  /** The referral's pairs, cancelled ones included. */
  public List<JsonNode> pairsOf(UUID referralId) {
    Reply reply = get("/api/appointment-pairs?referralId=" + referralId);
    assertThat(reply.status()).isEqualTo(200);
    return StreamSupport.stream(reply.body().spliterator(), false).toList();
  }

  private static UUID created(Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    return UUID.fromString(reply.body().get("id").asString());
  }

  private static Reply reply(EntityExchangeResult<JsonNode> result) {
    return new Reply(
        result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
  }
}
