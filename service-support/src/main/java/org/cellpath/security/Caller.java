package org.cellpath.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling: the token's subject, roles and, for a physician, NPI. Read it where a decision
 * depends on the caller (object-level checks, audit), never from the request body.
 *
 * @param npi the physician's NPI from the token's {@code npi} claim, or null
 */
public record Caller(String subject, Set<String> roles, String npi) {

  /** The caller of the request being handled; empty outside an authenticated request. */
  public static Optional<Caller> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
      return Optional.empty();
    }
    Set<String> roles =
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> authority.startsWith("ROLE_"))
            .map(authority -> authority.substring(5))
            .collect(Collectors.toUnmodifiableSet());
    return Optional.of(
        new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(SecurityProperties.NPI_CLAIM)));
  }

  /**
   * The caller of the request being handled; fails outside an authenticated request (a bug, not a
   * denial).
   */
  public static Caller require() {
    return current().orElseThrow(() -> new IllegalStateException("No authenticated caller"));
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  /** The roles as one string for logs and audit rows, sorted. */
  public String rolesText() {
    return roles.stream().sorted().collect(Collectors.joining(","));
  }
}
