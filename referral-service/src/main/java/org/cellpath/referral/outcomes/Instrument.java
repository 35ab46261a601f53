package org.cellpath.referral.outcomes;

import java.util.Arrays;
import java.util.List;
import org.cellpath.referral.referral.Condition;

/**
 * An outcome instrument the clinic asks patients to fill in (docs/domain.md §9, docs/outcomes.md).
 * Its items, subscales and answer options are in {@link Item} and {@link Subscale}; its sources and
 * terms of use in ADR 38.
 */
public enum Instrument {
  /** The 11-point numeric rating scale for the worst pain in the last week, 0 to 10. */
  PAIN_NRS("pain NRS", "nrs"),
  /** The Foot and Ankle Outcome Score (Roos et al. 2001): 42 items in five subscales. */
  FAOS("FAOS", "faos"),
  /** The VISA-A (Robinson et al. 2001): 8 items on Achilles tendinopathy, 0 to 100. */
  VISA_A("VISA-A", "visa_a");

  private final String displayName;
  private final String bundleName;

  Instrument(String displayName, String bundleName) {
    this.displayName = displayName;
    this.bundleName = bundleName;
  }

  public String displayName() {
    return displayName;
  }

  /** The base name of its wording files under {@code outcomes/} ({@code faos_en.properties}). */
  String bundleName() {
    return bundleName;
  }

  /**
   * Whether the clinic asks this instrument of a case with this condition: the NRS and FAOS of
   * every case; the VISA-A only of Achilles cases, the only tendon it was built and validated for
   * (docs/domain.md §9).
   */
  public boolean appliesTo(Condition condition) {
    return this != VISA_A || condition == Condition.ACHILLES_TENDON_INJURY;
  }

  /** The instruments a case with this condition is asked, in the order they are presented. */
  public static List<Instrument> forCondition(Condition condition) {
    return Arrays.stream(values()).filter(instrument -> instrument.appliesTo(condition)).toList();
  }

  /** Its items, in the order of the questionnaire. */
  public List<Item> items() {
    return Items.of(this);
  }

  /**
   * Its subscales, each scored on its own ({@code FAOS}) or one total ({@code NRS}, {@code
   * VISA-A}).
   */
  public List<Subscale> subscales() {
    return Arrays.stream(Subscale.values())
        .filter(subscale -> subscale.instrument() == this)
        .toList();
  }
}
