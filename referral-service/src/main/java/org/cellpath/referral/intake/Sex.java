package org.cellpath.referral.intake;

public enum Sex {
  FEMALE,
  MALE,
  OTHER,
  UNDISCLOSED
}
