package org.cellpath.referral.review;

/**
 * Every code a pre-screen finding can carry: the stable part of a finding, which clients may
 * translate (the web console's {@code finding.<CODE>} messages) while the sentence beside it stays
 * English. Findings already stored keep their code as text, so a code is only ever added here,
 * never renamed.
 */
public enum FindingCode {
  CONDITION_OUT_OF_SCOPE,
  CONSERVATIVE_CARE_NOT_EXHAUSTED,
  FRACTURE_TOO_RECENT,
  FRACTURE_NOT_IMMOBILIZED,
  ACTIVE_INFECTION,
  ACTIVE_CANCER,
  BLEEDING_DISORDER,
  ANTICOAGULANT_USE,
  PREGNANCY,
  SEVERE_OSTEOARTHRITIS,
  PATIENT_UNDER_18,
  DIABETES,
  SMOKING,
  OSTEOPOROSIS,
  PATIENT_OVER_70,
  PRIOR_SURGERY,
  SELF_PAY_NOT_ACKNOWLEDGED
}
