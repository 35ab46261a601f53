package org.cellpath.referral.review;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.Recommendation;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.NotPermittedException;
import org.cellpath.domain.StateConflictException;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.ReferralStatus;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.surveys.SurveyPlanning;
import org.cellpath.time.ClinicTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review use cases: open a review when a referral arrives (pre-screen), and record a
 * clinician's decision. Each changes the review and the referral in one transaction; the referral's
 * transitions raise the events, which its store hands to the outbox.
 */
@Service
public class ReviewingReferral {

  private static final Logger log = LoggerFactory.getLogger(ReviewingReferral.class);

  private final Referrals referrals;
  private final Reviews reviews;
  private final Clock clock;
  private final ZoneId clinicZone;
  private final ReviewSettings settings;
  private final SurveyPlanning surveys;
  private final PreScreen preScreen = PreScreen.standard();

  ReviewingReferral(
      Referrals referrals,
      Reviews reviews,
      Clock clock,
      ClinicTimeZone clinic,
      ReviewSettings settings,
      SurveyPlanning surveys) {
    this.referrals = referrals;
    this.reviews = reviews;
    this.clock = clock;
    this.clinicZone = clinic.timeZone();
    this.settings = settings;
    this.surveys = surveys;
  }

  /**
   * Runs the pre-screen on a submitted (or amended) referral and opens its review, unless the
   * referral was withdrawn or has an open review already.
   */
  @Transactional
  public void open(UUID referralId) {
    Referral referral =
        referrals
            .find(referralId)
            .orElseThrow(
                () ->
                    new RejectedEventException(
                        "Referral " + referralId + " is unknown to this service"));
    if (referral.status() == ReferralStatus.WITHDRAWN) {
      log.info("Referral {} was withdrawn before its review opened", referralId);
      return;
    }
    if (reviews.hasOpen(referralId)) {
      // A second ReferralAmended for one answer (amendments made before each was refused): its
      // review is open.
      log.info("Referral {} has an open review already", referralId);
      return;
    }
    Instant now = clock.instant();
    PreScreen.Result result =
        preScreen.assess(referral.details(), LocalDate.ofInstant(now, clinicZone));
    EligibilityReview review =
        new EligibilityReview(
            UUID.randomUUID(),
            referralId,
            ReviewState.OPEN,
            result.recommendation(),
            result.findings(),
            now,
            null,
            null);
    reviews.add(review);
    referral.openReview(review.id(), result.recommendation(), now);
    referrals.save(referral);
    log.info(
        "Review {} opened for referral {}: {}", review.id(), referralId, result.recommendation());
    if (settings.autoApproveLikelyEligible()
        && result.recommendation() == Recommendation.LIKELY_ELIGIBLE
        && referral.details().selfPayAcknowledged()) {
      CellSource preferred = referral.details().preferredCellSource();
      approve(
          review.id(),
          preferred == CellSource.NO_PREFERENCE ? settings.autoApprovalCellSource() : preferred,
          "As referred",
          Decider.AUTOMATIC);
    }
  }

  /**
   * Approves the case for scheduling; the decision records who decided.
   *
   * @throws NotPermittedException when the decider referred the case
   * @throws StateConflictException when the review is decided already, or the patient's self-pay
   *     acknowledgement is not recorded
   */
  @Transactional
  public void approve(UUID reviewId, CellSource cellSource, String injectionSite, Decider decider) {
    if (cellSource == CellSource.NO_PREFERENCE) {
      throw new InvalidValueException("cellSource", "must name the cell source to use");
    }
    EligibilityReview review = reviews.get(reviewId);
    Referral referral = referrals.get(review.referralId());
    requireNotReferredBy(referral, decider);
    review.requireOpen();
    Instant now = clock.instant();
    referral.approve(reviewId, cellSource, now, clinicZone);
    reviews.decide(
        reviewId, new Decision.Approve(cellSource, injectionSite, decider.subject()), now);
    referrals.save(referral);
    // The baseline questionnaire opens with the approval, or neither happens (docs/domain.md §9.2).
    surveys.approved(referral);
    log.info("Review {} approved; referral {} goes to scheduling", reviewId, referral.id());
  }

