package org.cellpath.referral.outcomes;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * One subscale's score at one time point.
 *
 * @param value the score, or null where the instrument's guide says none can be computed (too many
 *     items missing)
 * @param answered how many of its items were answered
 */
public record SubscaleScore(Subscale subscale, @Nullable BigDecimal value, int answered) {

  public SubscaleScore {
    if (value != null
        && (value.compareTo(BigDecimal.valueOf(Math.min(subscale.best(), subscale.worst()))) < 0
            || value.compareTo(BigDecimal.valueOf(Math.max(subscale.best(), subscale.worst())))
                > 0)) {
      throw new IllegalArgumentException(subscale + " cannot score " + value);
    }
  }

  public boolean scored() {
    return value != null;
  }

  /** How many of its items were left unanswered. */
  public int missing() {
    return subscale.items().size() - answered;
  }
}
