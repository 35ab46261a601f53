package org.cellpath.referral.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.Recommendation;
import org.cellpath.domain.NotPermittedException;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.referral.audit.AuditAction;
import org.cellpath.referral.audit.ReferralAudit;
import org.cellpath.referral.referral.ReferralQueries;
import org.cellpath.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewing clinician's API: the queue of open reviews, one review's findings, and the
 * decision. A reviewer reads a review they may act on (open, of a referral they did not refer) or
 * one they decided; any other is answered 404, like one that does not exist. Nobody decides a
 * review of a referral they referred: 403. Every read and decision is audited with the review's
 * referral.
 */
@RestController
@RequestMapping("/api/reviews")
@Validated
class ReviewController {

  private final ReviewingReferral reviewing;
  private final ReferralQueries referrals;
  private final ReferralAudit audit;

  ReviewController(ReviewingReferral reviewing, ReferralQueries referrals, ReferralAudit audit) {
    this.reviewing = reviewing;
    this.referrals = referrals;
    this.audit = audit;
  }

  /**
   * A review as reviewers read it.
   *
   * @param patientName the patient's given and family name, so that the reviewer can recognise the
   *     case; for the response body only
   */
  record ReviewView(
      UUID id,
      UUID referralId,
      ReviewState state,
      Recommendation recommendation,
      List<Finding> findings,
      Instant openedAt,
      Instant decidedAt,
      String patientName) {

    static ReviewView of(EligibilityReview review, String patientName) {
      return new ReviewView(
          review.id(),
          review.referralId(),
          review.state(),
          review.recommendation(),
          review.findings(),
          review.openedAt(),
          review.decidedAt(),
          patientName);
    }
  }

  record Approval(
      @NotNull CellSource cellSource, @NotBlank @Size(max = 200) String injectionSite) {}

  record Decline(@NotBlank @Size(max = 2000) String reason) {}

  record InformationRequest(
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> items) {}

  /**
   * Open reviews, oldest first, each with its patient's name; not those of referrals the caller
   * referred.
   */
  @GetMapping
  List<ReviewView> queue(
      @RequestParam(required = false) Recommendation recommendation,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    List<EligibilityReview> open =
        reviewing.queue(recommendation, limit, Decider.of(Caller.require()));
    List<UUID> referralIds = open.stream().map(EligibilityReview::referralId).toList();
    Map<UUID, String> names = referrals.patientNames(referralIds);
    audit.listed(AuditAction.REVIEW_QUEUE, referralIds, AuditOutcome.ALLOWED);
    return open.stream()
        .map(review -> ReviewView.of(review, names.get(review.referralId())))
        .toList();
  }

  @GetMapping("/{id}")
  ReviewView review(@PathVariable UUID id) {
    EligibilityReview review = find(id, AuditAction.REVIEW_READ);
    if (!reviewing.isReadableBy(review, Decider.of(Caller.require()))) {
      audit.review(AuditAction.REVIEW_READ, id, review.referralId(), AuditOutcome.DENIED);
      throw new RecordNotFoundException("Review " + id + " not found");
    }
    audit.review(AuditAction.REVIEW_READ, id, review.referralId(), AuditOutcome.ALLOWED);
    return view(review);
  }

  /** Approves the case; the decision is recorded as the caller's (the token's subject). */
  @PostMapping("/{id}/approval")
  ResponseEntity<ReviewView> approve(@PathVariable UUID id, @Valid @RequestBody Approval approval) {
    return decide(
        id,
        AuditAction.APPROVE,
        () ->
            reviewing.approve(
                id, approval.cellSource(), approval.injectionSite(), Decider.of(Caller.require())));
  }

  @PostMapping("/{id}/decline")
  ResponseEntity<ReviewView> decline(@PathVariable UUID id, @Valid @RequestBody Decline decline) {
    return decide(
        id,
        AuditAction.DECLINE,
        () -> reviewing.decline(id, decline.reason(), Decider.of(Caller.require())));
  }

  @PostMapping("/{id}/information-request")
  ResponseEntity<ReviewView> requestInformation(
      @PathVariable UUID id, @Valid @RequestBody InformationRequest request) {
    return decide(
        id,
        AuditAction.REQUEST_INFO,
        () -> reviewing.requestInformation(id, request.items(), Decider.of(Caller.require())));
  }

  private ResponseEntity<ReviewView> decide(UUID id, AuditAction action, Runnable decision) {
    UUID referralId = find(id, action).referralId();
    try {
      decision.run();
    } catch (NotPermittedException denied) {
      audit.review(action, id, referralId, AuditOutcome.DENIED);
      throw denied;
    } catch (RuntimeException refused) {
      audit.review(action, id, referralId, AuditOutcome.REFUSED);
      throw refused;
    }
    audit.review(action, id, referralId, AuditOutcome.ALLOWED);
    return ResponseEntity.ok(view(reviewing.review(id)));
  }

  private ReviewView view(EligibilityReview review) {
    return ReviewView.of(
        review, referrals.patientNames(List.of(review.referralId())).get(review.referralId()));
  }

  private EligibilityReview find(UUID id, AuditAction action) {
    try {
      return reviewing.review(id);
    } catch (RecordNotFoundException missing) {
      audit.review(action, id, null, AuditOutcome.NOT_FOUND);
      throw missing;
    }
  }
}
