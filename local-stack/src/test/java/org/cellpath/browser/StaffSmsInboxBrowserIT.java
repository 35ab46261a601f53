package org.cellpath.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.cellpath.localstack.CaughtSms;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.SmsCatcher;
import org.cellpath.localstack.TestReferral;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The staff's SMS inbox in Chromium, on the shared system: a patient's free-text reply, sent to the
 * webhook as the SMS provider would (signed), appears with the patient's name; a scheduler answers
 * it and the answer reaches the SMS catcher; STOP then START show in the consent history; HELP is
 * answered. The patient is one no other class seeds (Odalys Brightwater), and lives in a zone where
 * it is daytime now, so that the staff's answer is inside the sending window. Screenshots go to
 * {@code target/screenshots/}.
 */
@ExtendWith(SharedConsoleSystem.class)
class StaffSmsInboxBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SECRET = "local-only-sms-inbound-secret";

  private static String phone;
  private static URI notification;
  private static SmsCatcher sms;

  private Browser browser;

  @BeforeAll
  static void aPatientWhoAgreedToSms() throws Exception {
    ConsoleSystem system = SharedConsoleSystem.system();
    notification = system.baseUrl(CellPathService.NOTIFICATION);
    sms = system.sms();
    phone = "+1628555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    String referral =
        TestReferral.json(
                "Odalys", "Brightwater", phone, "odalys.brightwater@example.org", "en", true)
            .replace("America/Los_Angeles", daytimeZone().getId());
    HttpResponse<String> submitted =
        HTTP.send(
            HttpRequest.newBuilder(
                    system.baseUrl(CellPathService.REFERRAL).resolve("/api/referrals"))
                .header("Authorization", TestTokens.bearer(TestTokens.physician(TestTokens.NPI)))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(referral))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
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
  void aFreeTextReplyIsAnsweredFromTheInboxAndStopStartAndHelpShow() throws Exception {
    assertThat(sms.reply(notification, SECRET, phone, "Is there parking near the clinic?"))
        .isEqualTo(200);

    browser.signIn("SCHEDULER", "Sam Scheduler", null, WAIT);
    browser.go("/staff/sms-replies");
    WebElement reply = awaitReply("Is there parking near the clinic?", "Odalys Brightwater");
    browser.screenshot("staff-sms-inbox");

    String id = reply.getAttribute("data-reply-id");
    browser.type("answer-" + id, "Yes, free parking behind the building.");
    browser.await(WAIT, d -> d.findElement(By.id("count-" + id)).getText().startsWith("38 / 320"));
    browser.click(By.cssSelector("#reply-" + id + " button.answer"));
    browser.await(
        WAIT,
        d ->
            d.findElement(By.id("reply-" + id))
                .getText()
                .contains("Answered: Yes, free parking behind the building."));
    browser.screenshot("staff-sms-answered");
    awaitSms(text -> text.contains("Yes, free parking behind the building."));

    // STOP, then START: both in the number's consent history, shown with the next reply.
    assertThat(sms.reply(notification, SECRET, phone, "STOP")).isEqualTo(200);
    assertThat(sms.reply(notification, SECRET, phone, "START")).isEqualTo(200);
    awaitSms(text -> text.contains("SMS from us again"));
    assertThat(sms.reply(notification, SECRET, phone, "Thank you!")).isEqualTo(200);
    browser.phoneSized();
    browser.go("/staff/sms-replies");
    WebElement next = awaitReply("Thank you!", "Odalys Brightwater");
    next.findElement(By.cssSelector("details.consent summary")).click();
    List<String> consent =
        next.findElements(By.cssSelector("details.consent li")).stream()
            .map(item -> item.getAttribute("data-consent"))
            .toList();
    assertThat(consent).containsExactly("OPT_IN", "OPT_OUT", "OPT_BACK_IN");
    browser.screenshot("staff-sms-consent-phone");

    assertThat(sms.reply(notification, SECRET, phone, "help")).isEqualTo(200);
    awaitSms(text -> text.contains("for help call"));
  }

  private WebElement awaitReply(String text, String name) {
    return browser.awaitOnReload(
        WAIT,
        d ->
            d.findElements(By.cssSelector("article.sms-reply")).stream()
                .filter(li -> li.getText().contains(text) && li.getText().contains(name))
                .findFirst()
                .orElse(null));
  }

  private void awaitSms(java.util.function.Predicate<String> matching) {
    browser.await(
        WAIT,
        d ->
            sms.messages().stream()
                .filter(caught -> phone.equals(caught.to()))
                .map(CaughtSms::text)
                .anyMatch(matching));
  }

  /** A zone where it is between 10:00 and 18:00 now, so the staff's answer goes at once. */
  private static ZoneId daytimeZone() {
    for (String zone :
        List.of(
            "America/Los_Angeles",
            "America/New_York",
            "Europe/Madrid",
            "Asia/Kolkata",
            "Asia/Tokyo",
            "Pacific/Honolulu",
            "Australia/Sydney",
            "America/Sao_Paulo",
            "Asia/Dubai")) {
      int hour = ZonedDateTime.now(ZoneId.of(zone)).getHour();
      if (hour >= 10 && hour < 18) {
        return ZoneId.of(zone);
      }
    }
    return ZoneId.of("America/Los_Angeles");
  }
}
