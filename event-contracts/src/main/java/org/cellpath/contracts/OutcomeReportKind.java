package org.cellpath.contracts;

/** The reports on a treated case that go back to the referring physician (docs/domain.md §9). */
public enum OutcomeReportKind {
  /** After the 6-week questionnaire. */
  INTERIM,
  /** After the 24-week questionnaire. */
  FINAL
}
