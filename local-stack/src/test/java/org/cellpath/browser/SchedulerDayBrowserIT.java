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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.TestReferral;
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
 * The scheduler's day over the shared system, in Chromium: the calendar opens on today; the day of
 * a booked pair shows the patient's name in the clinician's column at the harvest's time; a search
 * by family name and by the 8-character short id finds the case; the list of pairs to confirm names
 * the patient with their phone; the calendar reopens in the view and columns chosen last. Two
 * clinicians of this class's own, with slots today (which nobody can book: the NSAID pause) and on
 * the first bookable day, where the approved referral is booked.
 */
@ExtendWith(SharedConsoleSystem.class)
class SchedulerDayBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");

  private static final String GIVEN = "Odalys";
  private static final String FAMILY = "Fernsworth-Dayview";
  private static final String PHONE = "+14155550166";

  private static URI scheduling;
  private static URI referrals;
  private static LocalDate today;
  private static String ines;
  private static String omar;
  private static String referralId;
  private static JsonNode harvest;

  private Browser browser;

  @BeforeAll
  static void seedTheClinicAndBookACase() throws Exception {
    ConsoleSystem system = SharedConsoleSystem.system();
    scheduling = system.baseUrl(CellPathService.SCHEDULING);
    referrals = system.baseUrl(CellPathService.REFERRAL);
    today = LocalDate.now(CLINIC);
    // The first day an approval made today can book: after the 7-day NSAID pause. Early in the
    // morning, so that this class's case takes these slots before any other class's later ones.
    LocalDate bookable = today.plusDays(7);
    ines = post(scheduling, "/api/clinicians", "{\"name\":\"Dr. Ines Dayview\"}", scheduler());
    omar = post(scheduling, "/api/clinicians", "{\"name\":\"Dr. Omar Gridline\"}", scheduler());
    String site =
        post(
            scheduling,
            "/api/sites",
            """
            {"name":"Dayview Clinic %s","address":"7 Grid Lane, San Francisco","timeZone":"America/Los_Angeles"}
            """
                .formatted(UUID.randomUUID()),
            scheduler());
    String procedure = room(site, "Dayview procedure room");
    String injection = room(site, "Dayview injection room");
    String gridline = room(site, "Gridline room");
    // Today: shown when the calendar opens, bookable by no one.
    slot(ines, procedure, "HARVEST", today, "13:00", 45);
    slot(omar, gridline, "HARVEST", today, "14:00", 45);
    // Dr. Gridline's slots on the booking day are blocked: no case of another class takes them.
    block(slot(omar, gridline, "HARVEST", bookable, "07:30", 45));
    block(slot(omar, gridline, "INJECTION", bookable, "09:00", 30));
    slot(ines, procedure, "HARVEST", bookable, "07:00", 45);
    slot(ines, injection, "INJECTION", bookable, "08:15", 30);

    referralId =
        post(
            referrals,
            "/api/referrals",
            TestReferral.json(GIVEN, FAMILY, PHONE, "odalys.dayview@example.org", "es", false),
            TestTokens.physician(TestTokens.NPI));
    String reviewId =
        await(
            () ->
                stream(get(referrals, "/api/reviews?limit=500", TestTokens.reviewer()))
                    .filter(review -> review.get("referralId").asString().equals(referralId))
                    .map(review -> review.get("id").asString())
                    .findFirst()
                    .orElse(null));
    post(
        referrals,
        "/api/reviews/" + reviewId + "/approval",
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}",
        TestTokens.reviewer());
    JsonNode pair =
        await(
            () ->
                stream(
                        get(
                            scheduling,
                            "/api/appointment-pairs?referralId=" + referralId,
                            scheduler()))
                    .filter(found -> "BOOKED".equals(found.get("status").asString()))
                    .findFirst()
                    .orElse(null));
    harvest = pair.get("appointments").get(0);
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
  void theSchedulerSeesWhomTheyBookFindsThemAndCallsThoseNotConfirmed() throws Exception {
    browser.signIn("SCHEDULER", "Sandra Dayview", null, WAIT);

    // The calendar opens on this week; the day view on today.
    browser.go("/scheduler/calendar");
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("#week-grid section[data-date='" + today + "']")))
        .hasSize(1);
    browser.click(By.id("day-view"));
    assertThat(browser.id("day-shown").getAttribute("data-date")).isEqualTo(today.toString());
    assertThat(columnIds()).contains(ines, omar);
    browser.screenshot("scheduler-day-today");

    // The day of the pair: the patient's name in the harvest's clinician's column at its time.
    String pairDay = harvest.get("date").asString();
    browser.date("day", pairDay);
    browser.click(By.cssSelector("#day-form button[type=submit]"));
    browser.await(WAIT, d -> pairDay.equals(browser.id("day-shown").getAttribute("data-date")));
    WebElement booked =
        browser
            .driver()
            .findElement(
                By.cssSelector(
                    "#day-grid td[data-slot-id='" + harvest.get("slotId").asString() + "']"));
    assertThat(booked.getAttribute("data-column-id"))
        .isEqualTo(harvest.get("clinician").get("id").asString());
    assertThat(booked.getAttribute("data-start"))
        .isEqualTo(harvest.get("startTime").asString().substring(0, 5));
    assertThat(booked.findElement(By.cssSelector(".patient-name")).getText())
        .isEqualTo(GIVEN + " " + FAMILY);
    assertThat(booked.getText()).contains(PHONE, "Spanish");
    browser.screenshot("scheduler-day-booked");
    browser.phoneSized();
    browser.screenshot("scheduler-day-booked-phone");
    browser.resize(768, 1024);
    browser.screenshot("scheduler-day-booked-tablet");
    browser.resize(1366, 900);

    // The week of the harvest's clinician names the patient beside each booked slot.
    browser.go(
        "/scheduler/calendar?view=week&week="
            + pairDay
            + "&show=clinician:"
            + harvest.get("clinician").get("id").asString());
    assertThat(
            browser
                .driver()
                .findElement(
                    By.cssSelector(
                        "#week-grid li[data-slot-id='" + harvest.get("slotId").asString() + "']"))
                .getText())
        .contains(GIVEN + " " + FAMILY, PHONE);
    browser.screenshot("scheduler-week-names");

    // The search, by family name and by the short id the review queue shows.
    browser.go("/scheduler/search");
    browser.type("query", "fernsworth");
    browser.click(By.id("search"));
    assertThat(foundRow().getText()).contains(GIVEN + " " + FAMILY, PHONE);
    browser.screenshot("scheduler-search-name");
    browser.type("query", referralId.substring(0, 8));
    browser.click(By.id("search"));
    assertThat(foundRow().findElement(By.cssSelector("code.short-id")).getText())
        .isEqualTo(referralId.substring(0, 8));
    browser.phoneSized();
    browser.screenshot("scheduler-search-phone");
    browser.resize(1366, 900);

    // The pairs to confirm by phone: two weeks ahead, as the pair is a week away.
    browser.go("/scheduler/unconfirmed");
    browser.click(By.id("within-336"));
    WebElement toCall =
        browser
            .driver()
            .findElement(By.cssSelector("#unconfirmed tr[data-referral-id='" + referralId + "']"));
    assertThat(toCall.getText()).contains(GIVEN + " " + FAMILY, PHONE, "Never confirmed");
    browser.screenshot("scheduler-unconfirmed");
    browser.phoneSized();
    browser.screenshot("scheduler-unconfirmed-phone");
    browser.resize(1366, 900);

    // Rooms side by side; the next visit opens today's day view with rooms again.
    browser.go("/scheduler/calendar?view=day&day=" + pairDay);
    browser.click(By.id("by-room"));
    browser.click(By.cssSelector("#day-form button[type=submit]"));
    browser.go("/scheduler/waitlist");
    browser.go("/scheduler/calendar");
    assertThat(browser.id("day-shown").getAttribute("data-date")).isEqualTo(today.toString());
    assertThat(browser.id("by-room").isSelected()).isTrue();
    browser.screenshot("scheduler-day-rooms-remembered");

    assertThat(browser.visited())
        .allSatisfy(
            url ->
                assertThat(url.toLowerCase()).doesNotContain("fernsworth", "odalys", "4155550166"));
  }

  private java.util.List<String> columnIds() {
    return browser
        .driver()
        .findElements(By.cssSelector("#day-grid thead th[data-column-id]"))
        .stream()
        .map(column -> column.getAttribute("data-column-id"))
        .toList();
  }

  private WebElement foundRow() {
    return browser.await(
        WAIT,
        d ->
            d
                .findElements(
                    By.cssSelector("#search-results tr[data-referral-id='" + referralId + "']"))
                .stream()
                .findFirst()
                .orElse(null));
  }

  private static String scheduler() {
    return TestTokens.scheduler();
  }

  private static String room(String site, String name) throws Exception {
    return post(
        scheduling, "/api/sites/" + site + "/rooms", "{\"name\":\"" + name + "\"}", scheduler());
  }

  private static String slot(
      String clinician, String room, String kind, LocalDate day, String start, int minutes)
      throws Exception {
    return post(
        scheduling,
        "/api/slots",
        """
        {"clinicianId":"%s","roomId":"%s","kind":"%s","date":"%s","startTime":"%s","durationMinutes":%d}
        """
            .formatted(clinician, room, kind, day, start, minutes),
        scheduler());
  }

  private static void block(String slot) throws Exception {
    send(scheduling, "/api/slots/" + slot + "/block", "", scheduler());
  }

  /** Posts and answers the created record's id. */
  private static String post(URI service, String path, String body, String token) throws Exception {
    return send(service, path, body, token).get("id").asString();
  }

  private static JsonNode send(URI service, String path, String body, String token)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", TestTokens.bearer(token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static JsonNode get(URI service, String path, String token) throws Exception {
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

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  /** Waits until the look-up answers something (the services work through events). */
  private static <T> T await(Callable<T> lookup) {
    return Awaitility.await().atMost(WAIT).until(lookup, java.util.Objects::nonNull);
  }
}
