package org.cellpath.console.signin;

import java.util.Set;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A signed-in session for MockMvc tests, as the development sign-in leaves it: the person and their
 * token.
 */
public final class TestSignIn {

  private TestSignIn() {}

  public static MockHttpSession session(String token, String subject, String npi, String... roles) {
    MockHttpSession session = new MockHttpSession();
    ConsoleUser user = new ConsoleUser(subject, subject, Set.of(roles), npi);
    session.setAttribute(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        new SecurityContextImpl(new ConsoleAuthentication(user)));
    session.setAttribute(SessionAccessTokens.ATTRIBUTE, token);
    return session;
  }
}
