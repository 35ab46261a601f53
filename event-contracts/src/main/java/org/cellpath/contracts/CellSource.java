package org.cellpath.contracts;

/** Where the mesenchymal stem cells come from. */
public enum CellSource {
  /** Autologous, harvested from the iliac crest. */
  BONE_MARROW,
  /** Autologous, harvested from abdominal or thigh fat. */
  ADIPOSE,
  /** Donated, screened amniotic tissue product from a tissue bank. */
  AMNIOTIC,
  /** Donated, screened umbilical cord tissue product from a tissue bank. */
  UMBILICAL_CORD,
  /**
   * The referring physician leaves the choice to the reviewing clinician (referral only, never
   * approved).
   */
  NO_PREFERENCE;

  /** Whether the cells are the patient's own, which needs a harvest before the injection. */
  public boolean isAutologous() {
    return this == BONE_MARROW || this == ADIPOSE;
  }
}
