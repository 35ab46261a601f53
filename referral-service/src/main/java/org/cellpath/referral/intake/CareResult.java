package org.cellpath.referral.intake;

public enum CareResult {
  NO_IMPROVEMENT,
  PARTIAL_IMPROVEMENT,
  TEMPORARY_IMPROVEMENT,
  WORSENED
}