  /**
   * Declines the case with a reason written for the referring physician, who reads it on the
   * referral's timeline; the event tells other services only that the case was declined (minimum
   * necessary).
   *
   * @throws NotPermittedException when the decider referred the case
   */
  @Transactional
  public void decline(UUID reviewId, String reason, Decider decider) {
    EligibilityReview review = reviews.get(reviewId);
    Referral referral = referrals.get(review.referralId());
    requireNotReferredBy(referral, decider);
    review.requireOpen();
    Instant now = clock.instant();
    referral.decline(reason, now, clinicZone);
    reviews.decide(reviewId, new Decision.Decline(reason, decider.subject()), now);
    referrals.save(referral);
    log.info("Review {} declined", reviewId);
  }

  /**
   * Asks the referring physician for more; the review reopens when the referral is amended. What is
   * needed is on the referral's timeline for the physician, not in the event.
   *
   * @throws NotPermittedException when the decider referred the case
   */
  @Transactional
  public void requestInformation(UUID reviewId, List<String> items, Decider decider) {
    EligibilityReview review = reviews.get(reviewId);
    Referral referral = referrals.get(review.referralId());
    requireNotReferredBy(referral, decider);
    review.requireOpen();
    Instant now = clock.instant();
    referral.requestInformation(items, now);
    reviews.decide(reviewId, new Decision.RequestInformation(items, decider.subject()), now);
    referrals.save(referral);
    log.info("Review {} asks for {} item(s)", reviewId, items.size());
  }

  /** Closes the referral's open review, if any, without a decision (the referral was withdrawn). */
  @Transactional
  public void closeOpenReview(UUID referralId) {
    reviews.closeOpen(referralId, clock.instant());
  }

  /**
   * What the referral's newest pre-screen found, each finding with its code, its effect on the
   * recommendation and its sentence, for those who may read the referral (the referring physician
   * reads why the case was flagged or declined).
   */
  @Transactional(readOnly = true)
  public List<Finding> findings(UUID referralId) {
    return reviews.latestFindings(referralId);
  }

  /**
   * Whether a reviewer may read the referral: it has a review the reviewer may act on (open, and
   * not of a referral they referred) or one they decided. Any other referral, in any state, is not
   * theirs to read.
   */
  @Transactional(readOnly = true)
  public boolean isReadableBy(Referral referral, Decider reviewer) {
    return !referral.isReferredBy(reviewer.npi()) && reviews.hasOpen(referral.id())
        || reviews.hasDecidedBy(referral.id(), reviewer.subject());
  }

  /**
   * Whether a reviewer may read the review: open and not of a referral they referred, or decided by
   * them.
   */
  boolean isReadableBy(EligibilityReview review, Decider reviewer) {
    if (review.state() == ReviewState.OPEN) {
      return !referrals.get(review.referralId()).isReferredBy(reviewer.npi());
    }
    return reviews.isDecidedBy(review.id(), reviewer.subject());
  }

  EligibilityReview review(UUID reviewId) {
    return reviews.get(reviewId);
  }

  /**
   * Open reviews, oldest first, but those of referrals the reviewer referred: they are for another
   * reviewer.
   */
  List<EligibilityReview> queue(Recommendation recommendation, int limit, Decider reviewer) {
    return reviews.queue(recommendation, limit, reviewer.npi());
  }

  /**
   * Separation of duties: a person who holds both roles may refer a patient and review others'
   * referrals, never decide on their own. The referring physician is known by the NPI intake
   * required their token to carry.
   */
  private static void requireNotReferredBy(Referral referral, Decider decider) {
    if (referral.isReferredBy(decider.npi())) {
      throw new NotPermittedException(
          "A referral is never decided by the physician who referred it: another reviewer "
              + "decides referral "
              + referral.id()
              + ".");
    }
  }
}
