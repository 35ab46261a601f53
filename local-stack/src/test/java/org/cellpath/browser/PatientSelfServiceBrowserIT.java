package org.cellpath.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.ServiceProcess;
import org.cellpath.localstack.TestReferral;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A patient's own pages in a phone-sized Chromium window over the shared system: a referral made
 * through the referral API and approved by a reviewer is booked; the patient opens their link,
 * confirms, and moves the pair to an offered time (English); a second patient cancels with a reason
 * after "are you sure?" (Spanish); a forged and an expired link show the kind page with the
 * clinic's phone. Each patient's link is the one in their booking confirmation, as the mail catcher
 * received it; only the expired link is made here, with {@code PatientLinks.local(...)} (the
 * services run with the local development key), since none in a message has expired yet. Every step
 * is saved to {@code target/screenshots/} at 390x844.
 *
 * <p>The system is shared with the other browser classes: this one seeds its own clinician, site
 * and slots, on a weekday no other class uses, and its patients can come on that weekday only, so
 * that neither takes the others' slots; it asserts on its own patients only.
 */
@ExtendWith(SharedConsoleSystem.class)
class PatientSelfServiceBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");
  private static final PatientLinks LINKS = PatientLinks.local(Clock.systemUTC());

  /** A patient link in a message: the console's address, then {@code /p/} and the token. */
  private static final Pattern LINK = Pattern.compile("/p/([A-Za-z0-9_-]{94})(?![A-Za-z0-9_-])");

  /** Each test patient's email address, by referral id. */
  private static final Map<String, String> EMAILS = new ConcurrentHashMap<>();

  private static ServiceProcess console;
  private static URI referrals;
  private static URI scheduling;
  private static DayOfWeek weekday;
  private static LocalDate firstDay;

  private Browser browser;

  @BeforeAll
  static void seedTheClinic() throws Exception {
    console = SharedConsoleSystem.system().console();
    referrals = SharedConsoleSystem.system().baseUrl(CellPathService.REFERRAL);
    scheduling = SharedConsoleSystem.system().baseUrl(CellPathService.SCHEDULING);
    // WebConsoleBrowserIT books on the 10th and 11th day from now: a weekday other than theirs.
    LocalDate today = LocalDate.now(CLINIC);
    Set<DayOfWeek> taken =
        EnumSet.of(today.plusDays(10).getDayOfWeek(), today.plusDays(11).getDayOfWeek());
    LocalDate day = today.plusDays(12);
    while (taken.contains(day.getDayOfWeek())
        || day.getDayOfWeek() == DayOfWeek.SATURDAY
        || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    firstDay = day;
    weekday = day.getDayOfWeek();
    String clinician =
        post(scheduling, scheduler(), "/api/clinicians", "{\"name\":\"Dr. Selene Okafor\"}")
            .get("id")
            .asString();
    String site =
        post(
                scheduling,
                scheduler(),
                "/api/sites",
                """
                {"name":"Harbor Self-Service Clinic","address":"200 Pier Ave, San Francisco","timeZone":"America/Los_Angeles"}
                """)
            .get("id")
            .asString();
    String harvestRoom =
        post(scheduling, scheduler(), "/api/sites/" + site + "/rooms", "{\"name\":\"Room A\"}")
            .get("id")
            .asString();
    String injectionRoom =
        post(scheduling, scheduler(), "/api/sites/" + site + "/rooms", "{\"name\":\"Room B\"}")
            .get("id")
            .asString();
    for (LocalDate d : new LocalDate[] {firstDay, firstDay.plusWeeks(1)}) {
      slot(clinician, harvestRoom, "HARVEST", d, "08:00", 45);
      slot(clinician, injectionRoom, "INJECTION", d, "09:15", 30);
      slot(clinician, harvestRoom, "HARVEST", d, "13:00", 45);
      slot(clinician, injectionRoom, "INJECTION", d, "14:15", 30);
    }
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
  void anEnglishPatientOpensTheirLinkConfirmsAndMovesToAnOfferedTime() throws Exception {
    JsonNode pair = bookedPairOf("Rosalind", "Selfservicetest", "en");
    String token = linkTo(pair);

    browser.go("/p/" + token);
    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
        .isEqualTo("Hello, Rosalind");
    assertThat(text(".preparation .nsaids")).startsWith("Stop anti-inflammatory pain relievers");
    assertThat(text(".state")).isEqualTo("Please tell us whether you will come.");
    assertNoHorizontalScroll();
    browser.screenshot("patient-en-appointments");

    browser.click(By.cssSelector("form[action*='/confirm'] button"));
    assertThat(text(".notice")).isEqualTo("Thank you. We have noted that you will come.");
    assertThat(text(".state")).isEqualTo("Thank you: you confirmed that you will come.");
    browser.screenshot("patient-en-confirmed");

    browser.click(By.linkText("Choose another time"));
    assertThat(browser.driver().findElements(By.cssSelector("label.choice"))).isNotEmpty();
    assertNoHorizontalScroll();
    browser.screenshot("patient-en-choose-another-time");
    browser.click(By.cssSelector("label.choice"));
    browser.click(By.cssSelector("form button.primary"));
    assertThat(text(".notice")).isEqualTo("Your appointments have moved. These are the new times.");
    assertThat(text(".state")).isEqualTo("Please tell us whether you will come.");
    browser.screenshot("patient-en-moved");

    JsonNode moved = pairOf(pair.get("referralId").asString());
    assertThat(moved.get("sequence").asInt()).isEqualTo(1);
    assertThat(moved.get("appointments").get(0).get("slotId").asString())
        .isNotEqualTo(pair.get("appointments").get(0).get("slotId").asString());
  }

  @Test
  void aSpanishPatientCancelsWithAReasonAndLinksThatOpenNothingShowTheKindPage() throws Exception {
    JsonNode pair = bookedPairOf("Marisol", "Cancelaprueba", "es");
    String token = linkTo(pair);

    browser.go("/p/" + token);
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Hola, Marisol");
    assertThat(text(".preparation .nsaids")).startsWith("Deje de tomar analgésicos");
    assertNoHorizontalScroll();
    browser.screenshot("patient-es-citas");

    browser.click(By.linkText("Cancelar mis citas"));
    browser.click(By.xpath("//input[@name='reason' and @value='TRAVEL_OR_TRANSPORT']"));
    browser.type("note", "No tengo transporte ese día");
    browser.screenshot("patient-es-cancelar-motivo");
    browser.click(By.cssSelector("form button.danger"));
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("¿Está seguro?");
    browser.screenshot("patient-es-esta-seguro");
    browser.click(By.cssSelector("form button.danger"));
    assertThat(text(".notice"))
        .isEqualTo("Sus citas están canceladas. La clínica se comunicará con usted.");
    assertThat(text(".state")).isEqualTo("Estas citas están canceladas.");
    browser.screenshot("patient-es-canceladas");
    assertThat(pairOf(pair.get("referralId").asString()).get("status").asString())
        .isEqualTo("CANCELLED");

    char changed = token.charAt(50) == 'A' ? 'B' : 'A';
    browser.go("/p/" + token.substring(0, 50) + changed + token.substring(51) + "?lang=en");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
        .isEqualTo("This link does not work");
    assertThat(text("a.phone")).contains("Call");
    browser.screenshot("patient-link-forged");
    String expired =
        LINKS.issue(
            new LinkGrant(
                LinkPurpose.APPOINTMENTS,
                UUID.fromString(pair.get("id").asString()),
                UUID.fromString(pair.get("referralId").asString()),
                Instant.now().minusSeconds(60)));
    browser.go("/p/" + expired + "?lang=es");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
        .isEqualTo("Este enlace venció");
    browser.screenshot("patient-link-expired-es");
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

  /** A referral through the API, approved by a reviewer, and the pair booked for it. */
  private static JsonNode bookedPairOf(String given, String family, String language)
      throws Exception {
    String email = "patient-" + UUID.randomUUID() + "@example.org";
    String body =
        TestReferral.json(
                given,
                family,
                "+1415555" + (1000 + (int) (Math.random() * 8999)),
                email,
                language,
                false)
            .replace(
                "\"selfPayAcknowledged\":true",
                "\"selfPayAcknowledged\":true,\"schedulingPreferences\":{\"weekdays\":[\""
                    + weekday
                    + "\"],\"dayParts\":[]}");
    String referralId =
        post(referrals, TestTokens.physician(TestTokens.NPI), "/api/referrals", body)
            .get("id")
            .asString();
    EMAILS.put(referralId, email);
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
    post(
        referrals,
        TestTokens.reviewer(),
        "/api/reviews/" + reviewId + "/approval",
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}");
    return await().atMost(WAIT).until(() -> pairOf(referralId), pair -> pair != null);
  }

  private static JsonNode pairOf(String referralId) throws Exception {
    JsonNode pairs =
        get(scheduling, scheduler(), "/api/appointment-pairs?referralId=" + referralId);
    return pairs.isEmpty() ? null : pairs.get(pairs.size() - 1);
  }

  /** The link in the patient's booking confirmation, as the mail catcher received it. */
  private static String linkTo(JsonNode pair) {
    String email = EMAILS.get(pair.get("referralId").asString());
    return await()
        .atMost(WAIT)
        .until(
            () ->
                SharedConsoleSystem.system().mail().messages().stream()
                    .filter(mail -> mail.to().contains(email))
                    .map(mail -> LINK.matcher(mail.text()))
                    .filter(Matcher::find)
                    .map(found -> found.group(1))
                    .findFirst()
                    .orElse(null),
            token -> token != null);
  }

  private static void slot(
      String clinician, String room, String kind, LocalDate day, String start, int minutes)
      throws Exception {
    post(
        scheduling,
        scheduler(),
        "/api/slots",
        """
        {"clinicianId":"%s","roomId":"%s","kind":"%s","date":"%s","startTime":"%s","durationMinutes":%d}
        """
            .formatted(clinician, room, kind, day, start, minutes));
  }

  private static String scheduler() {
    return TestTokens.scheduler();
  }

  private static JsonNode post(URI service, String token, String path, String body)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", TestTokens.bearer(token))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
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
