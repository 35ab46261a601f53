package org.cellpath.console.signin;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cellpath.console.ConsoleProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Checks a token the way the services check it (ADR 11: signature by a key of the JWK set, allowed
 * algorithms, issuer, audience, expiry, a subject) and reads who it is for. The console never lets
 * anyone in on a token the services would refuse, and takes the roles from the same {@code roles}
 * claim.
 */
@Component
public class TokenVerifier {

  static final String ROLES_CLAIM = "roles";
  static final String NPI_CLAIM = "npi";

  private final JwtDecoder decoder;

  @Autowired
  public TokenVerifier(ConsoleProperties properties) {
    this(decoder(properties.jwt()));
  }

  TokenVerifier(JwtDecoder decoder) {
    this.decoder = decoder;
  }

  /**
   * The person the token is for.
   *
   * @param displayName shown in the header; the subject when null
   * @throws JwtException when the services would refuse the token
   */
  public ConsoleUser verify(String token, String displayName) {
    Jwt jwt = decoder.decode(token);
    Set<String> roles = new LinkedHashSet<>();
    Object claim = jwt.getClaims().get(ROLES_CLAIM);
    if (claim instanceof Collection<?> values) {
      values.forEach(value -> roles.add(String.valueOf(value)));
    } else if (claim instanceof String value) {
      roles.add(value);
    }
    roles.retainAll(ConsoleUser.ROLES);
    String name = displayName == null || displayName.isBlank() ? jwt.getSubject() : displayName;
    return new ConsoleUser(jwt.getSubject(), name, roles, jwt.getClaimAsString(NPI_CLAIM));
  }

  private static JwtDecoder decoder(ConsoleProperties.Jwt settings) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString())
            .jwsAlgorithms(
                algorithms ->
                    settings
                        .algorithms()
                        .forEach(
                            name -> {
                              SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
                              if (algorithm == null) {
                                throw new IllegalArgumentException(
                                    "cellpath.console.jwt.algorithms: unknown algorithm " + name);
                              }
                              algorithms.add(algorithm);
                            }))
            .build();
    OAuth2TokenValidator<Jwt> audience =
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, values -> values != null && values.contains(settings.audience()));
    OAuth2TokenValidator<Jwt> subject =
        new JwtClaimValidator<String>(
            JwtClaimNames.SUB, value -> value != null && !value.isBlank());
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(settings.issuer()), audience, subject));
    return decoder;
  }
}
