package org.cellpath.referral.insights;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.review.Decider;
import org.cellpath.referral.review.ReviewingReferral;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The outcomes summary and the similar cases beside a review, computed on request. */
@Service
public class OutcomeInsights {

  private final OutcomeCases cases;
  private final Referrals referrals;
  private final ReviewingReferral reviewing;

  OutcomeInsights(OutcomeCases cases, Referrals referrals, ReviewingReferral reviewing) {
    this.cases = cases;
    this.referrals = referrals;
    this.reviewing = reviewing;
  }

  @Transactional(readOnly = true)
  public OutcomeSummary summary(OutcomeFilter filter) {
    return OutcomeSummary.of(cases.all(), filter);
  }

  /**
   * The referral a review is of, when the reviewer may read that review's case (as they may read
   * the referral itself: an open review of a case they did not refer, or one they decided).
   *
   * @throws RecordNotFoundException for an unknown review and for one the reviewer may not read,
   *     alike
   */
  @Transactional(readOnly = true)
  public UUID referralOfReview(UUID reviewId, Decider reviewer) {
    UUID referralId =
        cases
            .referralOfReview(reviewId)
            .orElseThrow(() -> new RecordNotFoundException("Review " + reviewId + " not found"));
    if (!reviewing.isReadableBy(referrals.get(referralId), reviewer)) {
      throw new RecordNotFoundException("Review " + reviewId + " not found");
    }
    return referralId;
  }

  @Transactional(readOnly = true)
  public SimilarOutcomes similar(UUID referralId) {
    Referral referral = referrals.get(referralId);
    AgeBand ageBand =
        AgeBand.of(
            referral.details().patient().dateOfBirth(),
            LocalDate.ofInstant(referral.submittedAt(), ZoneOffset.UTC));
    return SimilarOutcomes.of(
        SimilarOutcomes.Criteria.of(referral.details(), ageBand), referralId, cases.all());
  }
}
