package org.cellpath.referral.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Recommendation;
import org.cellpath.domain.StateConflictException;

/** One review round of a referral: the pre-screen's findings, then exactly one clinician decision. */
public record EligibilityReview(
    UUID id,
    UUID referralId,
    ReviewState state,
    Recommendation recommendation,
    List<Finding> findings,
    Instant openedAt,
    Instant decidedAt) {

  /** @throws StateConflictException when the review has already been decided */
  void requireOpen() {
    if (state != ReviewState.OPEN) {
      throw new StateConflictException("Review " + id + " is " + state + ", not OPEN");
    }
  }
}
