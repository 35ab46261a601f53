package org.cellpath.referral.intake;

import java.util.UUID;
import org.cellpath.domain.StateConflictException;

/** The same physician referred the same patient, condition and side within the duplicate window. */
public class DuplicateReferralException extends StateConflictException {

  private final UUID existingReferralId;

  public DuplicateReferralException(UUID existingReferralId) {
    super(
        "This physician referred the same patient, condition and side within the last 24 hours: referral "
            + existingReferralId);
    this.existingReferralId = existingReferralId;
  }

  public UUID existingReferralId() {
    return existingReferralId;
  }
}
