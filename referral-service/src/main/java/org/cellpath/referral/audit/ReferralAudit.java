package org.cellpath.referral.audit;

import java.util.List;
import java.util.UUID;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.RequestAudit;
import org.springframework.stereotype.Component;

/**
 * What the caller of the current request did to a referral or a review, in the service's audit
 * trail (service-support's {@link RequestAudit}: the token's subject and roles, the request's peer
 * address, the time from the service's clock).
 */
@Component
public class ReferralAudit {

  private static final String REFERRAL = "referral";
  private static final String REVIEW = "review";
  private static final String SURVEY = "outcome-survey";
  private static final String OUTCOMES = "outcomes";

  private final RequestAudit audit;

  ReferralAudit(RequestAudit audit) {
    this.audit = audit;
  }

  /** An action on one referral, or on none yet (a submission that did not create one). */
  public void referral(AuditAction action, UUID referralId, AuditOutcome outcome) {
    audit.record(action, REFERRAL, referralId, referralId, outcome);
  }

  /**
   * An action on one review of a referral ({@code referralId} null when the review does not exist).
   */
  public void review(AuditAction action, UUID reviewId, UUID referralId, AuditOutcome outcome) {
    audit.record(action, REVIEW, reviewId, referralId, outcome);
  }

  /**
   * A use of a questionnaire's link ({@code surveyId} and {@code referralId} null when the link
   * opened nothing).
   */
  public void survey(
      AuditAction action,
      @org.jspecify.annotations.Nullable UUID surveyId,
      @org.jspecify.annotations.Nullable UUID referralId,
      AuditOutcome outcome) {
    audit.record(action, SURVEY, surveyId, referralId, outcome);
  }

  /** A read of the clinic's outcomes in aggregate, which names no referral. */
  public void outcomes(AuditAction action, AuditOutcome outcome) {
    audit.record(action, OUTCOMES, null, null, outcome);
  }

  /** A list answer and the referrals it disclosed. */
  public void listed(AuditAction action, List<UUID> referralIds, AuditOutcome outcome) {
    audit.listed(action, REFERRAL, referralIds, outcome);
  }
}
