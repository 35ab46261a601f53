package org.cellpath.referral.outcomes;

import java.util.List;

/**
 * What the 12-week rule found for one case.
 *
 * @param findings each a reason to open a clinician task; none, no task
 * @param notCompared subscales the rule could not read, because one of the two time points has no
 *     score for them (an instrument not answered, or too many items missing); they open no task by
 *     themselves, and the clinician sees them with the findings
 */
public record TwelveWeekReview(List<TwelveWeekFinding> findings, List<Subscale> notCompared) {

  public TwelveWeekReview {
    findings = List.copyOf(findings);
    notCompared = List.copyOf(notCompared);
  }

  public boolean opensClinicianTask() {
    return !findings.isEmpty();
  }
}
