package org.cellpath.referral.referral;

public enum CareResult {
  NO_IMPROVEMENT,
  PARTIAL_IMPROVEMENT,
  TEMPORARY_IMPROVEMENT,
  WORSENED
}
