package org.cellpath.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.cellpath.localstack.OidcSignIn;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.ServiceProcess;
import org.cellpath.localstack.WebConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The web console's identity-provider sign-in ({@code CONSOLE_SIGN_IN=oidc}) end to end, as
 * docker-compose runs it but without Docker: a real Keycloak (Maven Central's distribution,
 * docker-compose's realm), the three services taking Keycloak's tokens, the console as a
 * confidential client, and headless Chromium typing passwords into Keycloak's own login page. A
 * physician submits a referral and sees it; a reviewer approves it; a scheduler sees it on the
 * waitlist: each page's data came from a service that accepted the Keycloak-issued token the
 * console relayed. Each role is shown the 403 page on another role's page. Signing out ends the
 * Keycloak session too: the next sign-in asks for the password again. Each page is saved to {@code
 * target/screenshots/}.
 *
 * <p>The build unpacks Keycloak before the integration tests; the test skips, saying why, where no
 * Java 21 or later or no unpacked distribution is found.
 */
class KeycloakSignInBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /**
   * A first start builds Keycloak's optimized server (40-75 s) before it starts (30 s and more on 2
   * busy cores).
   */
  private static final Duration KEYCLOAK_START = Duration.ofMinutes(6);

  /** Four JVMs and Keycloak starting at once on 2 cores take longer than the services alone. */
  private static final Duration SERVICES_START = Duration.ofMinutes(4);

  private static final Path SCREENSHOTS = RepoRoot.find().resolve("local-stack/target/screenshots");
  private static final String LOGS = "keycloak-logs";

  /** Patient values that must never reach the console's log or a URL. */
  private static final String GIVEN = "Oriabel";

  private static final String FAMILY = "Quillkeycloak";
  private static final String PHONE = "+14155550177";
  private static final String BIRTH = "1968-08-18";

  /** Why the test cannot run on this machine, if it cannot. */
  private static Optional<String> missing = Optional.empty();

  private static KeycloakServer keycloak;
  private static ConsoleSystem system;
  private static ServiceProcess console;

  private Browser browser;

  @BeforeAll
  static void startKeycloakAndTheSystem() {
    missing =
        Browser.installed()
            ? KeycloakServer.unavailable()
            : Optional.of(
                "Chromium and chromedriver are needed for the browser tests: "
                    + Browser.INSTALL_HINT);
    if (missing.isPresent()) {
      return;
    }
    keycloak =
        KeycloakServer.start(
            RepoRoot.find().resolve("local-stack/target").resolve(LOGS).resolve("keycloak.log"));
    OidcSignIn signIn = keycloak.consoleSignIn();
    // The services and the console start while Keycloak does: they fetch its keys when the first
    // token comes.
    system =
        ConsoleSystem.start(
            LOGS,
            signIn.jwkSetUri().toString(),
            signIn.issuer(),
            SERVICES_START,
            (repoRoot, port, referral, scheduling, notification) ->
                WebConsole.oidcSpec(repoRoot, port, referral, scheduling, notification, signIn));
    console = system.console();
    keycloak.awaitReady(KEYCLOAK_START);
  }

  @AfterAll
  static void stopEverything() {
    if (system != null) {
      system.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @BeforeEach
  void openTheBrowser() throws Exception {
    // Skipped per test, not for the class, so that the report says why.
    assumeTrue(missing.isEmpty(), () -> missing.orElseThrow());
    browser = Browser.open(console.baseUrl().toString(), SCREENSHOTS);
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void
      eachPersonSignsInAtKeycloakWorksWithTheServicesOnItsTokenAndSigningOutEndsTheKeycloakSession()
          throws Exception {
    // The physician signs in at Keycloak's login page, submits a referral through the form and sees
    // it listed.
    browser.go("/");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/signin");
    browser.screenshot("oidc-console-signin");
    browser.click(By.id("signin-oidc"));
    signInAtKeycloak("physician", "demo-physician", "/physician/referrals", true);
    browser.go("/physician/referrals/new");
    ConsoleForms.fillALikelyEligibleReferral(browser, GIVEN, FAMILY, BIRTH, PHONE);
    assertThat(browser.id("physician.npi").getAttribute("value"))
        .as("the NPI of Keycloak's token")
        .isEqualTo("1234567893");
    browser.click(By.id("submit-referral"));
    String referralId =
        browser.await(
            WAIT,
            d ->
                d.getCurrentUrl().matches(".*/physician/referrals/[0-9a-f-]{36}$")
                    ? d.getCurrentUrl().substring(d.getCurrentUrl().lastIndexOf('/') + 1)
                    : null);
    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
        .contains(GIVEN + " " + FAMILY);
    browser.awaitOnReload(
        WAIT,
        d -> "UNDER_REVIEW".equals(browser.id("referral-status").getAttribute("data-status")));
    browser.screenshot("oidc-physician-referral");
    browser.go("/physician/referrals");
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("tr[data-referral-id='" + referralId + "']")))
        .hasSize(1);
    browser.screenshot("oidc-physician-referrals");
    assertNotYourPage("/reviewer/reviews", "oidc-physician-forbidden");

    // Signing out ends the Keycloak session as well: the sign-in that follows asks for the
    // password.
    signOut();
    browser.go("/physician/referrals");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/signin");
    browser.click(By.id("signin-oidc"));
    browser.await(
        WAIT, d -> onKeycloak(d) || d.getCurrentUrl().startsWith(console.baseUrl() + "/physician"));
    assertThat(browser.driver().getCurrentUrl())
        .as("after sign-out Keycloak asks for the password again")
        .startsWith(keycloak.publicUrl() + "/realms/" + KeycloakServer.REALM + "/");
    assertThat(browser.id("password").isDisplayed()).isTrue();
    browser.screenshot("oidc-keycloak-signin-after-signout");

    // The reviewer finds the referral in the queue by the patient's name and approves it.
    signInAtKeycloak("reviewer", "demo-reviewer", "/reviewer/reviews", false);
    browser.awaitOnReload(
        WAIT,
        d ->
            !d.findElements(By.cssSelector("#queue tr[data-referral-id='" + referralId + "']"))
                .isEmpty());
    browser.screenshot("oidc-reviewer-queue");
    browser
        .driver()
        .findElement(By.cssSelector("#queue tr[data-referral-id='" + referralId + "']"))
        .findElement(By.linkText(GIVEN + " " + FAMILY))
        .click();
    browser.type("injectionSite", "Left Achilles insertion");
    browser.click(By.id("approve"));
    browser.await(
        WAIT, d -> d.findElement(By.cssSelector(".notice")).getText().contains("approved"));
    browser.screenshot("oidc-reviewer-approved");
    assertNotYourPage("/physician/referrals", "oidc-reviewer-forbidden");
    signOut();

    // The scheduler sees the approved case waiting for slots (the clinic has none yet).
    browser.click(By.id("signin-oidc"));
    signInAtKeycloak("scheduler", "demo-scheduler", "/scheduler/calendar", true);
    browser.go("/scheduler/waitlist");
    browser.awaitOnReload(
        WAIT,
        d ->
            d.findElements(By.cssSelector("#waitlist code")).stream()
                .anyMatch(id -> id.getText().equals(referralId)));
    browser.screenshot("oidc-scheduler-waitlist");
    assertNotYourPage("/reviewer/reviews", "oidc-scheduler-forbidden");
    signOut();

    assertThat(browser.visited())
        .allSatisfy(url -> assertThat(url).doesNotContain(GIVEN, FAMILY, "4155550177", BIRTH));
    assertThat(Files.readString(console.logFile()))
        .doesNotContain(GIVEN, FAMILY, PHONE, BIRTH, "4155550177");
  }

  /**
   * On Keycloak's login page (the browser was sent there by the console), types the user's name and
   * password and expects to land on the role's first console page, signed in as that user.
   */
  private void signInAtKeycloak(String username, String password, String home, boolean screenshot)
      throws Exception {
    browser.await(WAIT, KeycloakSignInBrowserIT::onKeycloak);
    assertThat(browser.driver().getCurrentUrl())
        .startsWith(
            keycloak.publicUrl()
                + "/realms/"
                + KeycloakServer.REALM
                + "/protocol/openid-connect/auth");
    browser.type("username", username);
    browser.type("password", password);
    if (screenshot) {
      browser.screenshot("oidc-keycloak-signin-" + username);
    }
    browser.click(By.id("kc-login"));
    browser.await(WAIT, d -> d.getCurrentUrl().equals(console.baseUrl() + home));
    assertThat(browser.driver().findElement(By.cssSelector(".signout")).getText())
        .contains(username);
  }

  /** Keycloak's login form is showing. */
  private static boolean onKeycloak(WebDriver driver) {
    return driver.getCurrentUrl().startsWith(keycloak.publicUrl().toString())
        && !driver.findElements(By.id("password")).isEmpty();
  }

  private void assertNotYourPage(String path, String screenshot) throws Exception {
    browser.go(path);
    WebElement heading = browser.driver().findElement(By.tagName("h1"));
    assertThat(heading.getText()).as(path).isEqualTo("Not your page");
    browser.screenshot(screenshot);
  }

  /** Signs out and waits until Keycloak has sent the browser back to the console's sign-in page. */
  private void signOut() {
    browser.click(By.cssSelector(".signout button"));
    browser.await(WAIT, d -> d.getCurrentUrl().equals(console.baseUrl() + "/signin?signedOut"));
    assertThat(browser.driver().findElement(By.cssSelector(".notice")).getText())
        .isEqualTo("You are signed out.");
  }
}
