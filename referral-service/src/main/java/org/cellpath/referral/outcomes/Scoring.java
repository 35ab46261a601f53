package org.cellpath.referral.outcomes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Scores answers as each instrument's guide says (docs/outcomes.md, "Scoring").
 *
 * <ul>
 *   <li>Pain NRS: the number chosen; none if unanswered.
 *   <li>FAOS, each subscale on its own: 100 - mean item score x 100/4, the mean taken over the
 *       items answered. The guide substitutes the subscale's average for one or two missing items,
 *       which gives the same score; with more missing the subscale has no score. FAOS scores are
 *       rounded half up to two decimals, which the guide leaves open, so that a change is computed
 *       on the figures a clinician sees.
 *   <li>VISA-A: the sum of the eight answers (question 8 being whichever of its three alternatives
 *       applies), 0 to 100; Robinson et al. (2001) give no rule for missing answers, so an
 *       incomplete questionnaire has no score.
 * </ul>
 */
public final class Scoring {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal FAOS_POINTS_PER_ITEM_SCORE = BigDecimal.valueOf(25);
  static final int SCALE = 2;

  private Scoring() {}

  public static Scores score(Answers answers) {
    Instrument instrument = answers.instrument();
    return new Scores(
        instrument,
        instrument.subscales().stream().map(subscale -> score(subscale, answers)).toList());
  }

  private static SubscaleScore score(Subscale subscale, Answers answers) {
    List<Integer> given =
        subscale.items().stream().map(answers::of).filter(Objects::nonNull).toList();
    return new SubscaleScore(subscale, value(subscale, given), given.size());
  }

  private static @Nullable BigDecimal value(Subscale subscale, List<Integer> given) {
    return switch (subscale.instrument()) {
      case PAIN_NRS -> given.isEmpty() ? null : BigDecimal.valueOf(given.get(0));
      case FAOS -> faos(subscale, given);
      case VISA_A -> visaA(given);
    };
  }

  private static @Nullable BigDecimal faos(Subscale subscale, List<Integer> given) {
    int missing = subscale.items().size() - given.size();
    if (missing > subscale.maxMissing()) {
      return null;
    }
    int sum = given.stream().mapToInt(Integer::intValue).sum();
    BigDecimal problems =
        FAOS_POINTS_PER_ITEM_SCORE
            .multiply(BigDecimal.valueOf(sum))
            .divide(BigDecimal.valueOf(given.size()), SCALE, RoundingMode.HALF_UP);
    return HUNDRED.subtract(problems).setScale(SCALE, RoundingMode.UNNECESSARY);
  }

  /**
   * Complete means questions 1 to 7 and one alternative of question 8 ({@link Answers} refuses
   * two): 8 answers.
   */
  private static @Nullable BigDecimal visaA(List<Integer> given) {
    if (given.size() != 8) {
      return null;
    }
    return BigDecimal.valueOf(given.stream().mapToInt(Integer::intValue).sum());
  }
}
