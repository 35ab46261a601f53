package org.cellpath.console.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.signin.AccessTokens;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** referral-service: the reviewing clinicians' 12-week tasks (docs/api.md, "The 12-week tasks"). */
@Component
public class OutcomeTaskApi {

  private final RestClient http;

  OutcomeTaskApi(
      RestClient.Builder builder,
      ConsoleProperties properties,
      AccessTokens tokens,
      JsonMapper json) {
    this.http = ApiClients.client(builder, properties.referralServiceUrl(), tokens, json);
  }

  public record Task(
      UUID id,
      UUID referralId,
      String shortId,
      String patientName,
      String condition,
      String timePoint,
      Instant openedAt,
      String state,
      List<Finding> findings,
      List<ScoreRow> scores,
      Resolution resolution) {

    public List<Finding> findings() {
      return findings == null ? List.of() : findings;
    }

    public List<ScoreRow> scores() {
      return scores == null ? List.of() : scores;
    }

    public boolean open() {
      return "OPEN".equals(state);
    }
  }

  /**
   * @param code PAIN_UP, BELOW_MEANINGFUL_DIFFERENCE, NO_BASELINE or NO_ANSWER
   * @param sentence the service's English sentence, for a code the console has no words for
   */
  public record Finding(
      String code,
      String subscale,
      String subscaleName,
      BigDecimal baseline,
      BigDecimal twelveWeeks,
      String sentence) {}

  public record ScoreRow(
      String subscale,
      String subscaleName,
      boolean higherIsBetter,
      BigDecimal baseline,
      BigDecimal twelveWeeks,
      BigDecimal change,
      BigDecimal meaningfulDifference,
      boolean meaningful) {}

  public record Resolution(String action, String note, String resolvedBy, Instant resolvedAt) {}

  record OpenCount(long open) {}

  /** Tasks in {@code state} (OPEN or RESOLVED), oldest first. */
  public List<Task> tasks(String state) {
    Task[] tasks =
        http.get()
            .uri(uri -> uri.path("/api/outcome-tasks").queryParam("state", state).build())
            .retrieve()
            .body(Task[].class);
    return tasks == null ? List.of() : List.of(tasks);
  }

  public Task task(UUID id) {
    return http.get().uri("/api/outcome-tasks/{id}", id).retrieve().body(Task.class);
  }

  public long openCount() {
    OpenCount count =
        http.get().uri("/api/outcome-tasks/open-count").retrieve().body(OpenCount.class);
    return count == null ? 0 : count.open();
  }

  /** Records what was done; the note travels in the body only. */
  public Task resolve(UUID id, String action, String note) {
    Map<String, Object> body = new HashMap<>();
    body.put("action", action == null || action.isBlank() ? null : action);
    body.put("note", note == null || note.isBlank() ? null : note);
    return http.post()
        .uri("/api/outcome-tasks/{id}/resolution", id)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(Task.class);
  }
}
