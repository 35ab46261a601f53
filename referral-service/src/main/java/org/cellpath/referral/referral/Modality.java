package org.cellpath.referral.referral;

/** Conservative care a patient may have tried before the referral. */
public enum Modality {
  PHYSICAL_THERAPY,
  BRACING_OR_IMMOBILIZATION,
  ANTI_INFLAMMATORY_MEDICATION,
  CORTICOSTEROID_INJECTION,
  CASTING,
  REST,
  ORTHOTICS
}
