package org.cellpath.referral.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.referral.core.Referral;
import org.cellpath.referral.core.ReferralStatus;
import org.cellpath.referral.core.ReferralSummary;
import org.cellpath.referral.core.Referrals;
import org.cellpath.referral.core.TimelineEntry;
import org.cellpath.referral.intake.ChangingReferral;
import org.cellpath.referral.intake.ReferralDetails;
import org.cellpath.referral.intake.SubmittingReferral;
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

/** Referring physicians submit referrals and follow them. */
@RestController
@RequestMapping("/api/referrals")
@Validated
class ReferralController {

  private final SubmittingReferral submitting;
  private final ChangingReferral changing;
  private final Referrals referrals;

  ReferralController(SubmittingReferral submitting, ChangingReferral changing, Referrals referrals) {
    this.submitting = submitting;
    this.changing = changing;
    this.referrals = referrals;
  }

  record Submitted(UUID id, ReferralStatus status) {}

  record ReferralView(UUID id, ReferralStatus status, Instant submittedAt, ReferralDetails details,
      List<TimelineEntry> timeline) {}

  /**
   * Submits a referral: 201 with its location; 200 with the same referral when the {@code Idempotency-Key} was
   * seen before.
   */
  @PostMapping
  ResponseEntity<Submitted> submit(@Valid @RequestBody ReferralDetails details,
      @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey) {
    SubmittingReferral.Submission submission;
    try {
      submission = submitting.submit(details, idempotencyKey);
    } catch (DuplicateKeyException raced) {
      // The same key submitted twice at once: the other request created it.
      submission = new SubmittingReferral.Submission(
          referrals.findByIdempotencyKey(idempotencyKey).orElseThrow(() -> raced), false);
    }
    Referral referral = referrals.get(submission.referralId());
    Submitted body = new Submitted(referral.id(), referral.status());
    return submission.created()
        ? ResponseEntity.created(URI.create("/api/referrals/" + referral.id())).body(body)
        : ResponseEntity.ok(body);
  }

  record ReferralPage(List<ReferralSummary> items, int page, int size, long total) {}

  /**
   * A physician's referrals, newest first, optionally of one status. (The NPI comes from the caller's token once
   * the APIs are authenticated.)
   */
  @GetMapping
  ReferralPage referrals(@RequestParam @Pattern(regexp = "\\d{10}", message = "must be a 10-digit NPI") String physicianNpi,
      @RequestParam(required = false) ReferralStatus status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return new ReferralPage(referrals.ofPhysician(physicianNpi, status, size, (long) page * size), page, size,
        referrals.countOfPhysician(physicianNpi, status));
  }

  /** Answers an information request: the amended referral replaces the submitted one and the review reopens. */
  @PutMapping("/{id}")
  ResponseEntity<Submitted> amend(@PathVariable UUID id, @Valid @RequestBody ReferralDetails amended) {
    changing.amend(id, amended);
    Referral referral = referrals.get(id);
    return ResponseEntity.ok(new Submitted(referral.id(), referral.status()));
  }

  /** Withdraws the referral at any point before completion. */
  @PostMapping("/{id}/withdrawal")
  ResponseEntity<Submitted> withdraw(@PathVariable UUID id) {
    changing.withdraw(id);
    Referral referral = referrals.get(id);
    return ResponseEntity.ok(new Submitted(referral.id(), referral.status()));
  }

  @GetMapping("/{id}")
  ReferralView referral(@PathVariable UUID id) {
    Referral referral = referrals.get(id);
    return new ReferralView(referral.id(), referral.status(), referral.submittedAt(), referral.details(),
        referrals.timeline(id));
  }
}
