package org.cellpath.referral.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a group: median and quartiles as PostgreSQL's {@code percentile_cont} computes
 * them (linear interpolation between the two nearest values), and shares. A group of fewer than
 * {@link #MINIMUM_GROUP} cases gets no figure at all (docs/domain.md §9): a median of three
 * patients says nothing and points at people.
 */
public final class Statistics {

  /** The fewest cases a figure is given for. */
  public static final int MINIMUM_GROUP = 5;

  private Statistics() {}

  /**
   * The quartiles of some values.
   *
   * @param n how many values there were
   * @param lowerQuartile the 25th percentile, null when there were no values
   * @param median the 50th percentile, null when there were no values
   * @param upperQuartile the 75th percentile, null when there were no values
   */
  public record Spread(
      int n,
      @Nullable BigDecimal lowerQuartile,
      @Nullable BigDecimal median,
      @Nullable BigDecimal upperQuartile) {}

  public static Spread spread(List<BigDecimal> values) {
    if (values.isEmpty()) {
      return new Spread(0, null, null, null);
    }
    List<BigDecimal> sorted = values.stream().sorted().toList();
    return new Spread(
        sorted.size(),
        percentile(sorted, new BigDecimal("0.25")),
        percentile(sorted, new BigDecimal("0.5")),
        percentile(sorted, new BigDecimal("0.75")));
  }

  /** The share {@code count / of}, between 0 and 1, to four decimals; null when {@code of} is 0. */
  public static @Nullable BigDecimal share(int count, int of) {
    if (of == 0) {
      return null;
    }
    return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(of), 4, RoundingMode.HALF_UP);
  }

  /** Whether a group of {@code n} cases is large enough to be given a figure. */
  public static boolean enough(int n) {
    return n >= MINIMUM_GROUP;
  }

  /** {@code percentile_cont}: position fraction x (n - 1), interpolated between its neighbours. */
  private static BigDecimal percentile(List<BigDecimal> sorted, BigDecimal fraction) {
    BigDecimal position = fraction.multiply(BigDecimal.valueOf(sorted.size() - 1L));
    int below = position.intValue();
    BigDecimal weight = position.subtract(BigDecimal.valueOf(below));
    BigDecimal low = sorted.get(below);
    if (weight.signum() == 0) {
      return scaled(low);
    }
    BigDecimal high = sorted.get(below + 1);
    return scaled(low.add(high.subtract(low).multiply(weight)));
  }

  private static BigDecimal scaled(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }
}
