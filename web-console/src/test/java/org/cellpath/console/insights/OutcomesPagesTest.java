package org.cellpath.console.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The outcomes page and the similar cases on the reviewer's case page, against stub services:
 * figures, "too few to judge" in place of every number of a small group, the charts drawn as SVG,
 * the filters relayed, the CSV, who may see the page, and the panel's words.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OutcomesPagesTest {

  static final StubServices STUB = StubServices.start();
  static final String REVIEW = "5a0c7d1e-1111-4222-8333-000000000001";
  static final String REFERRAL = "5a0c7d1e-1111-4222-8333-000000000002";

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
  }

  private static MockHttpSession reviewer() {
    return TestSignIn.session("reviewer-token", "reviewer-1", null, "REVIEWER");
  }

  private static final String PAIN_FIGURES =
      """
      {"instrument":"PAIN_NRS","subscale":"NRS_PAIN","label":"pain NRS pain","meaningfulDifference":2,
       "tooFew":false,"n":12,"medianChange":2.5,"lowerQuartile":1,"upperQuartile":4,"shareMeaningful":0.5833}
      """;

  private static final String PAIN_TOO_FEW =
      """
      {"instrument":"PAIN_NRS","subscale":"NRS_PAIN","label":"pain NRS pain","meaningfulDifference":2,
       "tooFew":true,"n":null,"medianChange":null,"lowerQuartile":null,"upperQuartile":null,"shareMeaningful":null}
      """;

  private static String group(String dimension, String value, boolean tooFew) {
    String baseline =
        tooFew
            ? "{\"timePoint\":\"BASELINE\",\"tooFew\":true,\"subscales\":[]}"
            : "{\"timePoint\":\"BASELINE\",\"tooFew\":false,\"answered\":14,\"missed\":0,\"responseRate\":1,\"subscales\":[]}";
    String week12 =
        tooFew
            ? "{\"timePoint\":\"WEEK_12\",\"tooFew\":true,\"subscales\":[" + PAIN_TOO_FEW + "]}"
            : "{\"timePoint\":\"WEEK_12\",\"tooFew\":false,\"answered\":12,\"missed\":2,\"responseRate\":0.8571,\"subscales\":["
                + PAIN_FIGURES
                + "]}";
    return """
        {"dimension":"%s","value":"%s","tooFew":%s,"cases":%s,"timePoints":[%s,%s]}
        """
        .formatted(dimension, value, tooFew, tooFew ? "null" : "14", baseline, week12);
  }

  private void aSummary() {
    STUB.answer(
        "GET",
        "/api/outcomes/summary",
        200,
        """
        {"cases":17,"syntheticCases":3,"minimumGroup":5,"groups":[%s,%s,%s,%s,%s]}
        """
            .formatted(
                group("ALL", "ALL", false),
                group("CONDITION", "ACHILLES_TENDON_INJURY", false),
                group("CONDITION", "ANKLE_OSTEOARTHRITIS", true),
                group("AGE_BAND", "FROM_40_TO_59", false),
                group("HEALTH_FACTOR", "NONE", false)));
  }

  private Document page(String uri, MockHttpSession session) throws Exception {
    return Jsoup.parse(
        mvc.perform(get(uri).session(session))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  @Test
  void theOutcomesPageShowsFiguresChartsAndTooFewToJudgeForASmallGroup() throws Exception {
    aSummary();

    Document page = page("/insights/outcomes", reviewer());

    assertThat(page.getElementById("synthetic-note").text())
        .contains("3 synthetic (demo) cases of 17");
    Element week12 = page.selectFirst("#response-table tr[data-time-point=WEEK_12]");
    assertThat(week12.text()).contains("12", "2", "86 %");
    Element pain =
        page.selectFirst(".change-table[data-time-point=WEEK_12] tr[data-subscale=NRS_PAIN]");
    assertThat(pain.text()).contains("12", "+2.5", "+1 / +4", "58 %");
    Element small = page.selectFirst("#by-CONDITION tr[data-group=ANKLE_OSTEOARTHRITIS]");
    assertThat(small.text()).isEqualTo("Ankle osteoarthritis too few to judge");
    assertThat(small.text()).doesNotContainPattern("\\d");
    Element achilles = page.selectFirst("#by-CONDITION tr[data-group=ACHILLES_TENDON_INJURY]");
    assertThat(achilles.text()).contains("14", "86 %", "+2.5 (n 12)", "+1 / +4", "58 %");
    // the response rates, and a chart per dimension with groups (the stub has no cell source group)
    assertThat(page.select("svg.chart")).hasSize(4);
    assertThat(page.select("#by-CELL_SOURCE svg")).isEmpty();
    Element chart = page.selectFirst("#by-CONDITION svg.chart");
    assertThat(chart.select("g[data-key=ACHILLES_TENDON_INJURY] rect.bar")).hasSize(1);
    assertThat(chart.select("g[data-key=ACHILLES_TENDON_INJURY] line.whisker")).hasSize(1);
    assertThat(chart.select("g[data-key=ANKLE_OSTEOARTHRITIS] rect")).isEmpty();
    assertThat(chart.select("g[data-key=ANKLE_OSTEOARTHRITIS]").text())
        .contains("too few to judge");
    assertThat(page.select("#response-rates svg.chart g[data-key=WEEK_12]").text())
        .contains("86 %");
    assertThat(page.select("#by-HEALTH_FACTOR tr[data-group=NONE] th").text())
        .isEqualTo("No health factor");
  }

  @Test
  void theFiltersGoToTheServiceAndIntoTheCsvLinkAndAValueNotOfferedIsDropped() throws Exception {
    aSummary();

    Document page =
        page(
            "/insights/outcomes?condition=ACHILLES_TENDON_INJURY&ageBand=FROM_60&healthFactor=DIABETES"
                + "&cellSource=ADIPOSE&timePoint=WEEK_12&subscale=NRS_PAIN&bogus=1",
            reviewer());
    Document unoffered = page("/insights/outcomes?condition=MADE_UP&timePoint=WEEK_99", reviewer());

    List<String> queries =
        STUB.seen().stream()
            .filter(seen -> seen.path().equals("/api/outcomes/summary"))
            .map(seen -> seen.query() == null ? "" : seen.query())
            .toList();
    assertThat(queries.get(0))
        .contains(
            "condition=ACHILLES_TENDON_INJURY",
            "ageBand=FROM_60",
            "healthFactor=DIABETES",
            "cellSource=ADIPOSE",
            "timePoint=WEEK_12")
        .doesNotContain("bogus");
    assertThat(queries.get(1)).doesNotContain("MADE_UP", "WEEK_99");
    assertThat(page.select("#f-condition option[selected]").val())
        .isEqualTo("ACHILLES_TENDON_INJURY");
    assertThat(page.getElementById("csv-link").attr("href"))
        .contains("/insights/outcomes.csv?", "condition=ACHILLES_TENDON_INJURY", "ageBand=FROM_60");
    assertThat(unoffered.getElementById("csv-link").attr("href"))
        .endsWith("/insights/outcomes.csv");
  }

  @Test
  void theCsvIsTheServicesOwnFiguresAsADownload() throws Exception {
    String csv = "dimension,group\r\nALL,ALL\r\n";
    STUB.answer("GET", "/api/outcomes/summary.csv", 200, "text/csv", csv);

    MockHttpServletResponse response =
        mvc.perform(
                get("/insights/outcomes.csv?condition=ANKLE_OSTEOARTHRITIS")
                    .session(TestSignIn.session("admin-token", "admin-1", null, "ADMIN")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();

    assertThat(response.getContentType()).startsWith("text/csv");
    assertThat(response.getHeader("Content-Disposition"))
        .contains("attachment", "outcomes-summary.csv");
    assertThat(response.getContentAsString()).isEqualTo(csv);
    assertThat(STUB.seen().get(0).query()).contains("condition=ANKLE_OSTEOARTHRITIS");
    assertThat(STUB.seen().get(0).authorization()).isEqualTo("Bearer admin-token");
  }

  @Test
  void reviewersAndStaffSeeThePageAndItsLinkPhysiciansAndSchedulersDoNot() throws Exception {
    aSummary();
    assertThat(page("/insights/outcomes", reviewer()).select("a[href=/insights/outcomes]"))
        .isNotEmpty();
    page("/insights/outcomes", TestSignIn.session("admin-token", "admin-1", null, "ADMIN"));
    for (MockHttpSession refused :
        List.of(
            TestSignIn.session("p", "dr-lee", "1234567893", "PHYSICIAN"),
            TestSignIn.session("s", "sched-1", null, "SCHEDULER"))) {
      STUB.reset();
      int status =
          mvc.perform(get("/insights/outcomes").session(refused))
              .andReturn()
              .getResponse()
              .getStatus();
      assertThat(status).isEqualTo(403);
      assertThat(STUB.seen()).as("nothing asked of the service").isEmpty();
    }
  }

  private void aReview(String similar, int similarStatus) {
    STUB.answer(
        "GET",
        "/api/reviews/" + REVIEW,
        200,
        """
        {"id":"%s","referralId":"%s","state":"OPEN","recommendation":"LIKELY_ELIGIBLE","findings":[],
         "openedAt":"2026-11-20T17:00:02Z","decidedAt":null,"patientName":"Ana Rivera"}
        """
            .formatted(REVIEW, REFERRAL));
    STUB.answer(
        "GET",
        "/api/referrals/" + REFERRAL,
        200,
        """
        {"id":"%s","status":"UNDER_REVIEW","submittedAt":"2026-11-20T17:00:00Z",
         "details":{"patient":{"givenName":"Ana","familyName":"Rivera","dateOfBirth":"1971-03-14","sex":"FEMALE",
           "language":"en","smsConsent":false},"physician":{"name":"Dr. Sam Lee","npi":"1234567893","practice":"Bayview",
           "email":"lee@bayview.example"},"condition":"ACHILLES_TENDON_INJURY","side":"LEFT","conservativeCare":[],
           "healthFactors":[],"priorSurgery":false,"preferredCellSource":"BONE_MARROW",
           "expectedCoverage":"NONE_EXPECTED","selfPayAcknowledged":true},
         "timeline":[{"status":"UNDER_REVIEW","at":"2026-11-20T17:00:02Z","note":null}]}
        """
            .formatted(REFERRAL));
    STUB.answer("GET", "/api/reviews/" + REVIEW + "/similar-outcomes", similarStatus, similar);
  }

  @Test
  void theReviewerSeesSimilarPastCasesWithTheirSpreadAndThatItIsNoPrediction() throws Exception {
    aReview(
        """
        {"criteria":{"condition":"ACHILLES_TENDON_INJURY","gradeBand":"NOT_GRADED","ageBand":"FROM_40_TO_59",
          "cellSource":"BONE_MARROW"},"enough":true,"cases":12,"syntheticCases":12,
         "timePoints":[{"timePoint":"WEEK_12","tooFew":false,"answered":12,"missed":2,"responseRate":0.8571,
           "subscales":[%s]}]}
        """
            .formatted(PAIN_FIGURES),
        200);

    Document page = page("/reviewer/reviews/" + REVIEW, reviewer());

    Element panel = page.getElementById("similar-outcomes");
    assertThat(panel.selectFirst("h2").text())
        .isEqualTo("Outcomes of similar past cases at this clinic");
    assertThat(panel.getElementById("similar-not-a-prediction").text())
        .contains("not a prediction for this patient");
    assertThat(panel.getElementById("similar-criteria").text())
        .isEqualTo(
            "Similar means: Achilles tendon injury, age 40 to 59, Bone marrow (hip), no grade"
                + " recorded for this condition.");
    assertThat(panel.getElementById("similar-count").text()).isEqualTo("12 similar past cases.");
    assertThat(panel.getElementById("similar-synthetic").text()).contains("12 synthetic");
    assertThat(panel.select("tr[data-time-point=WEEK_12][data-subscale=NRS_PAIN]").text())
        .isEqualTo("12 weeks Pain (0-10) 12 +2.5 +1 / +4");
    assertThat(panel.getElementById("similar-not-enough")).isNull();
  }

  @Test
  void fewerThanFiveSimilarCasesSayNotEnoughAndAnUnavailableServiceLeavesTheReview()
      throws Exception {
    aReview(
        """
        {"criteria":{"condition":"ACHILLES_TENDON_INJURY","gradeBand":"NOT_GRADED","ageBand":"FROM_40_TO_59",
          "cellSource":null},"enough":false,"cases":null,"syntheticCases":null,"timePoints":[]}
        """,
        200);

    Document few = page("/reviewer/reviews/" + REVIEW, reviewer());

    assertThat(few.getElementById("similar-not-enough").text())
        .isEqualTo("Not enough similar cases yet.");
    assertThat(few.getElementById("similar-table")).isNull();
    assertThat(few.getElementById("similar-criteria").text()).contains("any cell source");
    assertThat(few.getElementById("similar-count")).isNull();

    aReview("{\"status\":503,\"title\":\"Service Unavailable\"}", 503);
    Document unavailable = page("/reviewer/reviews/" + REVIEW, reviewer());
    assertThat(unavailable.getElementById("similar-unavailable")).isNotNull();
    assertThat(unavailable.getElementById("approve-form")).isNotNull();
  }
}
