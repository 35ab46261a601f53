package org.cellpath.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The referring physician's case in a real browser over the shared system: the pre-screen's
 * findings as sentences (English and Spanish), Enter in a field submitting the referral form,
 * withdrawing asking first, and the booked procedure's date, time and place on the timeline. The
 * case seeds its own clinician, site, room and slot (a donated product needs one injection slot, on
 * a day with no harvest slot, so no other class's two-appointment case can take it).
 */
@ExtendWith(SharedConsoleSystem.class)
class PhysicianCaseBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");
  private static final String SITE = "Ocean Avenue Case Clinic";
  private static final String ADDRESS = "7 Ocean Ave, San Francisco";
  private static final String ROOM = "Case room 5";

  private static URI scheduling;
  private static URI referrals;
  private static LocalDate injectionDay;

  private Browser browser;

  @BeforeAll
  static void seedTheClinic() throws Exception {
    scheduling = SharedConsoleSystem.system().baseUrl(CellPathService.SCHEDULING);
    referrals = SharedConsoleSystem.system().baseUrl(CellPathService.REFERRAL);
    injectionDay = LocalDate.now(CLINIC).plusDays(9);
    String clinician =
        post(
                scheduling,
                "/api/clinicians",
                "{\"name\":\"Dr. Iris Casewell\"}",
                TestTokens.scheduler())
            .get("id")
            .asString();
    String site =
        post(
                scheduling,
                "/api/sites",
                """
                {"name":"%s","address":"%s","timeZone":"America/Los_Angeles"}
                """
                    .formatted(SITE, ADDRESS),
                TestTokens.scheduler())
            .get("id")
            .asString();
    String room =
        post(
                scheduling,
                "/api/sites/" + site + "/rooms",
                "{\"name\":\"" + ROOM + "\"}",
                TestTokens.scheduler())
            .get("id")
            .asString();
    post(
        scheduling,
        "/api/slots",
        """
        {"clinicianId":"%s","roomId":"%s","kind":"INJECTION","date":"%s","startTime":"08:15","durationMinutes":30}
        """
            .formatted(clinician, room, injectionDay),
        TestTokens.scheduler());
  }

  @BeforeEach
  void openTheBrowser() throws Exception {
    browser =
        Browser.open(SharedConsoleSystem.system().console().baseUrl().toString(), SCREENSHOTS);
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aFlaggedReferralShowsItsFindingsEnterSubmitsAndWithdrawingAsksFirst() throws Exception {
    browser.signIn("PHYSICIAN", "Dr. Sam Lee", TestTokens.NPI, WAIT);
    browser.go("/physician/referrals/new");
    ConsoleForms.fillALikelyEligibleReferral(
        browser, "Caseflag", "Enterpress", "1958-02-11", "(415) 555-0142");
    browser.check("healthFactors", "ANTICOAGULANT_USE");
    assertThat(browser.id("patient.timeZone").getTagName()).isEqualTo("select");
    browser.screenshot("physician-case-form");
    // Enter in a text field submits the form (not "add a row").
    browser.id("icd10Code").sendKeys(Keys.ENTER);
    String referralId = awaitReferralPage();

    browser.awaitOnReload(
        WAIT, d -> !d.findElements(By.cssSelector("#findings li[data-code]")).isEmpty());
    assertThat(finding("ANTICOAGULANT_USE"))
        .contains("Needs clinician review", "A clinician must weigh");
    assertThat(finding("DIABETES")).contains("For information", "diabetes");
    browser.screenshot("physician-case-findings");
    browser.phoneSized();
    browser.screenshot("physician-case-findings-phone");
    browser.resize(1366, 900);
    browser.go("/physician/referrals/" + referralId + "?lang=es");
    assertThat(finding("ANTICOAGULANT_USE")).contains("Un clínico debe valorar");
    browser.screenshot("physician-case-findings-es");
    browser.go("/physician/referrals/" + referralId + "?lang=en");

    // Withdraw asks first; keeping the referral changes nothing.
    browser.click(By.id("withdraw"));
    browser.await(WAIT, d -> d.findElement(By.id("confirm-withdraw")).isDisplayed());
    browser.screenshot("physician-case-withdraw-question");
    browser.click(By.id("keep-referral"));
    browser.await(WAIT, d -> !d.findElement(By.id("confirm-withdraw")).isDisplayed());
    assertThat(status()).isNotEqualTo("WITHDRAWN");
    browser.click(By.id("withdraw"));
    browser.click(By.id("confirm-withdraw"));
    browser.await(WAIT, d -> "WITHDRAWN".equals(status()));
  }

  @Test
  void aBookedCasesTimelineShowsTheDateTimeAndPlaceInBothLanguages() throws Exception {
    browser.signIn("PHYSICIAN", "Dr. Sam Lee", TestTokens.NPI, WAIT);
    browser.go("/physician/referrals/new");
    ConsoleForms.fillALikelyEligibleReferral(
        browser, "Casebook", "Timelineton", "1961-09-03", "415.555.0143");
    browser.choose("preferredCellSource", "AMNIOTIC");
    browser.click(By.id("submit-referral"));
    String referralId = awaitReferralPage();
    approve(referralId);

    browser.awaitOnReload(
        WAIT,
        d ->
            !d.findElements(By.cssSelector("#timeline li[data-happening=BOOKED] li.appointment"))
                .isEmpty());
    var appointment =
        browser
            .driver()
            .findElement(By.cssSelector("#timeline li[data-happening=BOOKED] li.appointment"));
    assertThat(appointment.findElement(By.cssSelector(".when")).getText())
        .contains(
            DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu", Locale.ENGLISH).format(injectionDay))
        .contains("8:15 AM");
    assertThat(appointment.findElement(By.cssSelector(".where")).getText())
        .isEqualTo(SITE + ", " + ADDRESS + ", " + ROOM);
    assertThat(appointment.getText()).contains("Injection", "Dr. Iris Casewell");
    browser.screenshot("physician-case-timeline");
    browser.phoneSized();
    browser.screenshot("physician-case-timeline-phone");
    browser.resize(1366, 900);

    browser.go("/physician/referrals/" + referralId + "?lang=es");
    assertThat(
            browser
                .driver()
                .findElement(
                    By.cssSelector("#timeline li[data-happening=BOOKED] li.appointment .when"))
                .getText())
        .contains(
            DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' uuuu", Locale.forLanguageTag("es"))
                .format(injectionDay))
        .contains("08:15");
    browser.screenshot("physician-case-timeline-es");
    browser.go("/physician/referrals/" + referralId + "?lang=en");
  }

  private String awaitReferralPage() {
    return browser.await(
        WAIT,
        d ->
            d.getCurrentUrl().matches(".*/physician/referrals/[0-9a-f-]{36}$")
                ? d.getCurrentUrl().substring(d.getCurrentUrl().lastIndexOf('/') + 1)
                : null);
  }

  private String finding(String code) {
    return browser
        .driver()
        .findElement(By.cssSelector("#findings li[data-code='" + code + "']"))
        .getText();
  }

  private String status() {
    return browser.id("referral-status").getAttribute("data-status");
  }

  /** The reviewer approves the case through referral-service's API (auto-approval is off). */
  private static void approve(String referralId) throws Exception {
    String reviewId = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (reviewId == null && System.nanoTime() < deadline) {
      JsonNode queue = get(referrals, "/api/reviews?limit=500", TestTokens.reviewer());
      reviewId =
          StreamSupport.stream(queue.spliterator(), false)
              .filter(r -> r.get("referralId").asString().equals(referralId))
              .map(r -> r.get("id").asString())
              .findFirst()
              .orElse(null);
      if (reviewId == null) {
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
      }
    }
    assertThat(reviewId).as("the review of " + referralId).isNotNull();
    post(
        referrals,
        "/api/reviews/" + reviewId + "/approval",
        "{\"cellSource\":\"AMNIOTIC\",\"injectionSite\":\"Left Achilles insertion\"}",
        TestTokens.reviewer());
  }

  private static JsonNode get(URI base, String path, String token) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", TestTokens.bearer(token))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode post(URI base, String path, String body, String token) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", TestTokens.bearer(token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }
}
