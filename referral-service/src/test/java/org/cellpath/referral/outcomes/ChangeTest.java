package org.cellpath.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChangeTest {

  @Test
  void readsPainGoingDownAsTheImprovement() {
    Change change = new Change(Subscale.NRS_PAIN, new BigDecimal("7"), new BigDecimal("4"));

    assertThat(change.improvement()).isEqualByComparingTo("3");
    assertThat(change.meaningfulImprovement()).isTrue();
    assertThat(change.meaningfulWorsening()).isFalse();
  }

  @Test
  void readsAFaosScoreGoingDownAsAWorsening() {
    Change change = new Change(Subscale.FAOS_ADL, new BigDecimal("70.00"), new BigDecimal("58.24"));

    assertThat(change.improvement()).isEqualByComparingTo("-11.76");
    assertThat(change.meaningfulImprovement()).isFalse();
    assertThat(change.meaningfulWorsening()).isTrue();
  }

  @Test
  void saysNothingWhenEitherTimePointHasNoScore() {
    Change change = new Change(Subscale.FAOS_QOL, null, new BigDecimal("50"));

    assertThat(change.comparable()).isFalse();
    assertThat(change.improvement()).isNull();
    assertThat(change.meaningfulImprovement()).isFalse();
    assertThat(change.meaningfulWorsening()).isFalse();
  }

  @Test
  void comparesOnlyScoresOfOneInstrument() {
    assertThatThrownBy(
            () ->
                Change.between(
                    OutcomeFixtures.nrs(3), OutcomeFixtures.faos(OutcomeFixtures.faosAll(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
