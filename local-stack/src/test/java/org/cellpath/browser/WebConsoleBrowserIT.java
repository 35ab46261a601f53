package org.cellpath.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.ServiceProcess;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web console in a real browser over the real system: the three services as processes on one
 * Kafka broker and one PostgreSQL server, the console as a fourth process signing people in with
 * the development token issuer, and headless Chromium. A physician submits a referral through the
 * form and sees it in their list under the patient's name; a reviewer finds it by the patient's
 * name in the queue and approves it (auto-approval is off); the scheduler sees the booked pair in
 * the calendar, adds slots and reschedules the pair onto them; staff read the delivery log; the
 * physician's timeline shows both the booking and the move, its notes in Spanish on the Spanish
 * page. A form with bad values shows the service's field messages next to the fields. Each page is
 * saved to {@code target/screenshots/}.
 */
@ExtendWith(SharedConsoleSystem.class)
class WebConsoleBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String NPI = TestTokens.NPI;
  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");

  /** Patient values that must never reach the console's log or a URL. */
  private static final String GIVEN = "Quintessa";

  private static final String FAMILY = "Zephyrbrowser";
  private static final String PHONE = "+14155550188";
  private static final String BIRTH = "1966-06-16";

  private static ServiceProcess console;
  private static URI scheduling;
  private static LocalDate firstDay;
  private static LocalDate secondDay;
  private static String clinicianId;

  private Browser browser;
  private static boolean signInShown;

  @BeforeAll
  static void seedTheSystem() throws Exception {
    console = SharedConsoleSystem.system().console();
    scheduling = SharedConsoleSystem.system().baseUrl(CellPathService.SCHEDULING);
    seedTheClinic();
  }

  /**
   * One clinician, one site, a harvest and an injection room, and one pair of slots on the first
   * bookable days.
   */
  private static void seedTheClinic() throws Exception {
    firstDay = LocalDate.now(CLINIC).plusDays(10);
    secondDay = firstDay.plusDays(1);
    clinicianId = post("/api/clinicians", "{\"name\":\"Dr. Maya Patel\"}").get("id").asString();
    String site =
        post(
                "/api/sites",
                """
        {"name":"CellPath Foot & Ankle Clinic","address":"100 Market St, San Francisco","timeZone":"America/Los_Angeles"}
        """)
            .get("id")
            .asString();
    String harvestRoom =
        post("/api/sites/" + site + "/rooms", "{\"name\":\"Procedure room 1\"}")
            .get("id")
            .asString();
    String injectionRoom =
        post("/api/sites/" + site + "/rooms", "{\"name\":\"Injection room 2\"}")
            .get("id")
            .asString();
    post("/api/slots", slot(clinicianId, harvestRoom, "HARVEST", firstDay, "09:00", 45));
    post("/api/slots", slot(clinicianId, injectionRoom, "INJECTION", firstDay, "10:30", 30));
  }

  @BeforeEach
  void openTheBrowser() throws Exception {
    browser = Browser.open(console.baseUrl().toString(), SCREENSHOTS);
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aReferralGoesFromTheFormThroughReviewAndBookingToARescheduleTheTimelineShows()
      throws Exception {
    // The physician submits the referral through the form and sees it.
    signIn("PHYSICIAN", "Dr. Sam Lee", NPI);
    browser.screenshot("physician-referrals-empty");
    browser.go("/physician/referrals/new");
    ConsoleForms.fillALikelyEligibleReferral(browser, GIVEN, FAMILY, BIRTH, PHONE);
    browser.screenshot("physician-referral-form");
    browser.click(By.id("submit-referral"));
    String referralId =
        browser.await(
            WAIT,
            d ->
                d.getCurrentUrl().matches(".*/physician/referrals/[0-9a-f-]{36}$")
                    ? d.getCurrentUrl().substring(d.getCurrentUrl().lastIndexOf('/') + 1)
                    : null);
    assertThat(browser.id("referral-status").getAttribute("data-status"))
        .isIn("SUBMITTED", "UNDER_REVIEW");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
        .contains(GIVEN + " " + FAMILY);
    browser.awaitOnReload(WAIT, d -> "UNDER_REVIEW".equals(status()));
    browser.screenshot("physician-referral-submitted");
    browser.go("/physician/referrals");
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("tr[data-referral-id='" + referralId + "']")))
        .hasSize(1);
    // The patient's name is the row's header and the link to the referral.
    WebElement own =
        browser
            .driver()
            .findElement(
                By.cssSelector("tr[data-referral-id='" + referralId + "'] th[scope=row] a"));
    assertThat(own.getText()).isEqualTo(GIVEN + " " + FAMILY);
    assertThat(own.getAttribute("href")).endsWith("/physician/referrals/" + referralId);
    browser.screenshot("physician-referrals");
    signOut();

    // The reviewer finds it in the queue (the pre-screen did not decide) and approves it.
    signIn("REVIEWER", "Dr. Rey Ortiz", null);
    WebElement row =
        browser
            .driver()
            .findElement(By.cssSelector("#queue tr[data-referral-id='" + referralId + "']"));
    assertThat(row.getText()).contains("Likely eligible", "Diabetes");
    assertThat(row.findElement(By.cssSelector("th[scope=row] a")).getText())
        .isEqualTo(GIVEN + " " + FAMILY);
    browser.screenshot("reviewer-queue");
    row.findElement(By.linkText(GIVEN + " " + FAMILY)).click();
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("#findings li[data-code='DIABETES']"))
                .getText())
        .contains("For information", "diabetes");
    browser.type("injectionSite", "Left Achilles insertion");
    assertThat(browser.id("cellSource").getAttribute("value")).isEqualTo("BONE_MARROW");
    browser.screenshot("reviewer-review");
    browser.click(By.id("approve"));
    browser.await(
        WAIT, d -> d.findElement(By.cssSelector(".notice")).getText().contains("approved"));
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("#queue tr[data-referral-id='" + referralId + "']")))
        .isEmpty();
    signOut();

    // The scheduler sees the booked pair in the calendar, adds a pair of slots the next day and
    // moves the pair there.
    signIn("SCHEDULER", "Sam Scheduler", null);
    browser.go("/scheduler/calendar?week=" + firstDay + "&show=clinician:" + clinicianId);
    browser.awaitOnReload(
        WAIT,
        d ->
            d.findElements(
                        By.cssSelector(
                            "section[data-date='" + firstDay + "'] li[data-status='BOOKED']"))
                    .size()
                == 2);
    browser.screenshot("scheduler-calendar-booked");
    browser.resize(768, 1024);
    browser.screenshot("scheduler-calendar-tablet");
    browser.resize(1366, 900);
    browser.go("/scheduler/slots/new?show=clinician:" + clinicianId);
    createSlot("HARVEST", "Procedure room 1", secondDay, "09:00", "45");
    browser.go("/scheduler/slots/new?show=clinician:" + clinicianId);
    createSlot("INJECTION", "Injection room 2", secondDay, "10:30", "30");
    browser.go("/scheduler/calendar?week=" + firstDay + "&show=clinician:" + clinicianId);
    browser.click(
        By.cssSelector(
            "section[data-date='" + firstDay + "'] li[data-status='BOOKED'] a.pair-link"));
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("#appointments tr[data-date='" + firstDay + "']")))
        .hasSize(2);
    browser.screenshot("scheduler-pair");
    chooseSlotOn("harvestSlotId", secondDay);
    chooseSlotOn("injectionSlotId", secondDay);
    browser.click(By.id("reschedule"));
    browser.await(
        WAIT, d -> d.findElement(By.cssSelector(".notice")).getText().contains("rescheduled"));
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("#appointments tr[data-date='" + secondDay + "']")))
        .hasSize(2);
    browser.screenshot("scheduler-pair-rescheduled");

    // The freed slots can be blocked and freed in place (htmx).
    browser.go("/scheduler/calendar?week=" + firstDay + "&show=clinician:" + clinicianId);
    String freed = "section[data-date='" + firstDay + "'] li[data-kind='HARVEST']";
    assertThat(browser.driver().findElement(By.cssSelector(freed)).getAttribute("data-status"))
        .isEqualTo("FREE");
    browser.driver().findElement(By.cssSelector(freed + " button")).click();
    browser.await(
        WAIT,
        d -> "BLOCKED".equals(d.findElement(By.cssSelector(freed)).getAttribute("data-status")));
    browser.screenshot("scheduler-calendar-blocked");
    browser.driver().findElement(By.cssSelector(freed + " button")).click();
    browser.await(
        WAIT, d -> "FREE".equals(d.findElement(By.cssSelector(freed)).getAttribute("data-status")));

    browser.go("/scheduler/waitlist");
    browser.screenshot("scheduler-waitlist");
    browser.go("/staff/deliveries?referralId=" + referralId);
    browser.awaitOnReload(
        WAIT,
        d ->
            !d.findElements(By.cssSelector("#deliveries tr[data-kind='BOOKING_CONFIRMATION']"))
                .isEmpty());
    browser.screenshot("staff-delivery-log");
    signOut();

    // The physician's timeline shows the booking and the move.
    signIn("PHYSICIAN", "Dr. Sam Lee", NPI);
    browser.go("/physician/referrals/" + referralId);
    browser.awaitOnReload(WAIT, d -> timeline().contains("RESCHEDULED"));
    assertThat(timeline())
        .containsSubsequence("SUBMITTED", "UNDER_REVIEW", "APPROVED", "SCHEDULED", "RESCHEDULED");
    browser.screenshot("physician-timeline");

    browser.go("/physician/referrals/" + referralId + "?lang=es");
    assertThat(browser.driver().findElement(By.id("timeline-heading")).getText())
        .isEqualTo("Cronología");
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("#timeline li[data-status='SCHEDULED'] .note"))
                .getText())
        .isEqualTo("Procedimiento reservado");
    browser.screenshot("physician-timeline-es");
    browser.go("/physician/referrals/" + referralId + "?lang=en");

    assertThat(browser.visited())
        .allSatisfy(url -> assertThat(url).doesNotContain(GIVEN, FAMILY, "4155550188", BIRTH));
    assertThat(Files.readString(console.logFile()))
        .doesNotContain(GIVEN, FAMILY, PHONE, BIRTH, "4155550188");
  }

  @Test
  void aFormWithBadValuesShowsTheServicesFieldMessagesNextToTheFields() throws Exception {
    signIn("PHYSICIAN", "Dr. Sam Lee", NPI);
    browser.go("/physician/referrals/new");
    browser.type("patient.givenName", GIVEN);
    browser.type("patient.familyName", FAMILY);
    browser.date("patient.dateOfBirth", LocalDate.now(CLINIC).plusYears(1).toString());
    browser.choose("patient.sex", "FEMALE");
    browser.type("patient.mobilePhone", "555-0100");
    browser.type("patient.email", "not-an-email");
    browser.type("physician.practice", "Bayview Orthopedics");
    browser.type("physician.email", "lee@bayview.example");
    browser.choose("side", "LEFT");
    browser.type("icd10Code", "Achilles");
    browser.choose("preferredCellSource", "BONE_MARROW");
    browser.choose("expectedCoverage", "NONE_EXPECTED");
    // The browser's own checks stay out of the way: this is about the service's messages.
    ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("document.getElementById('referral-form').noValidate = true;");
    browser.click(By.id("submit-referral"));
    browser.await(WAIT, d -> !d.findElements(By.id("error-summary")).isEmpty());

    assertFieldMessage("patient.mobilePhone", "must be a US mobile number, like (415) 555-0188");
    assertFieldMessage("patient.email", "must be a well-formed email address");
    assertFieldMessage("patient.dateOfBirth", "must be a past date");
    assertFieldMessage("icd10Code", "must be an ICD-10-CM code");
    assertFieldMessage("condition", "must not be null");
    assertThat(browser.id("patient.mobilePhone").getAttribute("value")).isEqualTo("555-0100");
    assertThat(browser.id("patient.givenName").getAttribute("value")).isEqualTo(GIVEN);
    assertThat(browser.driver().findElements(By.cssSelector("#error-summary li")))
        .hasSizeGreaterThanOrEqualTo(5);
    browser.screenshot("physician-form-errors");
    assertThat(browser.driver().getCurrentUrl()).doesNotContain(GIVEN, "555");
    assertThat(Files.readString(console.logFile())).doesNotContain(GIVEN, FAMILY);
  }

  /**
   * The field's message is in the element its aria-describedby names, inside the field's own block.
   */
  private void assertFieldMessage(String field, String message) {
    WebElement input = browser.id(field);
    String errorId = "error-" + field.replaceAll("[^A-Za-z0-9]+", "-");
    assertThat(input.getAttribute("aria-describedby")).as(field).contains(errorId);
    WebElement error = browser.id(errorId);
    assertThat(error.getText()).as(field).contains(message);
    WebElement block = input.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"));
    assertThat(block.findElements(By.xpath(".//*[@id='" + errorId + "']")))
        .as(field + " message beside it")
        .hasSize(1);
  }

  private void createSlot(String kind, String room, LocalDate day, String start, String minutes)
      throws Exception {
    new org.openqa.selenium.support.ui.Select(browser.id("one.roomId")).selectByVisibleText(room);
    browser.choose("one.kind", kind);
    browser.date("one.date", day.toString());
    ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("arguments[0].value = arguments[1];", browser.id("one.startTime"), start);
    browser.type("one.durationMinutes", minutes);
    if (kind.equals("HARVEST")) {
      browser.screenshot("scheduler-add-slot");
    }
    browser.click(By.id("create-slot"));
    browser.await(WAIT, d -> !d.findElements(By.cssSelector(".notice")).isEmpty());
  }

  private void chooseSlotOn(String select, LocalDate day) {
    WebElement option =
        browser.id(select).findElement(By.xpath(".//option[@data-date='" + day + "']"));
    new org.openqa.selenium.support.ui.Select(browser.id(select))
        .selectByValue(option.getAttribute("value"));
  }

  private String status() {
    return browser.id("referral-status").getAttribute("data-status");
  }

  private List<String> timeline() {
    return browser.driver().findElements(By.cssSelector("#timeline li")).stream()
        .map(entry -> entry.getAttribute("data-status"))
        .toList();
  }

  private void signIn(String role, String name, String npi) throws Exception {
    if (!signInShown) {
      browser.go("/signin");
      browser.screenshot("signin");
      signInShown = true;
    }
    browser.signIn(role, name, npi, WAIT);
  }

  private void signOut() {
    browser.signOut(WAIT);
  }

  private static String slot(
      String clinician, String room, String kind, LocalDate day, String start, int minutes) {
    return """
        {"clinicianId":"%s","roomId":"%s","kind":"%s","date":"%s","startTime":"%s","durationMinutes":%d}
        """
        .formatted(clinician, room, kind, day, start, minutes);
  }

  private static JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(scheduling.resolve(path))
                .header("Authorization", TestTokens.bearer(TestTokens.scheduler()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }
}
