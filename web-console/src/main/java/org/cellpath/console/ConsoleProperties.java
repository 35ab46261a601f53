package org.cellpath.console;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code cellpath.console}.
 *
 * @param signIn how people sign in (env {@code CONSOLE_SIGN_IN}): {@code oidc} (authorization code
 *     at the identity provider) or {@code dev-issuer} (local-stack's development token issuer, no
 *     password; the local profile's only)
 * @param devTokenUrl the development issuer's token endpoint (env {@code DEV_TOKEN_URL}); only read
 *     in {@code dev-issuer} mode
 * @param referralServiceUrl referral-service's base URL (env {@code REFERRAL_SERVICE_URL})
 * @param schedulingServiceUrl scheduling-service's base URL (env {@code SCHEDULING_SERVICE_URL})
 * @param notificationServiceUrl notification-service's base URL (env {@code
 *     NOTIFICATION_SERVICE_URL})
 * @param clinicTimeZone the clinic's zone, in which the console shows times (env {@code
 *     CLINIC_TIME_ZONE})
 * @param oidcLogoutUri the identity provider's end-session endpoint as the browser reaches it (env
 *     {@code OIDC_LOGOUT_URI}); required in {@code oidc} mode, where signing out of the console
 *     ends the provider's session too. Configured, not discovered: the console does no issuer
 *     discovery.
 * @param jwt which tokens the console accepts: the same as the services (env {@code
 *     JWT_JWK_SET_URI}, {@code JWT_ISSUER}, {@code JWT_AUDIENCE})
 */
@ConfigurationProperties("cellpath.console")
public record ConsoleProperties(
    @DefaultValue("oidc") SignInMode signIn,
    URI devTokenUrl,
    URI referralServiceUrl,
    URI schedulingServiceUrl,
    URI notificationServiceUrl,
    ZoneId clinicTimeZone,
    URI oidcLogoutUri,
    Jwt jwt) {

  public ConsoleProperties {
    if (referralServiceUrl == null
        || schedulingServiceUrl == null
        || notificationServiceUrl == null) {
      throw new IllegalArgumentException(
          "cellpath.console: the three service URLs are required "
              + "(REFERRAL_SERVICE_URL, SCHEDULING_SERVICE_URL, NOTIFICATION_SERVICE_URL)");
    }
    if (signIn == SignInMode.DEV_ISSUER && devTokenUrl == null) {
      throw new IllegalArgumentException(
          "cellpath.console.dev-token-url (DEV_TOKEN_URL) is required in dev-issuer mode");
    }
    if (signIn == SignInMode.OIDC && oidcLogoutUri == null) {
      throw new IllegalArgumentException(
          "cellpath.console.oidc-logout-uri (OIDC_LOGOUT_URI) is required in oidc mode: "
              + "without it signing out would leave the identity provider's session open");
    }
    if (jwt == null) {
      throw new IllegalArgumentException(
          "cellpath.console.jwt: jwk-set-uri, issuer and audience are required");
    }
    if (clinicTimeZone == null) {
      throw new IllegalArgumentException(
          "cellpath.console.clinic-time-zone (CLINIC_TIME_ZONE) is required");
    }
  }

  /** How people sign in. */
  public enum SignInMode {
    /**
     * local-stack's development issuer: choose a role, no password. Never where real patient data
     * is.
     */
    DEV_ISSUER,
    /**
     * The identity provider's login page (authorization code flow); the access token is relayed.
     */
    OIDC
  }

  /**
   * @param jwkSetUri the identity provider's keys
   * @param issuer the {@code iss} a token must carry
   * @param audience the {@code aud} a token must include
   * @param algorithms accepted signature algorithms
   */
  public record Jwt(
      URI jwkSetUri,
      String issuer,
      String audience,
      @DefaultValue({"RS256", "ES256"}) List<String> algorithms) {

    public Jwt {
      if (jwkSetUri == null
          || issuer == null
          || issuer.isBlank()
          || audience == null
          || audience.isBlank()) {
        throw new IllegalArgumentException(
            "cellpath.console.jwt: jwk-set-uri, issuer and audience are required "
                + "(JWT_JWK_SET_URI, JWT_ISSUER, JWT_AUDIENCE)");
      }
    }
  }
}
