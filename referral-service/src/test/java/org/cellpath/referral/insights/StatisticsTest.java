package org.cellpath.referral.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Median, quartiles and shares as PostgreSQL's percentile_cont would give them. */
class StatisticsTest {

  @Test
  void anOddCountsMedianIsItsMiddleValueWhateverTheOrder() {
    Statistics.Spread spread = Statistics.spread(values("4", "0", "2", "3", "1"));

    assertThat(spread.n()).isEqualTo(5);
    assertThat(spread.median()).isEqualByComparingTo("2");
    assertThat(spread.lowerQuartile()).isEqualByComparingTo("1");
    assertThat(spread.upperQuartile()).isEqualByComparingTo("3");
  }

  @Test
  void betweenTwoValuesTheQuantileIsInterpolated() {
    // positions 0.75, 1.5 and 2.25 of 1, 2, 3, 4
    Statistics.Spread spread = Statistics.spread(values("1", "2", "3", "4"));

    assertThat(spread.lowerQuartile()).isEqualTo(new BigDecimal("1.75"));
    assertThat(spread.median()).isEqualTo(new BigDecimal("2.50"));
    assertThat(spread.upperQuartile()).isEqualTo(new BigDecimal("3.25"));
  }

  @Test
  void tiedValuesGiveAnIntervalOfNoWidth() {
    Statistics.Spread spread = Statistics.spread(values("5", "5", "5", "5", "5", "-3"));

    assertThat(spread.lowerQuartile()).isEqualByComparingTo("5");
    assertThat(spread.median()).isEqualByComparingTo("5");
    assertThat(spread.upperQuartile()).isEqualByComparingTo("5");
  }

  @Test
  void negativeChangesAndDecimalsKeepTwoDecimals() {
    Statistics.Spread spread = Statistics.spread(values("-10.5", "16.67", "-2.25"));

    assertThat(spread.median()).isEqualTo(new BigDecimal("-2.25"));
    // -10.5 + (-2.25 - -10.5) x 0.5
    assertThat(spread.lowerQuartile()).isEqualTo(new BigDecimal("-6.38"));
    // -2.25 + (16.67 - -2.25) x 0.5
    assertThat(spread.upperQuartile()).isEqualTo(new BigDecimal("7.21"));
  }

  @Test
  void noValuesGiveNoFigure() {
    Statistics.Spread spread = Statistics.spread(List.of());

    assertThat(spread.n()).isZero();
    assertThat(spread.median()).isNull();
    assertThat(spread.lowerQuartile()).isNull();
    assertThat(spread.upperQuartile()).isNull();
  }

  @Test
  void aShareIsToFourDecimalsAndNoneOfNothing() {
    assertThat(Statistics.share(2, 3)).isEqualTo(new BigDecimal("0.6667"));
    assertThat(Statistics.share(5, 5)).isEqualByComparingTo("1");
    assertThat(Statistics.share(0, 5)).isEqualByComparingTo("0");
    assertThat(Statistics.share(0, 0)).isNull();
  }

  @Test
  void fiveCasesAreTheFewestGivenAFigure() {
    assertThat(Statistics.enough(4)).isFalse();
    assertThat(Statistics.enough(5)).isTrue();
    assertThat(Statistics.enough(0)).isFalse();
  }

  private static List<BigDecimal> values(String... values) {
    return Arrays.stream(values).map(BigDecimal::new).toList();
  }
}
