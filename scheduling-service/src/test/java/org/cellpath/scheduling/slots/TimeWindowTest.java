package org.cellpath.scheduling.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

  private static final LocalDate MONDAY = LocalDate.of(2026, 6, 8);

  @Test
  void sixtyDaysAreReadAsSevenThenFourteenThenTwentyEightThenTheRest() {
    TimeWindow window = new TimeWindow(MONDAY, MONDAY.plusDays(59));

    assertThat(window.parts(7))
        .containsExactly(
            new TimeWindow(MONDAY, MONDAY.plusDays(6)),
            new TimeWindow(MONDAY.plusDays(7), MONDAY.plusDays(20)),
            new TimeWindow(MONDAY.plusDays(21), MONDAY.plusDays(48)),
            new TimeWindow(MONDAY.plusDays(49), MONDAY.plusDays(59)));
  }

  @Test
  void aWindowShorterThanTheFirstPartIsOnePart() {
    TimeWindow oneDay = new TimeWindow(MONDAY, MONDAY);

    assertThat(oneDay.parts(7)).containsExactly(oneDay);
  }

  @Test
  void partsCoverEveryDayOnceInOrder() {
    TimeWindow window = new TimeWindow(MONDAY, MONDAY.plusDays(99));

    LocalDate next = MONDAY;
    for (TimeWindow part : window.parts(3)) {
      assertThat(part.from()).isEqualTo(next);
      next = part.until().plusDays(1);
    }
    assertThat(next).isEqualTo(MONDAY.plusDays(100));
  }

  @Test
  void aPartIsAtLeastOneDay() {
    assertThatThrownBy(() -> new TimeWindow(MONDAY, MONDAY).parts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWindowEndingBeforeItStartsIsRefusedNamingItsEnd() {
    assertThatThrownBy(() -> new TimeWindow(MONDAY, MONDAY.minusDays(1)))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("until"));
  }

  @Test
  void aRequestedWindowIsRefusedNamingTheRequestsFieldWhenInvertedOrTooLong() {
    assertThat(TimeWindow.problems(MONDAY, MONDAY.minusDays(1), "from", "to", 92))
        .containsExactly(new FieldProblem("to", "must not be before from"));
    assertThat(TimeWindow.problems(MONDAY, MONDAY.plusDays(93), "from", "to", 92))
        .containsExactly(new FieldProblem("to", "must be at most 92 days after from"));
    assertThat(TimeWindow.requested(MONDAY, MONDAY.plusDays(92), "from", "to", 92))
        .isEqualTo(new TimeWindow(MONDAY, MONDAY.plusDays(92)));
    assertThatThrownBy(() -> TimeWindow.requested(MONDAY, MONDAY.plusDays(93), "from", "to", 92))
        .isInstanceOf(InvalidValueException.class);
  }
}
