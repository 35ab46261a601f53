package org.cellpath.console.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cellpath.console.StubServices;
import org.cellpath.console.signin.TestSignIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The reviewing clinicians' 12-week tasks against stub services: the worklist with each task's
 * findings in sentences (English and Spanish) and its scores baseline against 12 weeks, the count
 * in the navigation, and recording what was done, asked first, with the service's refusal placed
 * next to its field.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OutcomeTasksPagesTest {

  static final StubServices STUB = StubServices.start();
  static final String TASK = "3a1b2c3d-0000-4000-8000-00000000d001";
  static final String REFERRAL = "0b7e2f3a-5a44-4c1e-9b1a-0d6c1e2f3a4b";
  static final String NOTE = "Called her; swelling worse after hiking";

  static final String OPEN_TASK =
      """
      {"id":"%s","referralId":"%s","shortId":"0b7e2f3a","patientName":"Ana Rivera",
       "condition":"ACHILLES_TENDON_INJURY","timePoint":"WEEK_12","openedAt":"2026-11-20T17:00:02Z","state":"OPEN",
       "findings":[
         {"code":"PAIN_UP","subscale":"NRS_PAIN","subscaleName":"pain NRS","baseline":6,"twelveWeeks":8,
          "sentence":"Worst pain in the last week rose from 6 to 8 out of 10 since baseline."},
         {"code":"BELOW_MEANINGFUL_DIFFERENCE","subscale":"FAOS_SPORT_REC","subscaleName":"FAOS Sport/Rec",
          "baseline":50.00,"twelveWeeks":55.50,
          "sentence":"FAOS Sport/Rec went from 50 to 55.5, less than the 10 points of improvement that matter."}],
       "scores":[
         {"subscale":"NRS_PAIN","subscaleName":"pain NRS","higherIsBetter":false,"baseline":6,"twelveWeeks":8,
          "change":-2,"meaningfulDifference":2,"meaningful":false},
         {"subscale":"FAOS_SPORT_REC","subscaleName":"FAOS Sport/Rec","higherIsBetter":true,"baseline":50.00,
          "twelveWeeks":55.50,"change":5.50,"meaningfulDifference":10,"meaningful":false},
         {"subscale":"FAOS_QOL","subscaleName":"FAOS QOL","higherIsBetter":true,"baseline":25.00,
          "twelveWeeks":null,"change":null,"meaningfulDifference":10,"meaningful":false}],
       "resolution":null}
      """
          .formatted(TASK, REFERRAL);

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("cellpath.console.referral-service-url", STUB::url);
    registry.add("cellpath.console.scheduling-service-url", STUB::url);
    registry.add("cellpath.console.notification-service-url", STUB::url);
    registry.add("cellpath.console.dev-token-url", () -> STUB.url() + "/token");
    registry.add("cellpath.console.jwt.jwk-set-uri", () -> STUB.url() + "/jwks");
    registry.add("cellpath.console.jwt.issuer", () -> StubServices.ISSUER);
    registry.add("cellpath.console.jwt.audience", () -> StubServices.AUDIENCE);
  }

  @Autowired MockMvc mvc;

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @BeforeEach
  void reset() {
    STUB.reset();
    STUB.answer("GET", "/api/outcome-tasks", 200, "[" + OPEN_TASK + "]");
    STUB.answer("GET", "/api/outcome-tasks/" + TASK, 200, OPEN_TASK);
    STUB.answer("GET", "/api/outcome-tasks/open-count", 200, "{\"open\":1}");
  }

  private static MockHttpSession reviewer() {
    return TestSignIn.session("reviewer-token", "reviewer-1", null, "REVIEWER");
  }

  private Document page(String path, String language) throws Exception {
    return Jsoup.parse(
        mvc.perform(get(path).session(reviewer()).header("Accept-Language", language))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  @Test
  void theWorklistShowsEachTasksFindingsInSentencesAndItsScoresAndTheNavigationCountsThem()
      throws Exception {
    Document page = page("/reviewer/outcome-tasks", "en");

    Element task = page.selectFirst("article[data-task-id=" + TASK + "]");
    assertThat(task.select("h2 a").text()).isEqualTo("Ana Rivera");
    assertThat(task.select("h2 a").attr("href")).isEqualTo("/reviewer/outcome-tasks/" + TASK);
    assertThat(task.select(".task-meta").text()).contains("0b7e2f3a", "Achilles tendon injury");
    assertThat(task.select(".task-findings li").eachText())
        .containsExactly(
            "Worst pain in the last week rose from 6 to 8 out of 10 since baseline.",
            "FAOS Sport/Rec went from 50 to 55.5, less than the 10 points of improvement that"
                + " matter.");
    Element sport = task.selectFirst("tr[data-subscale=FAOS_SPORT_REC]");
    assertThat(sport.select("th, td").eachText())
        .containsExactly("FAOS Sport/Rec", "50", "55.5", "+5.5", "No (10 points)");
    assertThat(task.selectFirst("tr[data-subscale=NRS_PAIN]").select("td").eachText())
        .containsExactly("6", "8", "-2", "No (2 points)");
    assertThat(task.selectFirst("tr[data-subscale=FAOS_QOL]").select("td").eachText())
        .containsExactly("25", "–", "–", "–");
    assertThat(page.select("#nav-outcome-tasks .badge").text()).isEqualTo("1");
    assertThat(page.select(".count").text()).isEqualTo("1 open task(s)");
    assertThat(STUB.seen())
        .filteredOn(seen -> seen.path().equals("/api/outcome-tasks"))
        .singleElement()
        .satisfies(
            seen -> {
              assertThat(seen.query()).isEqualTo("state=OPEN");
              assertThat(seen.authorization()).isEqualTo("Bearer reviewer-token");
            });
  }

  @Test
  void theSpanishWorklistWordsTheFindingsWithTheSpanishDecimalMark() throws Exception {
    Document page = page("/reviewer/outcome-tasks", "es");

    assertThat(page.select(".task-findings li").eachText())
        .containsExactly(
            "El peor dolor de la última semana subió de 6 a 8 sobre 10 desde el inicio.",
            "FAOS Sport/Rec pasó de 50 a 55,5, menos que los 10 puntos de mejora que importan.");
    assertThat(page.select("h1").text()).isEqualTo("Tareas de las 12 semanas");
  }

  @Test
  void recordingWhatWasDoneAsksFirstThenSendsTheActionAndNoteInTheBody() throws Exception {
    String asked =
        mvc.perform(
                post("/reviewer/outcome-tasks/" + TASK + "/resolution")
                    .session(reviewer())
                    .with(csrf())
                    .param("taskAction", "CONTACTED_PATIENT")
                    .param("taskNote", NOTE))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    Document confirm = Jsoup.parse(asked);
    assertThat(confirm.select("#confirm-question").text())
        .isEqualTo("Record \"Contacted the patient\" for this task?");
    assertThat(confirm.select("#confirm-resolution input[name=taskNote]").val()).isEqualTo(NOTE);
    assertThat(STUB.seen()).noneMatch(seen -> seen.method().equals("POST"));

    STUB.answer("POST", "/api/outcome-tasks/" + TASK + "/resolution", 200, OPEN_TASK);
    mvc.perform(
            post("/reviewer/outcome-tasks/" + TASK + "/resolution")
                .session(reviewer())
                .with(csrf())
                .param("taskAction", "CONTACTED_PATIENT")
                .param("taskNote", NOTE)
                .param("confirmed", "yes"))
        .andExpect(redirectedUrl("/reviewer/outcome-tasks"));

    assertThat(STUB.seen())
        .filteredOn(seen -> seen.method().equals("POST"))
        .singleElement()
        .satisfies(
            seen -> {
              assertThat(seen.path()).isEqualTo("/api/outcome-tasks/" + TASK + "/resolution");
              assertThat(seen.body()).contains("\"action\":\"CONTACTED_PATIENT\"", NOTE);
              assertThat(String.valueOf(seen.query())).doesNotContain("Called");
            });
  }

  @Test
  void aFormWithoutAnActionIsAskedAgainAndTheServicesRefusalIsShownNextToItsField()
      throws Exception {
    Document missing =
        Jsoup.parse(
            mvc.perform(
                    post("/reviewer/outcome-tasks/" + TASK + "/resolution")
                        .session(reviewer())
                        .with(csrf())
                        .param("taskNote", NOTE)
                        .param("confirmed", "yes"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(missing.select("#error-summary li").text())
        .isEqualTo("What was done: Choose what was done.");
    assertThat(missing.select("textarea[name=taskNote]").text()).isEqualTo(NOTE);
    assertThat(STUB.seen()).noneMatch(seen -> seen.method().equals("POST"));

    STUB.answer(
        "POST",
        "/api/outcome-tasks/" + TASK + "/resolution",
        400,
        """
        {"type":"https://cellpath.org/problems/invalid-request","title":"Invalid request","status":400,
         "errors":[{"field":"note","message":"size must be between 0 and 1000"}]}
        """);
    Document refused =
        Jsoup.parse(
            mvc.perform(
                    post("/reviewer/outcome-tasks/" + TASK + "/resolution")
                        .session(reviewer())
                        .with(csrf())
                        .param("taskAction", "OTHER")
                        .param("taskNote", NOTE)
                        .param("confirmed", "yes"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(refused.select("#error-summary li").text()).startsWith("Note: ");
    assertThat(refused.select(".field.invalid textarea[name=taskNote]")).hasSize(1);
  }
}
