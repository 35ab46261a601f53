package org.cellpath.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.security.AuditEntry;
import org.cellpath.security.Caller;
import org.cellpath.web.TooManyRequestsException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes what the caller of the current request did into the audit trail: the token's subject and
 * roles, the request's peer address (X-Forwarded-For only when the server is configured to trust
 * it), the time from the service's clock, the action, the record and how it ended. Ids and codes
 * only: never a patient's data.
 *
 * <p>Only what people do is audited here: consumers, relays and workers act on events, which carry
 * their own ids and are kept in the inbox and outbox.
 */
public class RequestAudit {

  private final JdbcAuditTrail trail;
  private final Clock clock;

  public RequestAudit(JdbcAuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  /**
   * An action on one record.
   *
   * @param resourceId the record's id, or null when the request named none (or created none)
   * @param referralId the referral the record belongs to, or null when unknown
   */
  public void record(
      AuditedAction action,
      String resourceType,
      @Nullable Object resourceId,
      @Nullable UUID referralId,
      AuditOutcome outcome) {
    trail.record(entry(action, resourceType, resourceId, outcome), referralId, List.of());
  }

  /** A list answer and the referrals it disclosed. */
  public void listed(
      AuditedAction action,
      String resourceType,
      List<UUID> disclosedReferralIds,
      AuditOutcome outcome) {
    trail.record(entry(action, resourceType, null, outcome), null, disclosedReferralIds);
  }

  /**
   * One action that changed several records (a slot template's slots): a row each, written
   * together.
   */
  public void recordEach(
      AuditedAction action, String resourceType, List<?> resourceIds, AuditOutcome outcome) {
    trail.recordAll(
        resourceIds.stream().map(id -> entry(action, resourceType, id, outcome)).toList());
  }

  /**
   * Runs what the caller asked for and audits how it ended: {@code ALLOWED} and the record it read
   * or changed when it returns; when it throws, the outcome that says why ({@link #outcomeOf}) and
   * the record as the request named it, and the exception goes on.
   *
   * @param requested the record as the request names it (before the work: its id, perhaps its
   *     referral)
   * @param done the record as the work's result tells it (a created record's id, its referral)
   */
  public <T> T audited(
      AuditedAction action,
      String resourceType,
      AuditTarget requested,
      Function<? super T, AuditTarget> done,
      Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException failed) {
      record(action, resourceType, requested.id(), requested.referralId(), outcomeOf(failed));
      throw failed;
    }
    AuditTarget target = done.apply(result);
    record(action, resourceType, target.id(), target.referralId(), AuditOutcome.ALLOWED);
    return result;
  }

  /**
   * How a request that threw ended: {@code NOT_FOUND} for a missing record, {@code RATE_LIMITED}
   * over the caller's rate, and {@code REFUSED} for anything else (a conflict, a value a business
   * rule refuses): nothing changed.
   */
  public static AuditOutcome outcomeOf(RuntimeException failure) {
    if (failure instanceof RecordNotFoundException) {
      return AuditOutcome.NOT_FOUND;
    }
    if (failure instanceof TooManyRequestsException) {
      return AuditOutcome.RATE_LIMITED;
    }
    return AuditOutcome.REFUSED;
  }

  private AuditEntry entry(
      AuditedAction action, String type, @Nullable Object id, AuditOutcome outcome) {
    Caller caller = Caller.current().orElse(null);
    return new AuditEntry(
        clock.instant(),
        caller == null ? "anonymous" : caller.subject(),
        caller == null ? "" : caller.rolesText(),
        action.name(),
        type,
        id == null ? null : id.toString(),
        outcome.name(),
        remoteAddress());
  }

  private static @Nullable String remoteAddress() {
    if (RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
