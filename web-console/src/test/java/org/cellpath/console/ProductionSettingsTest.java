package org.cellpath.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.cellpath.settings.StartAttempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The web console started for real outside the local profile: the development issuer's sign-in, the
 * client secret missing or the demo realm's, a missing identity-provider endpoint, and the local
 * token issuer each stop the start naming the setting; real-looking settings get past the check.
 * (With the local profile and no setting at all it starts: {@code LocalProfileStartTest}.)
 */
class ProductionSettingsTest {

  private static final String KEYCLOAK =
      "https://login.clinic.example/realms/cellpath/protocol/openid-connect/";
  private static final Map<String, String> REAL_LOOKING =
      Map.of(
          "OIDC_CLIENT_SECRET", "Qm4d7Hc2-the-consoles-own-client-secret",
          "OIDC_AUTHORIZATION_URI", KEYCLOAK + "auth",
          "OIDC_TOKEN_URI", KEYCLOAK + "token",
          "OIDC_JWK_SET_URI", KEYCLOAK + "certs",
          "OIDC_LOGOUT_URI", KEYCLOAK + "logout",
          "JWT_ISSUER", "https://login.clinic.example/realms/cellpath",
          "JWT_JWK_SET_URI", KEYCLOAK + "certs");

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      CONSOLE_SIGN_IN        | dev-issuer                                  | CONSOLE_SIGN_IN (cellpath.console.sign-in) is dev-issuer: anyone signs in with any role, without a password, at the local development issuer
      CONSOLE_SIGN_IN        | DEV_ISSUER                                  | CONSOLE_SIGN_IN (cellpath.console.sign-in) is dev-issuer: anyone signs in with any role, without a password, at the local development issuer
      OIDC_CLIENT_SECRET     |                                             | OIDC_CLIENT_SECRET (spring.security.oauth2.client.registration.cellpath.client-secret) is not set
      OIDC_CLIENT_SECRET     | local-only-web-console-secret               | OIDC_CLIENT_SECRET (spring.security.oauth2.client.registration.cellpath.client-secret) is a demo value published with CellPath
      OIDC_AUTHORIZATION_URI |                                             | OIDC_AUTHORIZATION_URI (spring.security.oauth2.client.provider.cellpath.authorization-uri) is not set
      OIDC_TOKEN_URI         |                                             | OIDC_TOKEN_URI (spring.security.oauth2.client.provider.cellpath.token-uri) is not set
      OIDC_JWK_SET_URI       |                                             | OIDC_JWK_SET_URI (spring.security.oauth2.client.provider.cellpath.jwk-set-uri) is not set
      OIDC_JWK_SET_URI       | http://127.0.0.1:8090/.well-known/jwks.json | OIDC_JWK_SET_URI (spring.security.oauth2.client.provider.cellpath.jwk-set-uri) points at the local development token issuer's keys, which sign any role without a login
      OIDC_LOGOUT_URI        |                                             | OIDC_LOGOUT_URI (cellpath.console.oidc-logout-uri) is not set
      JWT_ISSUER             |                                             | JWT_ISSUER (cellpath.console.jwt.issuer) is not set
      JWT_ISSUER             | https://local-dev.cellpath.invalid/issuer   | JWT_ISSUER (cellpath.console.jwt.issuer) names the local development token issuer, which signs any role without a login
      JWT_JWK_SET_URI        |                                             | JWT_JWK_SET_URI (cellpath.console.jwt.jwk-set-uri) is not set
      JWT_JWK_SET_URI        | http://127.0.0.1:8090/.well-known/jwks.json | JWT_JWK_SET_URI (cellpath.console.jwt.jwk-set-uri) points at the local development token issuer's keys, which sign any role without a login
      """)
  void outsideTheLocalProfileAMissingOrDemoSettingStopsTheStartNamingIt(
      String variable, String value, String problem) {
    Map<String, String> settings = new HashMap<>(REAL_LOOKING);
    settings.put(variable, value == null ? "" : value);

    StartAttempt.Outcome outcome =
        StartAttempt.outsideLocalProfile(WebConsoleApplication.class, settings);

    assertThat(outcome.problems()).containsExactly(problem);
  }

  @Test
  void withNothingSetEverySettingIsNamedInOneRefusal() {
    Map<String, String> nothing = new HashMap<>();
    REAL_LOOKING.keySet().forEach(variable -> nothing.put(variable, ""));

    assertThat(StartAttempt.outsideLocalProfile(WebConsoleApplication.class, nothing).problems())
        .hasSize(REAL_LOOKING.size())
        .allSatisfy(problem -> assertThat(problem).endsWith(" is not set"));
  }

  @Test
  void realLookingSettingsGetPastTheCheckWithSignInAtTheIdentityProviderByDefault() {
    assertThat(
            StartAttempt.outsideLocalProfile(WebConsoleApplication.class, REAL_LOOKING).refused())
        .isFalse();
  }
}
