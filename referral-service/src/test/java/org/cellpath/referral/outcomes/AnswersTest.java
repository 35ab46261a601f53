package org.cellpath.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cellpath.referral.outcomes.OutcomeFixtures.faosAll;
import static org.cellpath.referral.outcomes.OutcomeFixtures.visaA;

import java.util.Map;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class AnswersTest {

  @Test
  void refusesAnItemTheInstrumentDoesNotHaveNamingIt() {
    var scores = faosAll(0);
    scores.put("P10", 1);

    assertThatThrownBy(() -> new Answers(Instrument.FAOS, scores))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(new FieldProblem("answers.P10", "is not an item of FAOS")));
  }

  @Test
  void refusesAFaosScoreOutsideZeroToFourNamingTheItem() {
    var scores = faosAll(0);
    scores.put("A3", 5);
    scores.put("Q1", -1);

    assertThatThrownBy(() -> new Answers(Instrument.FAOS, scores))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactlyInAnyOrder("answers.A3", "answers.Q1"));
  }

  @Test
  void refusesAnNrsAboveTenOrBelowZero() {
    for (int pain : new int[] {-1, 11}) {
      assertThatThrownBy(() -> new Answers(Instrument.PAIN_NRS, Map.of("PAIN", pain)))
          .isInstanceOfSatisfying(
              InvalidValueException.class,
              e ->
                  assertThat(e.problems())
                      .singleElement()
                      .satisfies(problem -> assertThat(problem.field()).isEqualTo("answers.PAIN")));
    }
  }

  @Test
  void refusesAVisaAScoreNoneOfTheQuestionsOptionsCarries() {
    // question 7's options are 0, 4, 7 and 10; 8A's are 0, 7, 14, 21 and 30
    assertThatThrownBy(() -> new Answers(Instrument.VISA_A, visaA(5, 5, 5, 5, 5, 5, 5, "8A", 14)))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("answers.7"));
    assertThatThrownBy(() -> new Answers(Instrument.VISA_A, visaA(5, 5, 5, 5, 5, 5, 4, "8A", 4)))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("answers.8A"));
  }

  @Test
  void refusesTwoAlternativesOfVisaAQuestionEight() {
    var scores = visaA(5, 5, 5, 5, 5, 5, 4, "8A", 14);
    scores.put("8C", 2);

    assertThatThrownBy(() -> new Answers(Instrument.VISA_A, scores))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactlyInAnyOrder("answers.8A", "answers.8C"));
  }

  @Test
  void acceptsItemsLeftUnanswered() {
    Answers answers = new Answers(Instrument.FAOS, Map.of("P1", 2));

    assertThat(answers.scores()).containsOnlyKeys("P1");
    assertThat(answers.of(Subscale.FAOS_PAIN.items().get(1))).isNull();
  }
}
