package org.cellpath.scheduling.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.cellpath.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class SlotTimesTest {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @Test
  void aLocalStartIsReadInTheSitesZone() {
    assertThat(Slots.instantAt(LocalDate.of(2026, 6, 8), LocalTime.of(9, 0), LOS_ANGELES))
        .isEqualTo(Instant.parse("2026-06-08T16:00:00Z"));
    assertThat(
            Slots.instantAt(
                LocalDate.of(2026, 6, 8), LocalTime.of(9, 0), ZoneId.of("America/New_York")))
        .isEqualTo(Instant.parse("2026-06-08T13:00:00Z"));
  }

  @Test
  void aStartInsideTheSpringForwardGapIsRefused() {
    // 8 March 2026: clocks in Los Angeles jump from 02:00 to 03:00.
    assertThatThrownBy(
            () -> Slots.instantAt(LocalDate.of(2026, 3, 8), LocalTime.of(2, 30), LOS_ANGELES))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.field()).isEqualTo("startTime")));
  }

  @Test
  void aStartInTheAutumnOverlapMeansTheEarlierInstant() {
    // 1 November 2026: 01:30 happens twice in Los Angeles, first in daylight time (UTC-7).
    assertThat(Slots.instantAt(LocalDate.of(2026, 11, 1), LocalTime.of(1, 30), LOS_ANGELES))
        .isEqualTo(Instant.parse("2026-11-01T08:30:00Z"));
  }
}
