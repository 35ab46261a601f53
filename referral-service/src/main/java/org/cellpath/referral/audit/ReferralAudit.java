package org.cellpath.referral.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.cellpath.security.AuditEntry;
import org.cellpath.security.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes what the caller of the current request did to a referral or a review into the audit trail: the token's
 * subject and roles, the request's peer address (X-Forwarded-For only when the server is configured to trust it),
 * the time from the service's clock.
 */
@Component
public class ReferralAudit {

  private static final String REFERRAL = "referral";
  private static final String REVIEW = "review";

  private final JdbcAuditTrail trail;
  private final Clock clock;

  ReferralAudit(JdbcAuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  /** An action on one referral, or on none yet (a submission that did not create one). */
  public void referral(AuditAction action, UUID referralId, AuditOutcome outcome) {
    trail.record(entry(action, REFERRAL, referralId, outcome), referralId, List.of());
  }

  /** An action on one review of a referral ({@code referralId} null when the review does not exist). */
  public void review(AuditAction action, UUID reviewId, UUID referralId, AuditOutcome outcome) {
    trail.record(entry(action, REVIEW, reviewId, outcome), referralId, List.of());
  }

  /** A list answer and the referrals it disclosed. */
  public void listed(AuditAction action, List<UUID> referralIds, AuditOutcome outcome) {
    trail.record(entry(action, REFERRAL, null, outcome), null, referralIds);
  }

  private AuditEntry entry(AuditAction action, String type, UUID id, AuditOutcome outcome) {
    Caller caller = Caller.current().orElse(null);
    return new AuditEntry(clock.instant(), caller == null ? "anonymous" : caller.subject(),
        caller == null ? "" : caller.rolesText(), action.name(), type, id == null ? null : id.toString(),
        outcome.name(), remoteAddress());
  }

  private static String remoteAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
