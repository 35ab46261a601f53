package org.cellpath.referral.intake;

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
