package org.cellpath.audit;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.security.AuditEntry;
import org.cellpath.security.AuditTrail;
import org.cellpath.security.LoggingAuditTrail;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail in the service's own database (table {@code audit_event}, append-only), and as
 * log lines like {@link LoggingAuditTrail}'s. Every service has it in place of the shared logging
 * default, so the 401 and 403 answers of the shared handlers land in the table too.
 *
 * <p>Each entry is written in a transaction of its own: a request whose work rolls back still
 * leaves its audit row. An entry that cannot be written fails the request, so that nothing is
 * disclosed unaudited.
 */
public class JdbcAuditTrail implements AuditTrail {

  private static final String REFERRAL = "referral";

  private final JdbcClient jdbc;
  private final AuditTrail log = new LoggingAuditTrail();

  public JdbcAuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records an entry; its {@code referral_id} is its resource id when that names a referral. */
  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(AuditEntry entry) {
    record(entry, referralIdOf(entry), List.of());
  }

  /**
   * Records a sampled refusal: the one written, standing also for {@code notRecorded} of its route
   * not written.
   */
  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordSample(AuditEntry entry, long notRecorded) {
    log.record(entry);
    insert(entry, null, List.of(), notRecorded);
  }

  /**
   * Records an entry about a referral, or about a record of one (a review, an appointment pair, a
   * delivery log).
   *
   * @param referralId the referral concerned, or null
   * @param disclosed the referrals a list answer showed, empty for any other request
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(AuditEntry entry, @Nullable UUID referralId, List<UUID> disclosed) {
    log.record(entry);
    insert(entry, referralId, disclosed, null);
  }

  /**
   * Entries of one request that changed many records (a slot template's slots), in one transaction.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordAll(List<AuditEntry> entries) {
    for (AuditEntry entry : entries) {
      log.record(entry);
      insert(entry, referralIdOf(entry), List.of(), null);
    }
  }

  /**
   * Writes the row only, for a caller that logs the entry itself with more detail (the operators'
   * endpoints).
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void store(AuditEntry entry) {
    insert(entry, referralIdOf(entry), List.of(), null);
  }

  private void insert(
      AuditEntry entry,
      @Nullable UUID referralId,
      List<UUID> disclosed,
      @Nullable Long notRecorded) {
    jdbc.sql(
            """
            insert into audit_event (occurred_at, subject, roles, action, resource_type, resource_id, referral_id,
                                     disclosed_referral_ids, outcome, remote_address, refusals_not_recorded)
            values (:at, :subject, :roles, :action, :resourceType, :resourceId, :referralId,
                    cast(:disclosed as uuid[]), :outcome, :remoteAddress, :notRecorded)
            """)
        .param("at", Timestamp.from(entry.at()))
        .param("subject", entry.subject())
        .param("roles", entry.roles() == null ? "" : entry.roles())
        .param("action", entry.action())
        .param("resourceType", entry.resourceType())
        .param("resourceId", entry.resourceId())
        .param("referralId", referralId)
        .param(
            "disclosed",
            disclosed.isEmpty()
                ? null
                : disclosed.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
        .param("outcome", entry.outcome())
        .param("remoteAddress", entry.remoteAddress())
        .param("notRecorded", notRecorded)
        .update();
  }

  private static @Nullable UUID referralIdOf(AuditEntry entry) {
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
