package org.cellpath.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.security.jwt}: where the signing keys are and what a token must
 * say.
 *
 * @param jwkSetUri the identity provider's JWK set (env {@code JWT_JWK_SET_URI})
 * @param issuer the exact {@code iss} every token must carry (env {@code JWT_ISSUER})
 * @param audience the {@code aud} a token must include (env {@code JWT_AUDIENCE})
 * @param algorithms the signature algorithms accepted; anything else, {@code none} included, is
 *     refused
 */
@ConfigurationProperties("cellpath.security.jwt")
public record SecurityProperties(
    URI jwkSetUri, String issuer, String audience, List<String> algorithms) {

  /** The claim holding a token's roles. */
  public static final String ROLES_CLAIM = "roles";

  /** The claim holding a physician's NPI. */
  public static final String NPI_CLAIM = "npi";

  public SecurityProperties {
    if (jwkSetUri == null
        || issuer == null
        || issuer.isBlank()
        || audience == null
        || audience.isBlank()) {
      throw new IllegalArgumentException(
          "cellpath.security.jwt: jwk-set-uri, issuer and audience are required (JWT_JWK_SET_URI, JWT_ISSUER, "
              + "JWT_AUDIENCE)");
    }
    algorithms =
        algorithms == null || algorithms.isEmpty()
            ? List.of("RS256", "ES256")
            : List.copyOf(algorithms);
  }
}
