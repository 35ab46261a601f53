package org.cellpath.scheduling.slots;

import java.util.Optional;
import org.postgresql.util.PSQLException;

/**
 * Names the PostgreSQL constraint a failed statement violated, so that callers can tell one refusal
 * from another: the slot tables' guards (no overlapping slots, one active appointment per slot)
 * refuse by name, and booking tells a taken slot from other failures by it.
 */
public final class ViolatedConstraint {

  private ViolatedConstraint() {}

  /** The constraint (or unique index) name from the server's error, if the failure carries one. */
  public static Optional<String> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        return Optional.ofNullable(psql.getServerErrorMessage().getConstraint());
      }
    }
    return Optional.empty();
  }
}
