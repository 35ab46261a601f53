package org.cellpath.security;

/**
 * Where audit entries go. Every service writes denials here; referral-service also every read and change of a
 * referral, into an append-only table. The default writes structured log lines (logger {@code cellpath.audit}).
 */
public interface AuditTrail {

  void record(AuditEntry entry);
}
