package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SearchWindowTest {

  private static final LocalDate MONDAY = LocalDate.of(2026, 6, 8);

  @Test
  void sixtyDaysAreReadAsSevenThenFourteenThenTwentyEightThenTheRest() {
    SearchWindow window = new SearchWindow(MONDAY, MONDAY.plusDays(59));

    assertThat(window.parts(7)).containsExactly(
        new SearchWindow(MONDAY, MONDAY.plusDays(6)),
        new SearchWindow(MONDAY.plusDays(7), MONDAY.plusDays(20)),
        new SearchWindow(MONDAY.plusDays(21), MONDAY.plusDays(48)),
        new SearchWindow(MONDAY.plusDays(49), MONDAY.plusDays(59)));
  }

  @Test
  void aWindowShorterThanTheFirstPartIsOnePart() {
    SearchWindow oneDay = new SearchWindow(MONDAY, MONDAY);

    assertThat(oneDay.parts(7)).containsExactly(oneDay);
  }

  @Test
  void partsCoverEveryDayOnceInOrder() {
    SearchWindow window = new SearchWindow(MONDAY, MONDAY.plusDays(99));

    LocalDate next = MONDAY;
    for (SearchWindow part : window.parts(3)) {
      assertThat(part.from()).isEqualTo(next);
      next = part.until().plusDays(1);
    }
    assertThat(next).isEqualTo(MONDAY.plusDays(100));
  }

  @Test
  void aPartIsAtLeastOneDay() {
    assertThatThrownBy(() -> new SearchWindow(MONDAY, MONDAY).parts(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
