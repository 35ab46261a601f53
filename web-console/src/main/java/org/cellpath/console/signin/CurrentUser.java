package org.cellpath.console.signin;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The person signed in, whichever way they signed in. */
public final class CurrentUser {

  private CurrentUser() {}

  public static Optional<ConsoleUser> of(Authentication authentication) {
    if (authentication == null) {
      return Optional.empty();
    }
    if (authentication.getPrincipal() instanceof ConsoleUser user) {
      return Optional.of(user);
    }
    if (authentication.getPrincipal() instanceof ConsoleOidcUser oidc) {
      return Optional.of(oidc.consoleUser());
    }
    return Optional.empty();
  }

  public static Optional<ConsoleUser> current() {
    return of(SecurityContextHolder.getContext().getAuthentication());
  }

  /**
   * The person signed in; fails outside a signed-in request (a bug: the filter chain lets no one
   * else in).
   */
  public static ConsoleUser require() {
    return current().orElseThrow(() -> new IllegalStateException("No one is signed in"));
  }
}
