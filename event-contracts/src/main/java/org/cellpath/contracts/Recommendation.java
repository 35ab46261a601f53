package org.cellpath.contracts;

/**
 * The pre-screen's recommendation: the strongest finding wins, in the order NOT_ELIGIBLE,
 * NEEDS_CLINICIAN_REVIEW, LIKELY_ELIGIBLE.
 */
public enum Recommendation {
  LIKELY_ELIGIBLE,
  NEEDS_CLINICIAN_REVIEW,
  NOT_ELIGIBLE
}
