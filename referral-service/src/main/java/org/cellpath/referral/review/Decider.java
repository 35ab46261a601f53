package org.cellpath.referral.review;

import java.util.Objects;
import org.cellpath.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Who decides a review: the token's subject, recorded with the decision, and the NPI the token
 * carries when the person also refers patients. Nobody decides a review of a referral they referred
 * (separation of duties).
 *
 * @param npi the decider's NPI, or null for a reviewer who refers no patients (and for the
 *     automatic approval)
 */
public record Decider(String subject, @Nullable String npi) {

  /**
   * The pre-screen's automatic approval of a likely eligible case, where the clinic has turned it
   * on.
   */
  static final Decider AUTOMATIC = new Decider("auto-approval", null);

  public Decider {
    Objects.requireNonNull(subject, "subject");
  }

  /** The caller of the request being handled. */
  public static Decider of(Caller caller) {
    return new Decider(caller.subject(), caller.npi());
  }
}
