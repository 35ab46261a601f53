package org.cellpath.referral.audit;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.security.AuditEntry;
import org.cellpath.security.AuditTrail;
import org.cellpath.security.LoggingAuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail in referral-service's database (table {@code audit_event}, append-only), and as log lines like
 * {@link LoggingAuditTrail}'s. Replaces the shared default, so the 401 and 403 answers of the shared handlers land
 * in the table too.
 *
 * <p>Each entry is written in a transaction of its own: a request whose work rolls back still leaves its audit row.
 * An entry that cannot be written fails the request, so that nothing is disclosed unaudited.
 */
@Component
public class JdbcAuditTrail implements AuditTrail {

  private static final String REFERRAL = "referral";

  private final JdbcClient jdbc;
  private final AuditTrail log = new LoggingAuditTrail();

  JdbcAuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records an entry; its {@code referral_id} is its resource id when that names a referral. */
  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(AuditEntry entry) {
    record(entry, referralIdOf(entry), List.of());
  }

  /**
   * Records an entry about a referral, or about a review of it.
   *
   * @param referralId the referral concerned, or null
   * @param disclosed the referrals a list answer showed, empty for any other request
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(AuditEntry entry, UUID referralId, List<UUID> disclosed) {
    log.record(entry);
    jdbc.sql("""
            insert into audit_event (occurred_at, subject, roles, action, resource_type, resource_id, referral_id,
                                     disclosed_referral_ids, outcome, remote_address)
            values (:at, :subject, :roles, :action, :resourceType, :resourceId, :referralId,
                    cast(:disclosed as uuid[]), :outcome, :remoteAddress)
            """)
        .param("at", Timestamp.from(entry.at()))
        .param("subject", entry.subject())
        .param("roles", entry.roles() == null ? "" : entry.roles())
        .param("action", entry.action())
        .param("resourceType", entry.resourceType())
        .param("resourceId", entry.resourceId())
        .param("referralId", referralId)
        .param("disclosed", disclosed.isEmpty() ? null
            : disclosed.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
        .param("outcome", entry.outcome())
        .param("remoteAddress", entry.remoteAddress())
        .update();
  }

  private static UUID referralIdOf(AuditEntry entry) {
    if (!REFERRAL.equals(entry.resourceType()) || entry.resourceId() == null) {
      return null;
    }
    try {
      return UUID.fromString(entry.resourceId());
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
