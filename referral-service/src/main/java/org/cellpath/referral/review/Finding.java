package org.cellpath.referral.review;

import org.cellpath.contracts.Recommendation;

/**
 * What one rule found: a stable code, how strongly it weighs, and a sentence a referring physician
 * can read. Rules make findings through the factories, which take a {@link FindingCode}, so every
 * code the pre-screen gives is one of that list; the code stays text here, as stored and as
 * answered.
 *
 * @param level {@code null} for an informational finding that does not change the recommendation
 */
public record Finding(String code, Recommendation level, String sentence) {

  static Finding notEligible(FindingCode code, String sentence) {
    return new Finding(code.name(), Recommendation.NOT_ELIGIBLE, sentence);
  }

  static Finding needsReview(FindingCode code, String sentence) {
    return new Finding(code.name(), Recommendation.NEEDS_CLINICIAN_REVIEW, sentence);
  }

  static Finding informational(FindingCode code, String sentence) {
    return new Finding(code.name(), null, sentence);
  }
}
