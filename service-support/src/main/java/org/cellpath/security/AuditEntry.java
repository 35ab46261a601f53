package org.cellpath.security;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail: who did (or was refused) what, to which record, when and from where.
 * Ids and codes only: never a patient's data.
 *
 * @param subject the token's subject, or {@code anonymous}
 * @param roles the caller's roles, comma-separated, or empty
 * @param action what was asked, for example {@code READ}, {@code SUBMIT}, {@code DECIDE}, or the
 *     HTTP method and path of a refused request
 * @param resourceType for example {@code referral}; null for a refused request that names none
 * @param resourceId the record's id, or null
 * @param outcome {@code ALLOWED}, {@code DENIED} (403 or a hidden 404) or {@code UNAUTHENTICATED}
 *     (401)
 * @param remoteAddress where the request came from
 */
public record AuditEntry(
    Instant at,
    String subject,
    String roles,
    String action,
    String resourceType,
    String resourceId,
    String outcome,
    String remoteAddress) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
  }
}
