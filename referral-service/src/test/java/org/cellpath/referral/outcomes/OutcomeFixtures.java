package org.cellpath.referral.outcomes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers built item by item, fresh for every test. */
final class OutcomeFixtures {

  private OutcomeFixtures() {}

  /** Every FAOS item answered with the same score. */
  static Map<String, Integer> faosAll(int score) {
    Map<String, Integer> scores = new LinkedHashMap<>();
    Instrument.FAOS.items().forEach(item -> scores.put(item.code(), score));
    return scores;
  }

  /**
   * The items of one subscale answered in order with these scores; a null leaves one unanswered.
   */
  static Map<String, Integer> with(
      Map<String, Integer> scores, Subscale subscale, Integer... itemScores) {
    List<Item> items = subscale.items();
    if (items.size() != itemScores.length) {
      throw new IllegalArgumentException(subscale + " has " + items.size() + " items");
    }
    for (int index = 0; index < items.size(); index++) {
      String code = items.get(index).code();
      if (itemScores[index] == null) {
        scores.remove(code);
      } else {
        scores.put(code, itemScores[index]);
      }
    }
    return scores;
  }

  static Scores faos(Map<String, Integer> scores) {
    return Scoring.score(new Answers(Instrument.FAOS, scores));
  }

  static Scores nrs(int pain) {
    return Scoring.score(new Answers(Instrument.PAIN_NRS, Map.of("PAIN", pain)));
  }

  /** Questions 1 to 6, question 7, and one alternative of question 8 ("8A", "8B" or "8C"). */
  static Map<String, Integer> visaA(
      int q1, int q2, int q3, int q4, int q5, int q6, int q7, String q8, int q8Score) {
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("1", q1);
    scores.put("2", q2);
    scores.put("3", q3);
    scores.put("4", q4);
    scores.put("5", q5);
    scores.put("6", q6);
    scores.put("7", q7);
    scores.put(q8, q8Score);
    return scores;
  }

  static Scores visaAScores(Map<String, Integer> scores) {
    return Scoring.score(new Answers(Instrument.VISA_A, scores));
  }
}
