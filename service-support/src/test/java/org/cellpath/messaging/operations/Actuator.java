package org.cellpath.messaging.operations;

import org.cellpath.testsupport.TestTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The service's actuator endpoints as an operator calls them, over a real socket, with one bearer
 * token.
 */
final class Actuator {

  /** Status and JSON body (null when empty). */
  record Reply(int status, JsonNode body) {

    String text() {
      return body == null ? "" : body.toString();
    }
  }

  private final RestTestClient http;

  /**
   * @param token the bearer token of every call; null sends none
   */
  Actuator(int port, @Nullable String token) {
    RestTestClient.Builder<?> builder =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port);
    if (token != null) {
      builder.defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
    }
    this.http = builder.build();
  }

  static Actuator asAdmin(int port) {
    return new Actuator(port, TestTokens.admin());
  }

  Reply get(String path) {
    return reply(http.get().uri(path).exchange().expectBody(JsonNode.class).returnResult());
  }

  Reply post(String path, Object body) {
    return reply(
        http.post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult());
  }

  private static Reply reply(EntityExchangeResult<JsonNode> result) {
    return new Reply(result.getStatus().value(), result.getResponseBody());
  }
}
