package org.cellpath.contracts;

/**
 * When a patient is asked how they are (docs/domain.md §9): once before the procedure, then 6, 12
 * and 24 weeks after the injection.
 */
public enum SurveyTimePoint {
  /** After approval and before the procedure. */
  BASELINE,
  WEEK_6,
  WEEK_12,
  WEEK_24
}
