package org.cellpath.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problem details. A 403 is recorded in the audit trail: its caller holds a
 * valid token, so the row names someone. A 401 is counted and sampled ({@link
 * UnauthenticatedRefusals}): anyone can send those in a loop. The body never says why a token was
 * refused beyond "missing or invalid": the {@code WWW-Authenticate} header carries the standard
 * error code.
 */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();
  private final AuditTrail audit;
  private final UnauthenticatedRefusals unauthenticated;
  private final Clock clock;

  public ProblemResponses(AuditTrail audit, UnauthenticatedRefusals unauthenticated, Clock clock) {
    this.audit = audit;
    this.unauthenticated = unauthenticated;
    this.clock = clock;
  }

  /** No token, or one that is expired, forged, unsigned, for another issuer or audience: 401. */
  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    bearer.commence(request, response, failure);
    unauthenticated.refused(request);
    write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
  }

  /** A valid token whose roles do not allow the call: 403. */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Caller caller = Caller.current().orElse(null);
    audit.record(
        new AuditEntry(
            clock.instant(),
            caller == null ? "anonymous" : caller.subject(),
            caller == null ? "" : caller.rolesText(),
            request.getMethod() + " " + request.getRequestURI(),
            null,
            null,
            "DENIED",
            request.getRemoteAddr()));
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
    write(response, HttpStatus.FORBIDDEN, "Your role does not allow this request.");
  }

  private static void write(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + status.getReasonPhrase()
                + "\",\"status\":"
                + status.value()
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
