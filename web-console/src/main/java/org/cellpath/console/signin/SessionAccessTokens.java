package org.cellpath.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Development sign-in: the token the issuer gave is kept in the HTTP session, nowhere else. */
final class SessionAccessTokens implements AccessTokens {

  static final String ATTRIBUTE = SessionAccessTokens.class.getName() + ".token";

  static void store(HttpServletRequest request, String token) {
    request.getSession(true).setAttribute(ATTRIBUTE, token);
  }

  @Override
  public Optional<String> current() {
    if (!(RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes)) {
      return Optional.empty();
    }
    HttpSession session = attributes.getRequest().getSession(false);
    return session == null
        ? Optional.empty()
        : Optional.ofNullable((String) session.getAttribute(ATTRIBUTE));
  }
}
