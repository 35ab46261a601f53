package org.cellpath.audit;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The record an audited action is about, as far as it is known: the id the request named (or the
 * action created) and the referral it belongs to.
 */
public record AuditTarget(@Nullable Object id, @Nullable UUID referralId) {

  /** Nothing named yet: a request that creates its record. */
  public static AuditTarget none() {
    return new AuditTarget(null, null);
  }

  public static AuditTarget of(@Nullable Object id) {
    return new AuditTarget(id, null);
  }

  public static AuditTarget of(@Nullable Object id, @Nullable UUID referralId) {
    return new AuditTarget(id, referralId);
  }
}
