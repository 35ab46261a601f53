package org.cellpath.console.patient;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.FieldProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * scheduling-service's self-service API (docs/api.md): every call carries the patient's link in the
 * {@code Patient-Link} header and no bearer token (no one is signed in). A refusal becomes an
 * {@link ApiProblem}.
 */
class SelfServiceApi {

  static final String LINK_HEADER = "Patient-Link";
  private static final String BASE = "/api/self-service/appointments";
  private static final String OFFER = "/api/self-service/offer";

  record Appointment(
      String kind,
      String status,
      Instant startsAt,
      Instant endsAt,
      String timeZone,
      String clinicianName,
      String siteName,
      String siteAddress,
      String roomName) {}

  record Patient(String givenName, String language) {}

  record Page(
      String status,
      boolean confirmed,
      int sequence,
      List<Appointment> appointments,
      Patient patient,
      boolean canConfirm,
      boolean canReschedule,
      boolean canCancel) {}

  record Option(UUID harvestSlotId, UUID injectionSlotId, List<Appointment> appointments) {}

  /**
   * A waitlist offer as its link opens it.
   *
   * @param state OPEN, ACCEPTED, DECLINED or EXPIRED
   */
  record Offer(
      String state,
      Instant holdUntil,
      List<Appointment> appointments,
      Patient patient,
      boolean canAnswer) {}

  private final RestClient http;

  SelfServiceApi(RestClient http) {
    this.http = http;
  }

  static RestClient client(RestClient.Builder builder, String baseUrl, JsonMapper json) {
    return builder
        .clone()
        .baseUrl(baseUrl)
        .requestInterceptor(
            (request, body, execution) -> {
              // No one is signed in on these pages: the link is the only credential sent.
              request.getHeaders().remove(HttpHeaders.AUTHORIZATION);
              request
                  .getHeaders()
                  .set(
                      HttpHeaders.ACCEPT,
                      "application/json, application/problem+json, text/calendar");
              return execution.execute(request, body);
            })
        .defaultStatusHandler(
            status -> status.isError(),
            (request, response) -> {
              throw problem(response, json);
            })
        .build();
  }

  Page page(String token) {
    return http.get().uri(BASE).header(LINK_HEADER, token).retrieve().body(Page.class);
  }

  Page confirm(String token) {
    return http.post()
        .uri(BASE + "/confirmation")
        .header(LINK_HEADER, token)
        .retrieve()
        .body(Page.class);
  }

  List<Option> options(String token) {
    Option[] options =
        http.get()
            .uri(BASE + "/options")
            .header(LINK_HEADER, token)
            .retrieve()
            .body(Option[].class);
    return options == null ? List.of() : List.of(options);
  }

  Page reschedule(String token, UUID harvestSlotId, UUID injectionSlotId) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("harvestSlotId", harvestSlotId);
    body.put("injectionSlotId", injectionSlotId);
    return http.post()
        .uri(BASE + "/reschedule")
        .header(LINK_HEADER, token)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(Page.class);
  }

  Page cancel(String token, String reason, String note) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("reason", reason);
    body.put("note", note == null || note.isBlank() ? null : note);
    return http.post()
        .uri(BASE + "/cancellation")
        .header(LINK_HEADER, token)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(Page.class);
  }

  Offer offer(String token) {
    return http.get().uri(OFFER).header(LINK_HEADER, token).retrieve().body(Offer.class);
  }

  Offer acceptOffer(String token) {
    return http.post()
        .uri(OFFER + "/acceptance")
        .header(LINK_HEADER, token)
        .retrieve()
        .body(Offer.class);
  }

  Offer declineOffer(String token) {
    return http.post()
        .uri(OFFER + "/decline")
        .header(LINK_HEADER, token)
        .retrieve()
        .body(Offer.class);
  }

  String calendar(String token) {
    return http.get()
        .uri(BASE + "/calendar")
        .header(LINK_HEADER, token)
        .retrieve()
        .body(String.class);
  }

  private static ApiProblem problem(ClientHttpResponse response, JsonMapper json)
      throws IOException {
    int status = response.getStatusCode().value();
    String title = null;
    String detail = null;
    String type = null;
    List<FieldProblem> errors = new ArrayList<>();
    try (InputStream body = response.getBody()) {
      JsonNode problem = json.readTree(body);
      if (problem != null && problem.isObject()) {
        title = problem.path("title").asString(null);
        detail = problem.path("detail").asString(null);
        type = problem.path("type").asString(null);
        for (JsonNode error : problem.path("errors")) {
          errors.add(
              new FieldProblem(
                  error.path("field").asString(""), error.path("message").asString("")));
        }
      }
    } catch (JacksonException notJson) {
      // A proxy's page rather than a problem: the status says enough.
    }
    return new ApiProblem(status, title == null ? type : title, detail, errors);
  }
}
