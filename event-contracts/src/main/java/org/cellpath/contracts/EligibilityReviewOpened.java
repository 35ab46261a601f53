package org.cellpath.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The pre-screen ran and a review waits for a clinician. Consumed inside referral-service and by operations. */
public record EligibilityReviewOpened(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID reviewId,
    Recommendation recommendation,
    List<String> findingCodes)
    implements ReferralEvent {

  public EligibilityReviewOpened {
    findingCodes = findingCodes == null ? List.of() : List.copyOf(findingCodes);
  }
}
