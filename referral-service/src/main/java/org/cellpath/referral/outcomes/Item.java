package org.cellpath.referral.outcomes;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One question of an instrument: its code as the instrument's guide numbers it ({@code P1}, {@code
 * A17}, {@code 8B}), the subscale it counts in, the scores its answer options carry, and which of
 * those options have their own words on the form (all five on the FAOS; only the two ends of the
 * NRS).
 *
 * @param exclusiveGroup items of which a patient answers at most one: the VISA-A's question 8 is
 *     three alternative questions (A, B, C), picked by whether pain stops the patient's sport
 */
public record Item(
    String code,
    Subscale subscale,
    List<Integer> scores,
    List<Integer> wordedScores,
    @Nullable String exclusiveGroup) {

  public Item {
    scores = List.copyOf(scores);
    wordedScores = List.copyOf(wordedScores);
    if (scores.isEmpty() || !scores.containsAll(wordedScores)) {
      throw new IllegalArgumentException(code + ": worded options must be among its scores");
    }
  }

  public Instrument instrument() {
    return subscale.instrument();
  }

  public boolean allows(int score) {
    return scores.contains(score);
  }

  /** The wording key of the question itself in its instrument's bundle. */
  public String key() {
    return code;
  }

  /** The wording key of one of its answer options. */
  public String optionKey(int score) {
    return code + "." + score;
  }
}
