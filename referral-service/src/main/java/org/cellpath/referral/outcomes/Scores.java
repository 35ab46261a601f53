package org.cellpath.referral.outcomes;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An instrument's scores at one time point, one per subscale, in the instrument's order. */
public record Scores(Instrument instrument, List<SubscaleScore> subscales) {

  public Scores {
    subscales = List.copyOf(subscales);
    if (!subscales.stream().map(SubscaleScore::subscale).toList().equals(instrument.subscales())) {
      throw new IllegalArgumentException(
          "scores of " + instrument + " must be its subscales " + instrument.subscales());
    }
  }

  public SubscaleScore get(Subscale subscale) {
    return subscales.stream()
        .filter(score -> score.subscale() == subscale)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException(subscale + " is not a subscale of " + instrument));
  }

  /** The subscale's score, or null where none can be computed. */
  public @Nullable BigDecimal of(Subscale subscale) {
    return get(subscale).value();
  }
}
