package org.cellpath.referral.outcomes;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The change in one subscale between two time points, read in the subscale's own direction: on the
 * NRS pain going down is the improvement, on the FAOS and VISA-A the score going up is. Whether it
 * reaches the subscale's meaningful difference is the change's own question (docs/outcomes.md,
 * "Change").
 */
public record Change(Subscale subscale, @Nullable BigDecimal baseline, @Nullable BigDecimal later) {

  /** The changes of every subscale of one instrument, from {@code baseline} to {@code later}. */
  public static List<Change> between(Scores baseline, Scores later) {
    if (baseline.instrument() != later.instrument()) {
      throw new IllegalArgumentException(
          "cannot compare " + baseline.instrument() + " with " + later.instrument());
    }
    List<SubscaleScore> before = baseline.subscales();
    List<SubscaleScore> after = later.subscales();
    return IntStream.range(0, before.size())
        .mapToObj(
            index ->
                new Change(
                    before.get(index).subscale(),
                    before.get(index).value(),
                    after.get(index).value()))
        .toList();
  }

  /** Both time points have a score; if not, nothing below can be said. */
  public boolean comparable() {
    return baseline != null && later != null;
  }

  /**
   * Points gained in the better direction (negative when worse): later minus baseline on the FAOS
   * and VISA-A, baseline minus later on the NRS; null unless comparable.
   */
  public @Nullable BigDecimal improvement() {
    if (baseline == null || later == null) {
      return null;
    }
    BigDecimal raised = later.subtract(baseline);
    return subscale.higherIsBetter() ? raised : raised.negate();
  }

  /** Better by at least the meaningful difference (a change of exactly it counts). */
  public boolean meaningfulImprovement() {
    BigDecimal improvement = improvement();
    return improvement != null && improvement.compareTo(subscale.meaningfulDifference()) >= 0;
  }

  /** Worse by at least the meaningful difference: on the NRS, pain up by 2 or more. */
  public boolean meaningfulWorsening() {
    BigDecimal improvement = improvement();
    return improvement != null
        && improvement.negate().compareTo(subscale.meaningfulDifference()) >= 0;
  }
}
