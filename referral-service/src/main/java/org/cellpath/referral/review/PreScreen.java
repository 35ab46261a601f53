package org.cellpath.referral.review;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.cellpath.contracts.Recommendation;
import org.cellpath.referral.referral.ReferralDetails;

/**
 * The automatic pre-screen: every rule runs, all findings are kept, and the recommendation is the
 * strongest finding ({@code NOT_ELIGIBLE} over {@code NEEDS_CLINICIAN_REVIEW} over {@code
 * LIKELY_ELIGIBLE}). It never decides.
 */
public final class PreScreen {

  private final List<EligibilityRule> rules;

  PreScreen(List<EligibilityRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The clinic's eligibility rules (docs/domain.md §3). */
  public static PreScreen standard() {
    return new PreScreen(EligibilityRules.all());
  }

  /** The findings and recommendation for a referral, as of {@code today} in the clinic's zone. */
  public Result assess(ReferralDetails referral, LocalDate today) {
    List<Finding> findings =
        rules.stream().flatMap(rule -> rule.assess(referral, today).stream()).toList();
    Recommendation recommendation =
        findings.stream()
            .map(Finding::level)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(Recommendation.LIKELY_ELIGIBLE);
    return new Result(recommendation, findings);
  }

  public record Result(Recommendation recommendation, List<Finding> findings) {}
}
