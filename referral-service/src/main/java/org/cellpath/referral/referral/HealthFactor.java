package org.cellpath.referral.referral;

public enum HealthFactor {
  DIABETES,
  SMOKING,
  OSTEOPOROSIS,
  ACTIVE_INFECTION,
  ACTIVE_CANCER,
  BLEEDING_DISORDER,
  ANTICOAGULANT_USE,
  PREGNANCY
}
