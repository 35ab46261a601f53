package org.cellpath.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.cellpath.security.AuditEntry;
import org.cellpath.security.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Operators' actions on messages (the outbox, dead letters, consumer gaps): a row in the service's
 * audit trail, and a line on the audit log ({@code cellpath.audit}) that also lists the ids each
 * action touched. Ids, counts and class names only.
 */
public final class OperatorAudit {

  private static final Logger audit = LoggerFactory.getLogger("cellpath.audit");

  private final @Nullable JdbcAuditTrail trail;
  private final Clock clock;

  /**
   * @param trail the service's audit table, or null where the service has no database (the log line
   *     only)
   */
  public OperatorAudit(@Nullable JdbcAuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  /**
   * @param details further keys (prefixed {@code audit.}) with their ids, each list joined with
   *     commas: on the log line only
   */
  public void record(
      SecurityContext security,
      String action,
      String resourceType,
      String resourceId,
      Map<String, ? extends Collection<?>> details) {
    String subject = subject(security);
    LoggingEventBuilder line =
        audit
            .atInfo()
            .addKeyValue("audit.subject", subject)
            .addKeyValue("audit.action", action)
            .addKeyValue("audit.resourceType", resourceType)
            .addKeyValue("audit.resourceId", resourceId)
            .addKeyValue("audit.outcome", AuditOutcome.ALLOWED.name());
    StringBuilder summary = new StringBuilder();
    details.forEach(
        (key, ids) -> {
          String joined = String.join(",", ids.stream().map(String::valueOf).toList());
          line.addKeyValue("audit." + key, joined);
          summary.append("; ").append(key).append(' ').append(ids.isEmpty() ? "-" : joined);
        });
    line.log("Audit: ALLOWED {} {} {} by {}{}", action, resourceType, resourceId, subject, summary);
    if (trail != null) {
      trail.store(
          new AuditEntry(
              clock.instant(),
              subject,
              Caller.current().map(Caller::rolesText).orElse(""),
              action,
              resourceType,
              resourceId,
              AuditOutcome.ALLOWED.name(),
              remoteAddress()));
    }
  }

  /** The operator's name: the token's subject. */
  public static String subject(@Nullable SecurityContext security) {
    Principal principal = security == null ? null : security.getPrincipal();
    return principal == null ? "anonymous" : principal.getName();
  }

  private static @Nullable String remoteAddress() {
    if (RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
