package org.cellpath.security;

/**
 * The roles a token may carry (claim {@code roles}); Spring sees them as {@code ROLE_<name>}
 * authorities.
 */
public final class Roles {

  /** A referring physician: submits and follows their own referrals. */
  public static final String PHYSICIAN = "PHYSICIAN";

  /** A reviewing clinician: decides eligibility. */
  public static final String REVIEWER = "REVIEWER";

  /** A scheduler: keeps slots and books appointment pairs. */
  public static final String SCHEDULER = "SCHEDULER";

  /** Clinic staff with the widest reading rights (delivery logs, metrics). */
  public static final String ADMIN = "ADMIN";

  private Roles() {}
}
