package org.cellpath.audit;

/** How an audited request ended, as written in the audit trail's {@code outcome} column. */
public enum AuditOutcome {
  /** Done: the record was read or changed. */
  ALLOWED,
  /**
   * Refused for who the caller is: a role without the right (403), or another physician's referral
   * (404).
   */
  DENIED,
  /** The record does not exist. */
  NOT_FOUND,
  /**
   * Allowed, but the request failed on a business rule (a conflict or an invalid value); nothing
   * changed.
   */
  REFUSED,
  /** Allowed, but over the caller's rate limit (429); nothing changed. */
  RATE_LIMITED,
  /**
   * No valid token or signature (401); sampled, see {@link
   * org.cellpath.security.UnauthenticatedRefusals}.
   */
  UNAUTHENTICATED
}
