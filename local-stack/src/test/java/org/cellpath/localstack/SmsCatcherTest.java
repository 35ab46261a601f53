package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SmsCatcherTest {

  private static final String SCRIPT = "<script>alert('x')</script>";

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private SmsCatcher catcher;

  @BeforeEach
  void start() {
    catcher = SmsCatcher.start(0);
  }

  @AfterEach
  void stop() {
    catcher.close();
  }

  @Test
  void acceptsAnSmsWithAnyBearerKeyAndAnswersWithAnId() throws Exception {
    HttpResponse<String> answer =
        post(
            "Bearer anything",
            "key-1",
            "{\"to\":\"+15550100123\",\"from\":\"+15550100100\",\"text\":\"See you tomorrow\",\"reference\":\"n-1\"}");

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(json.readTree(answer.body()).get("id").asString()).isEqualTo("sms-1");
    assertThat(catcher.messages())
        .singleElement()
        .satisfies(
            sms -> {
              assertThat(sms.to()).isEqualTo("+15550100123");
              assertThat(sms.from()).isEqualTo("+15550100100");
              assertThat(sms.text()).isEqualTo("See you tomorrow");
              assertThat(sms.reference()).isEqualTo("n-1");
            });
  }

  @Test
  void keepsOneSmsPerIdempotencyKey() throws Exception {
    String body = "{\"to\":\"+15550100123\",\"text\":\"Once\",\"reference\":\"n-2\"}";
    assertThat(post("Bearer k", "key-2", body).statusCode()).isEqualTo(201);

    HttpResponse<String> repeat = post("Bearer k", "key-2", body);

    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(json.readTree(repeat.body()).get("id").asString()).isEqualTo("sms-1");
    assertThat(catcher.messages()).hasSize(1);
  }

  @Test
  void refusesARequestWithoutABearerKeyOrWithoutARecipient() throws Exception {
    assertThat(post(null, null, "{\"to\":\"+15550100123\",\"text\":\"x\"}").statusCode())
        .isEqualTo(401);
    assertThat(post("Bearer k", null, "{\"text\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(post("Bearer k", null, "not json").statusCode()).isEqualTo(400);
    assertThat(catcher.messages()).isEmpty();
  }

  @Test
  void showsTheSmsEscapedOnThePageAndAsJson() throws Exception {
    post(
        "Bearer k",
        null,
        "{\"to\":\"+15550100123\",\"text\":\"" + SCRIPT + "\",\"reference\":\"n-3\"}");

    String page = get("/").body();
    assertThat(page).contains("+15550100123").contains("&lt;script&gt;").doesNotContain(SCRIPT);
    JsonNode list = json.readTree(get("/api/sms").body());
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).get("text").asString()).isEqualTo(SCRIPT);
    assertThat(list.get(0).get("reference").asString()).isEqualTo("n-3");
  }

  private HttpResponse<String> post(String authorization, String idempotencyKey, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(catcher.url().resolve("/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(catcher.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
