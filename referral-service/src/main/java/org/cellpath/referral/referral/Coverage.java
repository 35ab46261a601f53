package org.cellpath.referral.referral;

/**
 * What the physician expects of insurance: stem cell therapy is investigational and usually
 * self-pay.
 */
public enum Coverage {
  NONE_EXPECTED,
  UNKNOWN,
  PREAUTHORIZED
}
