package org.cellpath.console;

import java.util.List;
import java.util.Locale;
import org.cellpath.settings.ProductionSettings;
import org.cellpath.settings.Setting;

/**
 * What the console needs real values for outside the local profile (ADR 22): sign-in at the
 * identity provider, never the development issuer's password-less one; the console's own client
 * secret, never the demo realm's; the provider's endpoints; and the tokens it accepts, never the
 * local development issuer's.
 */
public class ConsoleSettings implements ProductionSettings {

  /**
   * The secret of the console's client in docker/keycloak/cellpath-realm.json when none is given.
   */
  static final String DEMO_CLIENT_SECRET = "local-only-web-console-secret";

  private static final String CLIENT = "spring.security.oauth2.client.";

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.required("CONSOLE_SIGN_IN", "cellpath.console.sign-in")
            .refusing(
                ConsoleSettings::isDevIssuer,
                "is dev-issuer: anyone signs in with any role, without a password, at the local development issuer"),
        Setting.secret(
            "OIDC_CLIENT_SECRET",
            CLIENT + "registration.cellpath.client-secret",
            List.of(DEMO_CLIENT_SECRET)),
        Setting.required("OIDC_AUTHORIZATION_URI", CLIENT + "provider.cellpath.authorization-uri"),
        Setting.required("OIDC_TOKEN_URI", CLIENT + "provider.cellpath.token-uri"),
        Setting.tokenKeySet("OIDC_JWK_SET_URI", CLIENT + "provider.cellpath.jwk-set-uri"),
        Setting.required("OIDC_LOGOUT_URI", "cellpath.console.oidc-logout-uri"),
        Setting.tokenIssuer("JWT_ISSUER", "cellpath.console.jwt.issuer"),
        Setting.tokenKeySet("JWT_JWK_SET_URI", "cellpath.console.jwt.jwk-set-uri"));
  }

  /** As Spring binds the mode: in any case, with or without dashes and underscores. */
  private static boolean isDevIssuer(String mode) {
    return mode.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").equals("devissuer");
  }
}
