package org.cellpath.referral.insights;

import java.util.UUID;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.referral.audit.AuditAction;
import org.cellpath.referral.audit.ReferralAudit;
import org.cellpath.referral.review.Decider;
import org.cellpath.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the clinic learns: the outcomes summary for reviewing clinicians and clinic staff (as JSON
 * and as CSV), and beside a review the outcomes of similar past cases for the reviewer. Figures in
 * aggregate only; every read is audited, with no figure.
 */
@RestController
class InsightsController {

  private static final MediaType CSV = new MediaType("text", "csv");

  private final OutcomeInsights insights;
  private final ReferralAudit audit;

  InsightsController(OutcomeInsights insights, ReferralAudit audit) {
    this.insights = insights;
    this.audit = audit;
  }

  @GetMapping("/api/outcomes/summary")
  OutcomeSummary summary(
      @RequestParam(required = false) @Nullable String condition,
      @RequestParam(required = false) @Nullable String cellSource,
      @RequestParam(required = false) @Nullable String ageBand,
      @RequestParam(required = false) @Nullable String healthFactor,
      @RequestParam(required = false) @Nullable String timePoint) {
    OutcomeSummary summary =
        insights.summary(
            OutcomeFilter.parse(condition, cellSource, ageBand, healthFactor, timePoint));
    audit.outcomes(AuditAction.OUTCOMES_SUMMARY, AuditOutcome.ALLOWED);
    return summary;
  }

  @GetMapping("/api/outcomes/summary.csv")
  ResponseEntity<String> summaryCsv(
      @RequestParam(required = false) @Nullable String condition,
      @RequestParam(required = false) @Nullable String cellSource,
      @RequestParam(required = false) @Nullable String ageBand,
      @RequestParam(required = false) @Nullable String healthFactor,
      @RequestParam(required = false) @Nullable String timePoint) {
    String csv =
        SummaryCsv.of(
            insights.summary(
                OutcomeFilter.parse(condition, cellSource, ageBand, healthFactor, timePoint)));
    audit.outcomes(AuditAction.OUTCOMES_SUMMARY_CSV, AuditOutcome.ALLOWED);
    return ResponseEntity.ok()
        .contentType(CSV)
        .header("Content-Disposition", "attachment; filename=\"outcomes-summary.csv\"")
        .body(csv);
  }

  /**
   * The outcomes of past cases like the one a review is of; 404 for a review the reviewer may not
   * read, like one that does not exist.
   */
  @GetMapping("/api/reviews/{id}/similar-outcomes")
  SimilarOutcomes similar(@PathVariable UUID id) {
    UUID referralId;
    try {
      referralId = insights.referralOfReview(id, Decider.of(Caller.require()));
    } catch (RecordNotFoundException notReadable) {
      audit.review(AuditAction.SIMILAR_OUTCOMES, id, null, AuditOutcome.NOT_FOUND);
      throw notReadable;
    }
    SimilarOutcomes similar = insights.similar(referralId);
    audit.review(AuditAction.SIMILAR_OUTCOMES, id, referralId, AuditOutcome.ALLOWED);
    return similar;
  }
}
