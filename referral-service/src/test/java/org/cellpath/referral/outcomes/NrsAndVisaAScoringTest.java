package org.cellpath.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.referral.outcomes.OutcomeFixtures.nrs;
import static org.cellpath.referral.outcomes.OutcomeFixtures.visaA;
import static org.cellpath.referral.outcomes.OutcomeFixtures.visaAScores;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NrsAndVisaAScoringTest {

  @Test
  void scoresTheNrsAsTheNumberChosenAtBothEnds() {
    assertThat(nrs(0).of(Subscale.NRS_PAIN)).isEqualByComparingTo("0");
    assertThat(nrs(10).of(Subscale.NRS_PAIN)).isEqualByComparingTo("10");
  }

  @Test
  void givesAnUnansweredNrsNoScore() {
    Scores scores = Scoring.score(new Answers(Instrument.PAIN_NRS, Map.of()));

    assertThat(scores.of(Subscale.NRS_PAIN)).isNull();
  }

  @Test
  void scoresTheVisaAAtItsBestOneHundredThroughQuestionEightA() {
    // 6 x 10 + 10 (question 7) + 30 (8A: no pain, trains over 30 minutes) = 100
    var scores = visaAScores(visaA(10, 10, 10, 10, 10, 10, 10, "8A", 30));

    assertThat(scores.of(Subscale.VISA_A_TOTAL)).isEqualByComparingTo("100");
  }

  @Test
  void capsQuestionEightAtTwentyWhenPainDoesNotStopSportAndAtTenWhenItDoes() {
    // 8B (pain that does not stop loading sport): at most 20, so at most 60 + 10 + 20 = 90
    // 8C (pain that stops it): at most 10, so at most 60 + 10 + 10 = 80
    assertThat(visaAScores(visaA(10, 10, 10, 10, 10, 10, 10, "8B", 20)).of(Subscale.VISA_A_TOTAL))
        .isEqualByComparingTo("90");
    assertThat(visaAScores(visaA(10, 10, 10, 10, 10, 10, 10, "8C", 10)).of(Subscale.VISA_A_TOTAL))
        .isEqualByComparingTo("80");
  }

  @Test
  void scoresTheVisaAAtItsWorstZero() {
    assertThat(visaAScores(visaA(0, 0, 0, 0, 0, 0, 0, "8C", 0)).of(Subscale.VISA_A_TOTAL))
        .isEqualByComparingTo("0");
  }

  @Test
  void sumsAVisaAByHand() {
    // 5 + 6 + 7 + 8 + 4 + 3 = 33; question 7 (modified training) 4; 8B 11-20 minutes 10: 47
    assertThat(visaAScores(visaA(5, 6, 7, 8, 4, 3, 4, "8B", 10)).of(Subscale.VISA_A_TOTAL))
        .isEqualByComparingTo("47");
  }

  @Test
  void givesAVisaAWithAnyQuestionUnansweredNoScore() {
    var withoutQuestionThree = visaA(5, 6, 7, 8, 4, 3, 4, "8B", 10);
    withoutQuestionThree.remove("3");
    var withoutQuestionEight = visaA(5, 6, 7, 8, 4, 3, 4, "8B", 10);
    withoutQuestionEight.remove("8B");

    assertThat(visaAScores(withoutQuestionThree).of(Subscale.VISA_A_TOTAL)).isNull();
    assertThat(visaAScores(withoutQuestionEight).of(Subscale.VISA_A_TOTAL)).isNull();
  }
}
