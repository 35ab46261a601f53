package org.cellpath.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.cellpath.localstack.CaughtMail;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.ServiceProcess;
import org.cellpath.localstack.TestReferral;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patient's questionnaires in a phone-sized Chromium window over the shared system
 * (docs/outcomes.md): a Spanish-speaking patient answers the baseline questionnaire from the link
 * in the email the approval sent, the pages in Spanish saying that the questions are in English for
 * now; an English-speaking patient, once the injection is recorded and six weeks have passed,
 * answers the 6-week questionnaire from its email; the physician who referred then finds the
 * interim report on the referral's page, and a reviewing clinician the clinic's outcomes page with
 * its charts. Each link is the one the mail catcher received. Screenshots at 390x844 in {@code
 * target/screenshots/}.
 *
 * <p>Six weeks pass by moving the three services' clocks forward, which the other classes sharing
 * the system must never see: this class runs last ({@link Order} with the class orderer that {@code
 * junit-platform.properties} sets), and its clock-moving test runs last in it.
 */
@ExtendWith(SharedConsoleSystem.class)
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutcomeQuestionnaireBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");
  private static final Pattern LINK = Pattern.compile("/q/([A-Za-z0-9_-]{94})(?![A-Za-z0-9_-])");

  private static ServiceProcess console;
  private static URI referrals;
  private static URI scheduling;

  private Browser browser;

  @BeforeAll
  static void aClinicianWithTwoPairsFree() throws Exception {
    console = SharedConsoleSystem.system().console();
    referrals = SharedConsoleSystem.system().baseUrl(CellPathService.REFERRAL);
    scheduling = SharedConsoleSystem.system().baseUrl(CellPathService.SCHEDULING);
    // So that the English patient's case finds a pair whatever the other classes left free; the
    // planner may as well choose one of theirs, which serves the same.
    LocalDate day = LocalDate.now(CLINIC).plusDays(14);
    while (day.getDayOfWeek().getValue() > 5) {
      day = day.plusDays(1);
    }
    String clinician =
        send(scheduling, "POST", "/api/clinicians", "{\"name\":\"Dr. Olive Outcomes\"}")
            .get("id")
            .asString();
    String site =
        send(
                scheduling,
                "POST",
                "/api/sites",
                """
                {"name":"Outcomes Clinic","address":"6 Week Way, Oakland","timeZone":"America/Los_Angeles"}
                """)
            .get("id")
            .asString();
    String harvestRoom =
        send(scheduling, "POST", "/api/sites/" + site + "/rooms", "{\"name\":\"Outcomes A\"}")
            .get("id")
            .asString();
    String injectionRoom =
        send(scheduling, "POST", "/api/sites/" + site + "/rooms", "{\"name\":\"Outcomes B\"}")
            .get("id")
            .asString();
    for (String[] pair : new String[][] {{"08:00", "09:15"}, {"10:00", "11:15"}}) {
      slot(clinician, harvestRoom, "HARVEST", day, pair[0], 45);
      slot(clinician, injectionRoom, "INJECTION", day, pair[1], 30);
    }
  }

  private static void slot(
      String clinician, String room, String kind, LocalDate day, String start, int minutes)
      throws Exception {
    send(
        scheduling,
        "POST",
        "/api/slots",
        """
        {"clinicianId":"%s","roomId":"%s","kind":"%s","date":"%s","startTime":"%s","durationMinutes":%d}
        """
            .formatted(clinician, room, kind, day, start, minutes));
  }

  private static JsonNode send(URI service, String method, String path, String body)
      throws Exception {
    return send(service, TestTokens.scheduler(), method, path, body);
  }

  @BeforeEach
  void openThePhone() throws Exception {
    browser = Browser.open(console.baseUrl().toString(), SCREENSHOTS);
    browser.phoneSized();
  }

  @AfterEach
  void closeThePhone() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void aSpanishPatientAnswersTheBaselineFromTheApprovalsEmailInSpanishPages() throws Exception {
    String email = approved("Lucía", "Cuestionario", "es");
    String token = awaitLinkIn(email, "BASELINE");

    browser.go("/q/" + token);
    assertThat(text(".wording-notice")).startsWith("Por ahora, las preguntas");
    assertThat(text(".progress-line span")).isEqualTo("Parte 1 de 6");
    assertThat(text("main")).contains("Hola, Lucía");
    assertThat(text("h1")).isEqualTo("Your pain");
    assertNoHorizontalScroll();
    browser.screenshot("cuestionario-es-dolor");

    answerEveryPart(6, 1, "cuestionario-es");

    assertThat(text("h1")).isEqualTo("Revise y envíe sus respuestas");
    assertThat(text(".state")).isEqualTo("Respondió todas las preguntas.");
    browser.screenshot("cuestionario-es-revision");
    browser.click(By.cssSelector("form[action*='/submission'] button"));
    assertThat(text("h1.done")).startsWith("Gracias");
    assertNoHorizontalScroll();
    browser.screenshot("cuestionario-es-gracias");

    JsonNode survey = survey(token);
    assertThat(survey.get("state").asString()).isEqualTo("COMPLETED");
    assertThat(survey.get("timePoint").asString()).isEqualTo("BASELINE");
    assertThat(survey.get("answered").asInt()).isEqualTo(survey.get("total").asInt()).isEqualTo(43);

    // The same link, later: the questionnaire is done, nothing can change it.
    browser.go("/q/" + token);
    assertThat(text("h1.done")).startsWith("Gracias");
  }

  @Test
  @Order(2)
  void anEnglishPatientAnswersTheSixWeekQuestionnaireOnceTheInjectionIsDoneAndSixWeeksPass()
      throws Exception {
    String email = approved("Owen", "Outcomer", "en");
    String referralId = referralOf(email);
    JsonNode pair =
        await()
            .atMost(WAIT)
            .until(() -> livePair(referralId), found -> found != null && found.has("appointments"));
    Instant harvestAt = startOf(pair, "HARVEST");
    Instant injectionAt = startOf(pair, "INJECTION");

    // The day of the procedure: both appointments are attended.
    moveClocksPast(injectionAt.plus(Duration.ofMinutes(5)));
    assertThat(harvestAt).isBefore(injectionAt);
    complete(pair, "HARVEST");
    complete(pair, "INJECTION");

    // Six weeks after the injection's day, at the send hour: the questionnaire opens.
    LocalDate injectionDay = injectionAt.atZone(CLINIC).toLocalDate();
    moveClocksPast(
        injectionDay.plusDays(42).atTime(LocalTime.of(10, 0)).atZone(CLINIC).toInstant());
    String token = awaitLinkIn(email, "WEEK_6");

    browser.go("/q/" + token);
    assertThat(text("main")).contains("how you are 6 weeks after your injection");
    assertThat(browser.driver().findElements(By.cssSelector(".wording-notice"))).isEmpty();
    assertThat(text("h1")).isEqualTo("Your pain");
    browser.screenshot("questionnaire-en-6-weeks");

    // Two parts now; the link, opened again later, resumes where the patient stopped.
    answerPart(3, 0);
    answerPart(3, 0);
    browser.go("/q/" + token);
    assertThat(text(".progress-line span")).isEqualTo("Part 3 of 6");
    answerEveryPartFrom(3, 3, 0, "questionnaire-en");
    browser.click(By.cssSelector("form[action*='/submission'] button"));
    assertThat(text("h1.done")).startsWith("Thank you");
    browser.screenshot("questionnaire-en-thanks");

    JsonNode survey = survey(token);
    assertThat(survey.get("state").asString()).isEqualTo("COMPLETED");
    assertThat(survey.get("timePoint").asString()).isEqualTo("WEEK_6");

    // The referring physician: the interim report is ready on the referral's page, with its charts.
    browser.resize(1280, 1000);
    browser.signIn("PHYSICIAN", "Dr. Sam Lee", TestTokens.NPI, WAIT);
    browser.go("/physician/referrals/" + referralId);
    assertThat(text("#outcome-reports li[data-report=INTERIM]"))
        .startsWith("Interim report (6 weeks) ready");
    assertThat(text("#outcomes-basis")).isNotBlank();
    assertThat(browser.driver().findElements(By.cssSelector("#outcomes figure svg")))
        .hasSizeGreaterThanOrEqualTo(2);
    browser.screenshot("physician-interim-report");
    browser.signOut(WAIT);

    // The clinic: the outcomes page counts the case, with its charts.
    browser.signIn("REVIEWER", "Dr. Rae Outcomes", null, WAIT);
    browser.go("/insights/outcomes");
    assertThat(text("h1")).isEqualTo("Outcomes reported by patients");
    assertThat(browser.driver().findElements(By.cssSelector("svg.chart"))).isNotEmpty();
    browser.screenshot("clinic-outcomes");
  }

  /** Answers all six parts from the first: the pain scale with {@code pain}, every item else. */
  private void answerEveryPart(int pain, int option, String screenshots) throws Exception {
    answerEveryPartFrom(1, pain, option, screenshots);
  }

  private void answerEveryPartFrom(int first, int pain, int option, String screenshots)
      throws Exception {
    for (int part = first; part <= 6; part++) {
      assertThat(text(".progress-line span")).endsWith(part + " " + of() + " 6");
      if (part == 2) {
        assertNoHorizontalScroll();
        browser.screenshot(screenshots + "-faos");
      }
      answerPart(pain, option);
    }
  }

  /** "de" on a Spanish page, "of" on an English one. */
  private String of() {
    return "es".equals(browser.driver().findElement(By.tagName("html")).getAttribute("lang"))
        ? "de"
        : "of";
  }

  /**
   * Chooses an answer to every question of the page (the scale's {@code pain}, else the option at
   * {@code option}) and saves and continues.
   */
  private void answerPart(int pain, int option) {
    List<WebElement> questions = browser.driver().findElements(By.cssSelector("fieldset.question"));
    assertThat(questions).isNotEmpty();
    for (WebElement question : questions) {
      List<WebElement> inputs = question.findElements(By.cssSelector("input[type=radio]"));
      WebElement chosen =
          inputs.size() == 11
              ? inputs.stream()
                  .filter(input -> String.valueOf(pain).equals(input.getAttribute("value")))
                  .findFirst()
                  .orElseThrow()
              : inputs.get(option);
      ((JavascriptExecutor) browser.driver())
          .executeScript("arguments[0].scrollIntoView({block: 'center'});", chosen);
      chosen.findElement(By.xpath("./ancestor::label")).click();
      assertThat(chosen.isSelected()).as(question.getText()).isTrue();
    }
    // Browser.click waits for the next part's page, whose progress line reads like this one's.
    browser.click(By.cssSelector("button[name=move][value=next]"));
  }

  private String text(String css) {
    return browser.driver().findElement(By.cssSelector(css)).getText();
  }

  private void assertNoHorizontalScroll() {
    Object fits =
        ((JavascriptExecutor) browser.driver())
            .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
    assertThat(fits).as("no horizontal scroll at 390 px").isEqualTo(Boolean.TRUE);
  }

  /**
   * The link in the questionnaire email to the patient for this time point (its words name it: "6
   * weeks after your injection", "before your procedure").
   */
  private static String awaitLinkIn(String email, String timePoint) {
    String said =
        switch (timePoint) {
          case "BASELINE" -> "antes de su procedimiento";
          case "WEEK_6" -> "6 weeks after your injection";
          default -> throw new IllegalArgumentException(timePoint);
        };
    return await()
        .atMost(WAIT)
        .until(
            () ->
                SharedConsoleSystem.system().mail().messages().stream()
                    .filter(mail -> mail.to().contains(email))
                    .map(CaughtMail::text)
                    .filter(text -> text.contains(said))
                    .map(LINK::matcher)
                    .filter(Matcher::find)
                    .map(found -> found.group(1))
                    .findFirst()
                    .orElse(null),
            token -> token != null);
  }

  /** The questionnaire as referral-service answers its link. */
  private static JsonNode survey(String token) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(referrals.resolve("/api/self-service/survey"))
                .header("Patient-Link", token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** A referral through the API, approved by a reviewer; its email address. */
  private static String approved(String given, String family, String language) throws Exception {
    String email = "outcomes-" + UUID.randomUUID() + "@example.org";
    String referralId =
        send(
                referrals,
                TestTokens.physician(TestTokens.NPI),
                "POST",
                "/api/referrals",
                TestReferral.json(
                    given,
                    family,
                    "+1415555" + (1000 + (int) (Math.random() * 8999)),
                    email,
                    language,
                    false))
            .get("id")
            .asString();
    String reviewId =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    StreamSupport.stream(
                            get(referrals, TestTokens.reviewer(), "/api/reviews?limit=500")
                                .spliterator(),
                            false)
                        .filter(review -> review.get("referralId").asString().equals(referralId))
                        .map(review -> review.get("id").asString())
                        .findFirst()
                        .orElse(null),
                id -> id != null);
    send(
        referrals,
        TestTokens.reviewer(),
        "POST",
        "/api/reviews/" + reviewId + "/approval",
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}");
    REFERRALS.put(email, referralId);
    return email;
  }

  private static final java.util.Map<String, String> REFERRALS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String referralOf(String email) {
    return REFERRALS.get(email);
  }

  /**
   * The case's pair once scheduling booked it. The shared system's clinic has slots other classes
   * seeded; whichever pair the planner chose is this case's, and the classes that seeded it have
   * run.
   */
  private static JsonNode livePair(String referralId) throws Exception {
    for (JsonNode pair :
        get(
            scheduling,
            TestTokens.scheduler(),
            "/api/appointment-pairs?referralId=" + referralId)) {
      if (!"CANCELLED".equals(pair.path("status").asString())) {
        return pair;
      }
    }
    return null;
  }

  private static Instant startOf(JsonNode pair, String kind) {
    for (JsonNode appointment : pair.path("appointments")) {
      if (kind.equals(appointment.path("kind").asString())) {
        return Instant.parse(appointment.path("startsAt").asString());
      }
    }
    throw new AssertionError("no " + kind + " in " + pair);
  }

  private static void complete(JsonNode pair, String kind) throws Exception {
    for (JsonNode appointment : pair.path("appointments")) {
      if (kind.equals(appointment.path("kind").asString())) {
        send(
            scheduling,
            TestTokens.scheduler(),
            "POST",
            "/api/appointments/" + appointment.path("id").asString() + "/completion",
            "{}");
        return;
      }
    }
    throw new AssertionError("no " + kind + " in " + pair);
  }

  /** Moves the services' clocks so that their "now" is just after {@code moment}. */
  private static void moveClocksPast(Instant moment) throws Exception {
    Duration offset = Duration.between(Instant.now(), moment).plusSeconds(30);
    SharedConsoleSystem.system().moveServiceClocksTo(offset);
  }

  private static JsonNode send(URI service, String token, String method, String path, String body)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", TestTokens.bearer(token))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static JsonNode get(URI service, String token, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", TestTokens.bearer(token))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
