package org.cellpath.security;

/**
 * Where audit entries go. Every service writes its denials, its callers' reads of patient data and
 * their changes to an append-only table in its own database ({@code
 * org.cellpath.audit.JdbcAuditTrail}); without a database the default writes structured log lines
 * (logger {@code cellpath.audit}).
 */
public interface AuditTrail {

  void record(AuditEntry entry);

  /**
   * Records a refusal that stands for others of its kind not recorded (see {@link
   * UnauthenticatedRefusals}).
   *
   * @param notRecorded how many refusals of the same route were counted but not recorded since the
   *     previous sample
   */
  default void recordSample(AuditEntry entry, long notRecorded) {
    record(entry);
  }
}
