package org.cellpath.console.patient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cellpath.console.api.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * referral-service's questionnaire API (docs/api.md, "The patient's questionnaire API"): every call
 * carries the patient's link in the {@code Patient-Link} header and no bearer token, as {@link
 * SelfServiceApi} does. A refusal becomes an {@link ApiProblem}.
 */
class SurveyApi {

  private static final String BASE = "/api/self-service/survey";

  /**
   * A questionnaire as its link opens it.
   *
   * @param state OPEN, COMPLETED, MISSED or STOPPED
   * @param canAnswer open and before {@code closesAt}
   * @param notOffered instruments the case has but the clinic has no sourced wording for: never
   *     mentioned to the patient
   */
  record Survey(
      String timePoint,
      String state,
      Instant closesAt,
      boolean canAnswer,
      SelfServiceApi.Patient patient,
      List<Instrument> instruments,
      int answered,
      int total,
      List<String> notOffered) {

    Survey {
      instruments = instruments == null ? List.of() : List.copyOf(instruments);
      notOffered = notOffered == null ? List.of() : List.copyOf(notOffered);
    }
  }

  /**
   * One instrument, in the words of {@code wordingLanguage} (which may differ from the patient's:
   * only sourced wording is shown, docs/outcomes.md).
   */
  record Instrument(
      String instrument,
      String title,
      String instructions,
      String wordingLanguage,
      List<Section> sections) {

    Instrument {
      sections = sections == null ? List.of() : List.copyOf(sections);
    }
  }

  record Section(String title, String intro, List<Item> items) {

    Section {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /**
   * One question.
   *
   * @param answer the saved score, or null
   */
  record Item(String code, String text, List<Option> options, Integer answer) {

    Item {
      options = options == null ? List.of() : List.copyOf(options);
    }
  }

  /**
   * One option; the NRS labels only its ends, the other options have no label.
   *
   * @param label the option's words, or null
   */
  record Option(int score, String label) {}

  private final RestClient http;

  SurveyApi(RestClient http) {
    this.http = http;
  }

  Survey survey(String token) {
    return http.get()
        .uri(BASE)
        .header(SelfServiceApi.LINK_HEADER, token)
        .retrieve()
        .body(Survey.class);
  }

  /** Saves these answers (instrument to item code to score) and leaves the others as they are. */
  Survey save(String token, Map<String, Map<String, Integer>> answers) {
    return http.put()
        .uri(BASE + "/answers")
        .header(SelfServiceApi.LINK_HEADER, token)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("answers", answers))
        .retrieve()
        .body(Survey.class);
  }

  void submit(String token) {
    http.post()
        .uri(BASE + "/submission")
        .header(SelfServiceApi.LINK_HEADER, token)
        .retrieve()
        .toBodilessEntity();
  }
}
