package org.cellpath.referral.review;

import org.cellpath.contracts.Recommendation;

/**
 * What one rule found: a stable code, how strongly it weighs, and a sentence a referring physician can read.
 *
 * @param level {@code null} for an informational finding that does not change the recommendation
 */
public record Finding(String code, Recommendation level, String sentence) {

  static Finding notEligible(String code, String sentence) {
    return new Finding(code, Recommendation.NOT_ELIGIBLE, sentence);
  }

  static Finding needsReview(String code, String sentence) {
    return new Finding(code, Recommendation.NEEDS_CLINICIAN_REVIEW, sentence);
  }

  static Finding informational(String code, String sentence) {
    return new Finding(code, null, sentence);
  }
}
