package org.cellpath.referral.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Recommendation;
import org.cellpath.domain.StateConflictException;
import org.jspecify.annotations.Nullable;

/**
 * One review round of a referral: the pre-screen's findings, then exactly one clinician decision.
 *
 * @param decision null until decided, and for a review closed without a decision
 */
public record EligibilityReview(
    UUID id,
    UUID referralId,
    ReviewState state,
    Recommendation recommendation,
    List<Finding> findings,
    Instant openedAt,
    @Nullable Instant decidedAt,
    @Nullable Decision decision) {

  /**
   * @throws StateConflictException when the review has already been decided
   */
  void requireOpen() {
    if (state != ReviewState.OPEN) {
      throw new StateConflictException("Review " + id + " is " + state + ", not OPEN");
    }
  }
}
