package org.cellpath.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Audit entries as structured log lines on the logger {@code cellpath.audit}. */
public class LoggingAuditTrail implements AuditTrail {

  private static final Logger audit = LoggerFactory.getLogger("cellpath.audit");

  @Override
  public void record(AuditEntry entry) {
    audit
        .atInfo()
        .addKeyValue("audit.subject", entry.subject())
        .addKeyValue("audit.roles", entry.roles())
        .addKeyValue("audit.action", entry.action())
        .addKeyValue("audit.resourceType", entry.resourceType())
        .addKeyValue("audit.resourceId", entry.resourceId())
        .addKeyValue("audit.outcome", entry.outcome())
        .addKeyValue("audit.remoteAddress", entry.remoteAddress())
        .log(
            "Audit: {} {} {} {} by {}",
            entry.outcome(),
            entry.action(),
            entry.resourceType(),
            entry.resourceId(),
            entry.subject());
  }
}
