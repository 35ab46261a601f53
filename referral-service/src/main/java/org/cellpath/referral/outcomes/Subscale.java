package org.cellpath.referral.outcomes;

import java.math.BigDecimal;
import java.util.List;

/**
 * A separately scored part of an instrument, with the rules that score it: its range and direction,
 * how many of its items may be missing, and the change that matters to a patient
 * (docs/outcomes.md). The NRS and the VISA-A have one subscale each, their total.
 */
public enum Subscale {
  /** 0 to 10, lower is better; 2 points is the clinically important change (Farrar et al. 2001). */
  NRS_PAIN(Instrument.PAIN_NRS, "pain", 0, 10, false, 0, new BigDecimal("2")),
  /**
   * The FAOS subscales: 0 to 100, 100 = no problems; 10 points is the commonly used clinically
   * relevant difference (docs/domain.md §9). The FAOS user's guide scores a subscale with one or
   * two of its items missing and not with more (docs/outcomes.md, "Missing items").
   */
  FAOS_PAIN(Instrument.FAOS, "Pain", 0, 100, true, 2, BigDecimal.TEN),
  FAOS_SYMPTOMS(Instrument.FAOS, "Symptoms", 0, 100, true, 2, BigDecimal.TEN),
  FAOS_ADL(Instrument.FAOS, "ADL", 0, 100, true, 2, BigDecimal.TEN),
  FAOS_SPORT_REC(Instrument.FAOS, "Sport/Rec", 0, 100, true, 2, BigDecimal.TEN),
  FAOS_QOL(Instrument.FAOS, "QOL", 0, 100, true, 2, BigDecimal.TEN),
  /**
   * 0 to 100, higher is better. Robinson et al. (2001) give no rule for missing items, so only a
   * complete questionnaire is scored. 14 points is the minimal clinically important difference
   * found over 12 weeks in active people with midportion Achilles tendinopathy (JOSPT 2021; 7
   * points over 24 weeks in the same study), the time point the flag rule reads.
   */
  VISA_A_TOTAL(Instrument.VISA_A, "total", 0, 100, true, 0, new BigDecimal("14"));

  private final Instrument instrument;
  private final String label;
  private final int worst;
  private final int best;
  private final boolean higherIsBetter;
  private final int maxMissing;
  private final BigDecimal meaningfulDifference;

  Subscale(
      Instrument instrument,
      String label,
      int low,
      int high,
      boolean higherIsBetter,
      int maxMissing,
      BigDecimal meaningfulDifference) {
    this.instrument = instrument;
    this.label = label;
    this.worst = higherIsBetter ? low : high;
    this.best = higherIsBetter ? high : low;
    this.higherIsBetter = higherIsBetter;
    this.maxMissing = maxMissing;
    this.meaningfulDifference = meaningfulDifference;
  }

  public Instrument instrument() {
    return instrument;
  }

  /** Its name as the instrument's guide gives it ({@code Sport/Rec}). */
  public String label() {
    return label;
  }

  public int best() {
    return best;
  }

  public int worst() {
    return worst;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** How many of its items may be left unanswered and the subscale still be scored. */
  public int maxMissing() {
    return maxMissing;
  }

  /** The smallest change, in points, that matters to a patient. */
  public BigDecimal meaningfulDifference() {
    return meaningfulDifference;
  }

  /** Its items, in the order of the questionnaire. */
  public List<Item> items() {
    return instrument.items().stream().filter(item -> item.subscale() == this).toList();
  }

  /** "FAOS Sport/Rec"; an instrument with a single score is named alone ("VISA-A"). */
  @Override
  public String toString() {
    return instrument.subscales().size() == 1
        ? instrument.displayName()
        : instrument.displayName() + " " + label;
  }
}
