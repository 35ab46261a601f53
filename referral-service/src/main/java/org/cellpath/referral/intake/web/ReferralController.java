package org.cellpath.referral.intake.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.domain.StateConflictException;
import org.cellpath.referral.audit.AuditAction;
import org.cellpath.referral.audit.ReferralAudit;
import org.cellpath.referral.intake.ChangingReferral;
import org.cellpath.referral.intake.SubmittingReferral;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.ReferralQueries;
import org.cellpath.referral.referral.ReferralStatus;
import org.cellpath.referral.referral.ReferralSummary;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.referral.TimelineEntry;
import org.cellpath.referral.review.Decider;
import org.cellpath.referral.review.Finding;
import org.cellpath.referral.review.ReviewingReferral;
import org.cellpath.security.Caller;
import org.cellpath.security.Roles;
import org.cellpath.web.CallerRateLimiter;
import org.cellpath.web.TooManyRequestsException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Referring physicians submit referrals and follow them: only their own, by the NPI in their token.
 * Another physician's referral is answered exactly like one that does not exist (404), so that the
 * answer does not confirm it exists; the attempt is audited as DENIED. Every read and change is
 * audited.
 */
@RestController
@RequestMapping("/api/referrals")
@Validated
class ReferralController {

  private final SubmittingReferral submitting;
  private final ChangingReferral changing;
  private final Referrals referrals;
  private final ReferralQueries queries;
  private final ReferralAudit audit;
  private final ReviewingReferral reviewing;
  private final CallerRateLimiter submissionRate;

  ReferralController(
      SubmittingReferral submitting,
      ChangingReferral changing,
      Referrals referrals,
      ReferralQueries queries,
      ReferralAudit audit,
      ReviewingReferral reviewing,
      SubmissionRate rate,
      Clock clock) {
    this.submitting = submitting;
    this.changing = changing;
    this.referrals = referrals;
    this.queries = queries;
    this.audit = audit;
    this.reviewing = reviewing;
    this.submissionRate = new CallerRateLimiter(rate.permits(), rate.period(), clock);
  }

  record Submitted(UUID id, ReferralStatus status) {}

  record ReferralView(
      UUID id,
      ReferralStatus status,
      Instant submittedAt,
      ReferralDetails details,
      List<TimelineEntry> timeline,
      List<Finding> findings) {}

