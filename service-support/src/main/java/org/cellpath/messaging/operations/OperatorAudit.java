package org.cellpath.messaging.operations;

import java.security.Principal;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.boot.actuate.endpoint.SecurityContext;

/**
 * Operators' actions on the audit log ({@code cellpath.audit}, the logger the services' audit trail writes to), in
 * its key names. Ids, counts and class names only.
 */
final class OperatorAudit {

  private static final Logger audit = LoggerFactory.getLogger("cellpath.audit");

  private OperatorAudit() {}

  /**
   * @param details further keys (prefixed {@code audit.}) with their ids, each list joined with commas
   */
  static void record(SecurityContext security, String action, String resourceType, String resourceId,
      Map<String, ? extends Collection<?>> details) {
    String subject = subject(security);
    LoggingEventBuilder line = audit.atInfo()
        .addKeyValue("audit.subject", subject)
        .addKeyValue("audit.action", action)
        .addKeyValue("audit.resourceType", resourceType)
        .addKeyValue("audit.resourceId", resourceId)
        .addKeyValue("audit.outcome", "ALLOWED");
    StringBuilder summary = new StringBuilder();
    details.forEach((key, ids) -> {
      String joined = String.join(",", ids.stream().map(String::valueOf).toList());
      line.addKeyValue("audit." + key, joined);
      summary.append("; ").append(key).append(' ').append(ids.isEmpty() ? "-" : joined);
    });
    line.log("Audit: ALLOWED {} {} {} by {}{}", action, resourceType, resourceId, subject, summary);
  }

  static String subject(SecurityContext security) {
    Principal principal = security == null ? null : security.getPrincipal();
    return principal == null ? "anonymous" : principal.getName();
  }
}
