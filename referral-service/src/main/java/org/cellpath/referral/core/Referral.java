package org.cellpath.referral.core;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.referral.intake.ReferralDetails;
import org.cellpath.domain.StateConflictException;

/**
 * A referral: what was submitted, and where the case stands. Transitions check the status machine and refuse
 * illegal moves; the store saves them with optimistic locking on {@code version}.
 */
public final class Referral {

  private final UUID id;
  private ReferralDetails details;
  private final Instant submittedAt;
  private final int version;
  private ReferralStatus status;

  public Referral(UUID id, ReferralStatus status, ReferralDetails details, Instant submittedAt, int version) {
    this.id = id;
    this.status = status;
    this.details = details;
    this.submittedAt = submittedAt;
    this.version = version;
  }

  public static Referral submit(UUID id, ReferralDetails details, Instant now) {
    return new Referral(id, ReferralStatus.SUBMITTED, details, now, 0);
  }

  /**
   * Moves to {@code target}.
   *
   * @throws IllegalTransitionException when the current status does not lead there
   */
  public void moveTo(ReferralStatus target) {
    if (!status.canMoveTo(target)) {
      throw new IllegalTransitionException(id, status, target);
    }
    status = target;
  }

  /**
   * Replaces what was submitted with the physician's amendment, which answers an information request, and puts the
   * referral under review again at once. One answer per request: a second amendment is refused, whether or not the
   * review has reopened yet, so that the review that reopens reads the details the physician was told were taken.
   *
   * @throws StateConflictException unless the referral waits for information
   */
  public void amend(ReferralDetails amended) {
    if (status != ReferralStatus.INFO_REQUESTED) {
      throw new StateConflictException("Referral " + id + " is " + status + "; it can be amended only when information "
          + "was requested, once per request");
    }
    details = amended;
    status = ReferralStatus.UNDER_REVIEW;
  }

  /** Whether the physician with this NPI referred the case; a null NPI referred nothing. */
  public boolean isReferredBy(String physicianNpi) {
    return physicianNpi != null && physicianNpi.equals(details.physician().npi());
  }

  public UUID id() {
    return id;
  }

  public ReferralStatus status() {
    return status;
  }

  public ReferralDetails details() {
    return details;
  }

  public Instant submittedAt() {
    return submittedAt;
  }

  int version() {
    return version;
  }
}
