package org.cellpath.console.signin;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A person signed in through the development issuer. The access token is not part of it (it lives
 * in the session beside it, see {@link AccessTokens}), so that printing an authentication never
 * prints a token.
 */
final class ConsoleAuthentication extends AbstractAuthenticationToken {

  private final ConsoleUser user;

  ConsoleAuthentication(ConsoleUser user) {
    super(
        user.roles().stream()
            .sorted()
            .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
            .toList());
    this.user = user;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public ConsoleUser getPrincipal() {
    return user;
  }

  @Override
  public String getName() {
    return user.subject();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConsoleAuthentication that && that.user.equals(user);
  }

  @Override
  public int hashCode() {
    return user.hashCode();
  }
}
