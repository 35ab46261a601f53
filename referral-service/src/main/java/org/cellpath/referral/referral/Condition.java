package org.cellpath.referral.referral;

/**
 * Conditions the clinic treats (docs/domain.md §2); {@code OTHER} is accepted and found out of
 * scope.
 */
public enum Condition {
  ACHILLES_TENDON_INJURY,
  POSTERIOR_TIBIAL_TENDON_DYSFUNCTION,
  CHRONIC_LATERAL_ANKLE_INSTABILITY,
  TENDON_OR_LIGAMENT_TEAR,
  ANKLE_OSTEOARTHRITIS,
  NON_HEALING_FRACTURE,
  OTHER;

  public boolean inScope() {
    return this != OTHER;
  }
}
