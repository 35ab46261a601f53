package org.cellpath.console.signin;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * After the identity provider's login: the roles come from the access token, which is what the
 * services will read, not from the ID token (Keycloak puts the {@code roles} and {@code npi} claims
 * in the access token only). An access token the services would refuse ends the sign-in.
 */
final class ConsoleOidcUserService extends OidcUserService {

  private final TokenVerifier verifier;

  ConsoleOidcUserService(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser oidc = super.loadUser(request);
    ConsoleUser user;
    try {
      String name =
          oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : oidc.getSubject();
      user = verifier.verify(request.getAccessToken().getTokenValue(), name);
    } catch (JwtException refused) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "invalid_token", "The access token is not one the CellPath services accept", null));
    }
    List<GrantedAuthority> authorities =
        user.roles().stream()
            .sorted()
            .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
            .toList();
    return new ConsoleOidcUser(authorities, oidc.getIdToken(), oidc.getUserInfo(), user);
  }
}
