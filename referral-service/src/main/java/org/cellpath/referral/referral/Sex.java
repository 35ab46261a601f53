package org.cellpath.referral.referral;

public enum Sex {
  FEMALE,
  MALE,
  OTHER,
  UNDISCLOSED
}
