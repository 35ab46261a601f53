package org.cellpath.console.signin;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Who is signed in, as the services will see them: the token's subject, roles ({@code roles} claim)
 * and, for a physician, NPI ({@code npi} claim). The name is only for the page header.
 *
 * @param npi the physician's NPI, or null
 */
public record ConsoleUser(String subject, String displayName, Set<String> roles, String npi)
    implements Serializable {

  public static final String PHYSICIAN = "PHYSICIAN";
  public static final String REVIEWER = "REVIEWER";
  public static final String SCHEDULER = "SCHEDULER";
  public static final String ADMIN = "ADMIN";

  /** The roles the console has pages for, in the order their home pages are preferred. */
  public static final List<String> ROLES = List.of(PHYSICIAN, REVIEWER, SCHEDULER, ADMIN);

  public ConsoleUser {
    roles = Set.copyOf(roles);
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  /**
   * The first page of the person's first role; the sign-in page when the token carries none the
   * console knows.
   */
  public String homePath() {
    if (has(PHYSICIAN)) {
      return "/physician/referrals";
    }
    if (has(REVIEWER)) {
      return "/reviewer/reviews";
    }
    if (has(SCHEDULER)) {
      return "/scheduler/calendar";
    }
    if (has(ADMIN)) {
      return "/staff/deliveries";
    }
    return "/forbidden";
  }

  /**
   * Leaves nothing out that matters and nothing in that could identify a patient (there is none
   * here anyway).
   */
  @Override
  public String toString() {
    return "ConsoleUser[" + subject + ", " + roles + "]";
  }
}
