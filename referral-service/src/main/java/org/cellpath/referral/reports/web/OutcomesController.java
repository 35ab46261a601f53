package org.cellpath.referral.reports.web;

import java.util.UUID;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.referral.audit.AuditAction;
import org.cellpath.referral.audit.ReferralAudit;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.reports.ReferralOutcomes;
import org.cellpath.security.Caller;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The referring physician reads their referral's outcomes: the scores over time, the change from
 * baseline and the reports ready (ADR 42). Only their own referral, by the NPI in their token;
 * another physician's is answered like a missing one (404, audited DENIED), as {@code GET
 * /api/referrals/{id}} does. Every read is audited: the scores are clinical.
 */
@RestController
class OutcomesController {

  private final Referrals referrals;
  private final ReferralOutcomes outcomes;
  private final ReferralAudit audit;

  OutcomesController(Referrals referrals, ReferralOutcomes outcomes, ReferralAudit audit) {
    this.referrals = referrals;
    this.outcomes = outcomes;
    this.audit = audit;
  }

  @GetMapping("/api/referrals/{id}/outcomes")
  ResponseEntity<ReferralOutcomes.Outcomes> outcomes(@PathVariable UUID id) {
    Referral referral = referrals.find(id).orElse(null);
    if (referral == null) {
      audit.referral(AuditAction.OUTCOMES_READ, id, AuditOutcome.NOT_FOUND);
      throw Referrals.notFound(id);
    }
    if (!referral.isReferredBy(Caller.require().npi())) {
      audit.referral(AuditAction.OUTCOMES_READ, id, AuditOutcome.DENIED);
      throw Referrals.notFound(id);
    }
    ReferralOutcomes.Outcomes answer = outcomes.of(id);
    audit.referral(AuditAction.OUTCOMES_READ, id, AuditOutcome.ALLOWED);
    // Scores are clinical: no shared cache keeps them.
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
  }
}
