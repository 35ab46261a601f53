package org.cellpath.referral.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.domain.StateConflictException;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The review store keeps each decision as its own type and reads it back as stored. */
@IntegrationTest
class ReviewsIT {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Autowired Reviews reviews;
  @Autowired Referrals referrals;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void anApprovalIsReadBackWithItsCellSourceSiteAndDecider() {
    UUID reviewId = openReview();

    reviews.decide(
        reviewId,
        new Decision.Approve(CellSource.ADIPOSE, "Left Achilles insertion", "reviewer-1"),
        NOW);

    EligibilityReview decided = reviews.get(reviewId);
    assertThat(decided.state()).isEqualTo(ReviewState.APPROVED);
    assertThat(decided.decision())
        .isEqualTo(
            new Decision.Approve(CellSource.ADIPOSE, "Left Achilles insertion", "reviewer-1"));
    assertThat(reviews.isDecidedBy(reviewId, "reviewer-1")).isTrue();
  }

  @Test
  void aDeclineAndAnInformationRequestKeepWhatTheySay() {
    UUID declined = openReview();
    UUID asked = openReview();

    reviews.decide(declined, new Decision.Decline("Surgical repair first.", "reviewer-2"), NOW);
    reviews.decide(
        asked, new Decision.RequestInformation(List.of("MRI report", "X-ray"), "reviewer-3"), NOW);

    assertThat(reviews.get(declined).decision())
        .isEqualTo(new Decision.Decline("Surgical repair first.", "reviewer-2"));
    assertThat(reviews.get(asked).decision())
        .isEqualTo(new Decision.RequestInformation(List.of("MRI report", "X-ray"), "reviewer-3"));
    assertThat(reviews.get(asked).state()).isEqualTo(ReviewState.INFO_REQUESTED);
  }

  @Test
  void anOpenReviewHasNoDecisionAndIsDecidedOnce() {
    UUID reviewId = openReview();
    assertThat(reviews.get(reviewId).decision()).isNull();

    reviews.decide(reviewId, new Decision.Decline("No.", "reviewer-4"), NOW);

    assertThatThrownBy(
            () -> reviews.decide(reviewId, new Decision.Decline("Again.", "reviewer-5"), NOW))
        .isInstanceOf(StateConflictException.class);
    assertThat(reviews.get(reviewId).decision())
        .isEqualTo(new Decision.Decline("No.", "reviewer-4"));
  }

  private UUID openReview() {
    UUID referralId = UUID.randomUUID();
    transaction.executeWithoutResult(
        status ->
            referrals.add(
                Referral.submit(
                    referralId,
                    ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles()),
                    NOW,
                    ZoneId.of("America/Los_Angeles")),
                null));
    // The submission's event opens the review, as in service.
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                        """
        select id from eligibility_review where referral_id = ? and state = 'OPEN'
        """)
                    .param(referralId)
                    .query(UUID.class)
                    .optional(),
            Optional::isPresent)
        .orElseThrow();
  }
}
