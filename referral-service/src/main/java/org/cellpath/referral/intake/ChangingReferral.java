package org.cellpath.referral.intake;

import java.time.Clock;
import java.util.UUID;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.review.ReviewingReferral;
import org.cellpath.referral.surveys.SurveyPlanning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The physician changes a referral after submitting it: amends it when asked for information, or
 * withdraws it.
 */
@Service
public class ChangingReferral {

  private static final Logger log = LoggerFactory.getLogger(ChangingReferral.class);

  private final Referrals referrals;
  private final ReviewingReferral reviewing;
  private final Clock clock;
  private final SurveyPlanning surveys;

  ChangingReferral(
      Referrals referrals, ReviewingReferral reviewing, Clock clock, SurveyPlanning surveys) {
    this.referrals = referrals;
    this.reviewing = reviewing;
    this.clock = clock;
    this.surveys = surveys;
  }

  /**
   * Replaces the referral's details with the amended ones and puts it under review; {@code
   * ReferralAmended} reopens the review, which runs the pre-screen again on what was amended.
   *
   * @throws org.cellpath.domain.StateConflictException unless information was requested and not
   *     answered yet
   */
  @Transactional
  public void amend(UUID referralId, ReferralDetails amended) {
    // Amendments sent at once wait for each other: the second reads the first's answer and is
    // refused for it, as it
    // would be a moment later, instead of failing on the version with an invitation to retry.
    referrals.lockForChange(referralId);
    Referral referral = referrals.get(referralId);
    referral.amend(amended, clock.instant());
    referrals.save(referral);
    log.info("Referral {} amended", referralId);
  }

  /**
   * Withdraws the referral at any point before completion: an open review is closed, and scheduling
   * cancels any appointments when it reads {@code ReferralWithdrawn}.
   *
   * @throws org.cellpath.domain.StateConflictException when the referral has reached a final status
   */
  @Transactional
  public void withdraw(UUID referralId) {
    // The review consumer may be moving the referral to UNDER_REVIEW right now: wait for it, then
    // withdraw.
    referrals.lockForChange(referralId);
    Referral referral = referrals.get(referralId);
    referral.withdraw(clock.instant());
    referrals.save(referral);
    reviewing.closeOpenReview(referralId);
    // No questionnaire is asked of a withdrawn case; a later booking plans the follow-ups again.
    surveys.stop(referralId, true);
    log.info("Referral {} withdrawn", referralId);
  }
}
