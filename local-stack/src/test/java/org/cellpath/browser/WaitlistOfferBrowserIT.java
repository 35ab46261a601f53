package org.cellpath.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.ServiceProcess;
import org.cellpath.localstack.TestReferral;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
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
 * Waitlist offers in a phone-sized Chromium window over the shared system (docs/domain.md §8.3):
 * with the clinic's setting switched to offers, waitlisted patients get an offer by email; one
 * accepts it (English) and is booked, one declines it after "are you sure?" (Spanish) and keeps
 * their place, and one lets it run out (a one-minute hold, set first so that it runs out while the
 * other two answer) and reads that the offer ended. Each link is the one in the offer's email as
 * the mail catcher received it. Screenshots at 390x844 in {@code target/screenshots/}.
 *
 * <p>The system is shared: this class seeds its own clinician, site and slots on a weekday no other
 * class books, its patients come on that weekday only, spare pairs absorb another class's case that
 * might fit them, and the setting goes back to automatic booking after the class. It asserts on its
 * own patients only.
 */
@ExtendWith(SharedConsoleSystem.class)
class WaitlistOfferBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");
  private static final Pattern LINK = Pattern.compile("/p/([A-Za-z0-9_-]{94})(?![A-Za-z0-9_-])");
  private static final String SETTINGS = "/api/clinic/waitlist-settings";

  private static ServiceProcess console;
  private static URI referrals;
  private static URI scheduling;
  private static DayOfWeek weekday;
  private static LocalDate day;
  private static String clinician;
  private static String harvestRoom;
  private static String injectionRoom;
  private static String expiringEmail;
  private static String acceptingEmail;
  private static String decliningEmail;

  private Browser browser;

  @BeforeAll
  static void offersWithAOneMinuteHoldFirst() throws Exception {
    console = SharedConsoleSystem.system().console();
    referrals = SharedConsoleSystem.system().baseUrl(CellPathService.REFERRAL);
    scheduling = SharedConsoleSystem.system().baseUrl(CellPathService.SCHEDULING);
    // The other classes book on the 7th, 9th, 10th and 11th day from now and on
    // PatientSelfServiceBrowserIT's weekday from the 12th: a weekday none of them uses, weeks out.
    LocalDate today = LocalDate.now(CLINIC);
    Set<DayOfWeek> taken =
        EnumSet.of(
            today.plusDays(10).getDayOfWeek(),
            today.plusDays(11).getDayOfWeek(),
            DayOfWeek.SATURDAY,
            DayOfWeek.SUNDAY);
    LocalDate theirs = today.plusDays(12);
    while (taken.contains(theirs.getDayOfWeek())) {
      theirs = theirs.plusDays(1);
    }
    taken.add(theirs.getDayOfWeek());
    LocalDate mine = today.plusDays(22);
    while (taken.contains(mine.getDayOfWeek())) {
      mine = mine.plusDays(1);
    }
    day = mine;
    weekday = mine.getDayOfWeek();
    clinician =
        post(scheduling, "/api/clinicians", "{\"name\":\"Dr. Wanda Offerly\"}")
            .get("id")
            .asString();
    String site =
        post(
                scheduling,
                "/api/sites",
                """
                {"name":"Waitlist Offer Clinic","address":"9 Offer Lane, Oakland","timeZone":"America/Los_Angeles"}
                """)
            .get("id")
            .asString();
    harvestRoom =
        post(scheduling, "/api/sites/" + site + "/rooms", "{\"name\":\"Offer room A\"}")
            .get("id")
            .asString();
    injectionRoom =
        post(scheduling, "/api/sites/" + site + "/rooms", "{\"name\":\"Offer room B\"}")
            .get("id")
            .asString();

    // The expiring offer first, with a one-minute hold: it runs out while the others answer.
    settings("OFFERS", "PT1M");
    expiringEmail = waitlisted("Evelyn", "Offerexpiry", "en");
    pair("07:00", "08:15");
    awaitOfferTo(expiringEmail);
    settings("OFFERS", "PT4H");
    acceptingEmail = waitlisted("Rowan", "Offeraccept", "en");
    decliningEmail = waitlisted("Lucía", "Ofertarechazo", "es");
    // Two pairs for these two, and spares: the expired case (older) is offered again, and another
    // class's waiting case may fit.
    pair("09:00", "10:15");
    pair("11:00", "12:15");
    pair("13:00", "14:15");
    pair("15:00", "16:15");
    pair("17:00", "18:15");
  }

  @AfterAll
  static void backToAutomaticBooking() throws Exception {
    settings("AUTOMATIC", "PT4H");
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
  void anEnglishPatientAcceptsTheOfferAndIsBooked() throws Exception {
    String token = awaitOfferTo(acceptingEmail);

    browser.go("/p/" + token);
    assertThat(text("h1")).isEqualTo("Hello, Rowan");
    assertThat(text(".hold")).startsWith("Held for you until ");
    assertThat(text(".appointment .with")).isEqualTo("With Dr. Wanda Offerly");
    assertNoHorizontalScroll();
    browser.screenshot("offer-en-open");

    browser.click(By.cssSelector("form[action*='/offer/accept'] button"));
    assertThat(text(".notice")).isEqualTo("Thank you. Your appointments are booked.");
    assertThat(text(".state")).isEqualTo("These appointments are booked for you.");
    browser.screenshot("offer-en-accepted");
    await()
        .atMost(WAIT)
        .until(
            () ->
                SharedConsoleSystem.system().mail().messages().stream()
                    .anyMatch(
                        mail ->
                            mail.to().contains(acceptingEmail)
                                && mail.subject().contains("are booked")));
  }

  @Test
  void aSpanishPatientDeclinesTheOfferAfterAreYouSureAndKeepsTheirPlace() throws Exception {
    String token = awaitOfferTo(decliningEmail);

    browser.go("/p/" + token);
    assertThat(text("h1")).isEqualTo("Hola, Lucía");
    assertThat(text(".hold")).startsWith("Reservadas para usted hasta el ");
    assertNoHorizontalScroll();
    browser.screenshot("oferta-es-abierta");

    browser.click(By.cssSelector("form[action*='/offer/decline'] button"));
    assertThat(text("h1")).isEqualTo("¿Está seguro?");
    browser.screenshot("oferta-es-esta-seguro");
    browser.click(By.cssSelector("form button.danger"));
    assertThat(text(".notice"))
        .isEqualTo("Ha rechazado estas citas. Conserva su lugar en la lista de espera.");
    assertNoHorizontalScroll();
    browser.screenshot("oferta-es-rechazada");
  }

  @Test
  void anOfferNotAnsweredInItsHoldSaysItEndedAndThePatientKeepsTheirPlace() throws Exception {
    String token = awaitOfferTo(expiringEmail);

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              browser.go("/p/" + token);
              return !browser.driver().findElements(By.cssSelector("h2.ended")).isEmpty();
            });
    assertThat(text("h2.ended")).isEqualTo("This offer has ended");
    assertThat(text("main")).contains("You keep your place on the waiting list");
    assertThat(browser.driver().findElements(By.cssSelector("form[action*='/offer/']"))).isEmpty();
    assertNoHorizontalScroll();
    browser.screenshot("offer-en-ended");
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

  /** The link in the first email to the patient that carries one: the offer's. */
  private static String awaitOfferTo(String email) {
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

  /** A referral through the API, approved by a reviewer, its case waiting: no slot fits it yet. */
  private static String waitlisted(String given, String family, String language) throws Exception {
    String email = "offer-" + UUID.randomUUID() + "@example.org";
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
    await()
        .atMost(WAIT)
        .until(
            () -> caseStatus(referralId),
            status -> "WAITLISTED".equals(status) || "OFFERED".equals(status));
    return email;
  }

  private static String caseStatus(String referralId) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(scheduling.resolve("/api/scheduling-cases/" + referralId))
                .header("Authorization", TestTokens.bearer(TestTokens.scheduler()))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200
        ? JSON.readTree(response.body()).get("status").asString()
        : null;
  }

  private static void settings(String mode, String hold) throws Exception {
    send(
        scheduling,
        TestTokens.scheduler(),
        "PUT",
        SETTINGS,
        "{\"mode\":\"" + mode + "\",\"offerHold\":\"" + hold + "\"}");
  }

  /**
   * A harvest and an injection on this class's day, in its rooms: the injection 30 minutes after
   * the 45-minute harvest ends, as bone marrow's rules ask.
   */
  private static void pair(String harvestAt, String injectionAt) throws Exception {
    slot(harvestRoom, "HARVEST", harvestAt, 45);
    slot(injectionRoom, "INJECTION", injectionAt, 30);
  }

  private static void slot(String room, String kind, String start, int minutes) throws Exception {
    post(
        scheduling,
        "/api/slots",
        """
        {"clinicianId":"%s","roomId":"%s","kind":"%s","date":"%s","startTime":"%s","durationMinutes":%d}
        """
            .formatted(clinician, room, kind, day, start, minutes));
  }

  private static JsonNode post(URI service, String path, String body) throws Exception {
    return send(service, TestTokens.scheduler(), "POST", path, body);
  }

  private static JsonNode post(URI service, String token, String path, String body)
      throws Exception {
    return send(service, token, "POST", path, body);
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
