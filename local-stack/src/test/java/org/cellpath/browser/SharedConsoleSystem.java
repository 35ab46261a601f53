package org.cellpath.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.cellpath.infra.DevTokenIssuer;
import org.cellpath.localstack.ServiceLauncher;
import org.cellpath.localstack.WebConsole;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One system (three services, the console with the development token issuer, a mail and an SMS
 * catcher) for every browser test class that signs in without Keycloak: started by the first class
 * that needs it, stopped when the test run ends. Starting it takes about a minute of the two cores;
 * once per run instead of once per class. Each class seeds its own clinicians and patients, named
 * so that no other class's data can be mistaken for its own.
 */
final class SharedConsoleSystem implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedConsoleSystem.class);

  private static ConsoleSystem system;

  @Override
  public void beforeAll(ExtensionContext context) {
    assumeTrue(
        Browser.installed(),
        "Chromium and chromedriver are needed for the browser tests: "
            + Browser.INSTALL_HINT
            + " (.ci/run installs them)");
    system =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(ConsoleSystem.class, type -> start(), ConsoleSystem.class);
  }

  /** The running system; only after {@link #beforeAll}, that is in a class extended with this. */
  static ConsoleSystem system() {
    if (system == null) {
      throw new IllegalStateException("@ExtendWith(SharedConsoleSystem.class) is missing");
    }
    return system;
  }

  private static ConsoleSystem start() {
    return ConsoleSystem.start(
        "browser-logs",
        TestTokens.issuer().jwkSetUri(),
        DevTokenIssuer.ISSUER,
        ServiceLauncher.DEFAULT_READINESS_TIMEOUT,
        (repoRoot, port, referral, scheduling, notification) ->
            WebConsole.spec(
                repoRoot,
                port,
                referral,
                scheduling,
                notification,
                WebConsole.issuerUrl(TestTokens.issuer())));
  }
}
