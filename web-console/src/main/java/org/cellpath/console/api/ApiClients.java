package org.cellpath.console.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.signin.AccessTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link RestClient} per service, each sending the signed-in person's own bearer token (the
 * console has no token of its own: whatever a page shows, the person's role was allowed it by the
 * service) and turning a refusal into an {@link ApiProblem}.
 */
@Configuration
class ApiClients {

  @Bean
  ReferralApi referralApi(
      RestClient.Builder builder,
      ConsoleProperties properties,
      AccessTokens tokens,
      JsonMapper json) {
    return new ReferralApi(client(builder, properties.referralServiceUrl(), tokens, json));
  }

  @Bean
  SchedulingApi schedulingApi(
      RestClient.Builder builder,
      ConsoleProperties properties,
      AccessTokens tokens,
      JsonMapper json) {
    return new SchedulingApi(client(builder, properties.schedulingServiceUrl(), tokens, json));
  }

  @Bean
  NotificationApi notificationApi(
      RestClient.Builder builder,
      ConsoleProperties properties,
      AccessTokens tokens,
      JsonMapper json) {
    return new NotificationApi(client(builder, properties.notificationServiceUrl(), tokens, json));
  }

  static RestClient client(
      RestClient.Builder builder, URI baseUrl, AccessTokens tokens, JsonMapper json) {
    return builder
        .clone()
        .baseUrl(baseUrl.toString())
        .requestInterceptor(
            (request, body, execution) -> {
              tokens.current().ifPresent(token -> request.getHeaders().setBearerAuth(token));
              request
                  .getHeaders()
                  .set(HttpHeaders.ACCEPT, "application/json, application/problem+json");
              return execution.execute(request, body);
            })
        .defaultStatusHandler(
            status -> status.isError(),
            (request, response) -> {
              throw problem(response, json);
            })
        .build();
  }

  static ApiProblem problem(ClientHttpResponse response, JsonMapper json) throws IOException {
    int status = response.getStatusCode().value();
    String title = null;
    String detail = null;
    List<FieldProblem> errors = new ArrayList<>();
    try (InputStream body = response.getBody()) {
      JsonNode problem = json.readTree(body);
      if (problem != null && problem.isObject()) {
        title = text(problem, "title");
        detail = text(problem, "detail");
        for (JsonNode error : problem.path("errors")) {
          errors.add(
              new FieldProblem(
                  error.path("field").asString(""), error.path("message").asString("")));
        }
      }
    } catch (JacksonException notJson) {
      // A proxy's or server's page rather than a problem: the status says enough.
    }
    return new ApiProblem(status, title, detail, errors);
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asString();
  }
}