  /**
   * Submits a referral for the calling physician: 201 with its location; 200 with the same referral
   * when the {@code Idempotency-Key} was seen before. 403 when {@code physician.npi} is not the NPI
   * in the caller's token; 429 with {@code Retry-After} over the caller's submission rate.
   */
  @PostMapping
  ResponseEntity<Submitted> submit(
      @Valid @RequestBody ReferralRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200)
          String idempotencyKey) {
    Caller caller = Caller.require();
    try {
      submissionRate.acquire(caller.subject());
    } catch (TooManyRequestsException limited) {
      audit.referral(AuditAction.SUBMIT, null, AuditOutcome.RATE_LIMITED);
      throw limited;
    }
    requireCallerNamed(
        request,
        AuditAction.SUBMIT,
        null,
        "A referral is submitted by its referring physician: physician.npi must be the NPI in your token.");
    ReferralDetails details = request.toDetails();
    SubmittingReferral.Submission submission =
        audited(
            AuditAction.SUBMIT,
            null,
            () -> {
              try {
                return submitting.submit(details, idempotencyKey);
              } catch (DuplicateKeyException raced) {
                // The same key submitted twice at once: the other request created it.
                return new SubmittingReferral.Submission(
                    referrals.findByIdempotencyKey(idempotencyKey).orElseThrow(() -> raced), false);
              }
            });
    Referral referral = referrals.get(submission.referralId());
    if (!referral.isReferredBy(caller.npi())) {
      // Another physician's key: say nothing about the referral it names.
      audit.referral(AuditAction.SUBMIT, referral.id(), AuditOutcome.DENIED);
      throw new StateConflictException(
          "This Idempotency-Key was already used; send the referral with a new key");
    }
    audit.referral(AuditAction.SUBMIT, referral.id(), AuditOutcome.ALLOWED);
    Submitted body = new Submitted(referral.id(), referral.status());
    return submission.created()
        ? ResponseEntity.created(URI.create("/api/referrals/" + referral.id())).body(body)
        : ResponseEntity.ok(body);
  }

  record ReferralPage(List<ReferralSummary> items, int page, int size, long total) {}

  /**
   * The calling physician's referrals, newest first, optionally of one status. {@code physicianNpi}
   * may be left out; given, it must be the caller's own NPI (403 otherwise).
   */
  @GetMapping
  ReferralPage referrals(
      @RequestParam(required = false)
          @Pattern(regexp = "\\d{10}", message = "must be a 10-digit NPI")
          String physicianNpi,
      @RequestParam(required = false) ReferralStatus status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    String npi = Caller.require().npi();
    if (npi == null || (physicianNpi != null && !physicianNpi.equals(npi))) {
      audit.listed(AuditAction.LIST, List.of(), AuditOutcome.DENIED);
      throw new ActingForAnotherPhysicianException(
          "A physician lists only their own referrals: leave out physicianNpi or give the NPI in your token.");
    }
    List<ReferralSummary> items = queries.ofPhysician(npi, status, size, (long) page * size);
    ReferralPage answer =
        new ReferralPage(items, page, size, queries.countOfPhysician(npi, status));
    audit.listed(
        AuditAction.LIST, items.stream().map(ReferralSummary::id).toList(), AuditOutcome.ALLOWED);
    return answer;
  }

  /**
   * Answers an information request: the amended referral replaces the submitted one and the review
   * reopens. The referring physician stays the caller (403 when {@code physician.npi} names
   * another).
   */
  @PutMapping("/{id}")
  ResponseEntity<Submitted> amend(
      @PathVariable UUID id, @Valid @RequestBody ReferralRequest amendment) {
    own(id, AuditAction.AMEND);
    requireCallerNamed(
        amendment,
        AuditAction.AMEND,
        id,
        "An amendment keeps the referring physician: physician.npi must be the NPI in your token.");
    audited(
        AuditAction.AMEND,
        id,
        () -> {
          changing.amend(id, amendment.toDetails());
          return null;
        });
    audit.referral(AuditAction.AMEND, id, AuditOutcome.ALLOWED);
    Referral referral = referrals.get(id);
    return ResponseEntity.ok(new Submitted(referral.id(), referral.status()));
  }

  /** Withdraws the referral at any point before completion. */
  @PostMapping("/{id}/withdrawal")
  ResponseEntity<Submitted> withdraw(@PathVariable UUID id) {
    own(id, AuditAction.WITHDRAW);
    audited(
        AuditAction.WITHDRAW,
        id,
        () -> {
          changing.withdraw(id);
          return null;
        });
    audit.referral(AuditAction.WITHDRAW, id, AuditOutcome.ALLOWED);
    Referral referral = referrals.get(id);
    return ResponseEntity.ok(new Submitted(referral.id(), referral.status()));
  }

  /**
   * One referral with its timeline: the referring physician's own, or, for a reviewing clinician,
   * one with a review they may act on (open, and not of their own referral) or one they decided,
   * whose clinical details they need. Any other is 404, the same answer as a missing one, audited
   * DENIED.
   */
  @GetMapping("/{id}")
  ReferralView referral(@PathVariable UUID id) {
    Caller caller = Caller.require();
    Referral referral = existing(id, AuditAction.READ);
    boolean own = caller.has(Roles.PHYSICIAN) && referral.isReferredBy(caller.npi());
    if (!own
        && !(caller.has(Roles.REVIEWER) && reviewing.isReadableBy(referral, Decider.of(caller)))) {
      audit.referral(AuditAction.READ, id, AuditOutcome.DENIED);
      throw Referrals.notFound(id);
    }
    ReferralView view =
        new ReferralView(
            referral.id(),
            referral.status(),
            referral.submittedAt(),
            referral.details(),
            queries.timeline(id),
            reviewing.findings(id));
    audit.referral(AuditAction.READ, id, AuditOutcome.ALLOWED);
    return view;
  }

  /** The referral, whoever referred it; none is 404 (audited NOT_FOUND). */
  private Referral existing(UUID id, AuditAction action) {
    return referrals
        .find(id)
        .orElseThrow(
            () -> {
              audit.referral(action, id, AuditOutcome.NOT_FOUND);
              return Referrals.notFound(id);
            });
  }

  /**
   * The caller's own referral; another physician's, or none, is 404 alike (audited DENIED or
   * NOT_FOUND).
   */
  private Referral own(UUID id, AuditAction action) {
    Referral referral = referrals.find(id).orElse(null);
    if (referral == null) {
      audit.referral(action, id, AuditOutcome.NOT_FOUND);
      throw Referrals.notFound(id);
    }
    if (!referral.isReferredBy(Caller.require().npi())) {
      audit.referral(action, id, AuditOutcome.DENIED);
      throw Referrals.notFound(id);
    }
    return referral;
  }

  private void requireCallerNamed(
      ReferralRequest request, AuditAction action, UUID id, String refusal) {
    if (!request.physician().npi().equals(Caller.require().npi())) {
      audit.referral(action, id, AuditOutcome.DENIED);
      throw new ActingForAnotherPhysicianException(refusal);
    }
  }

  /**
   * Runs a change the caller may make; when a business rule refuses it, the refusal is audited and
   * rethrown.
   */
  private <T> T audited(AuditAction action, UUID id, Supplier<T> change) {
    try {
      return change.get();
    } catch (RuntimeException refused) {
      audit.referral(action, id, AuditOutcome.REFUSED);
      throw refused;
    }
  }
}
