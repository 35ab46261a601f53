package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private final RetrySchedule schedule =
      new RetrySchedule(Duration.ofSeconds(30), 2.0, Duration.ofHours(1), 10);

  @Test
  void waitsTheInitialDelayAfterTheFirstFailure() {
    assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void doublesTheWaitAfterEveryFurtherFailure() {
    assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(schedule.delayAfter(5)).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void neverWaitsLongerThanTheMaximum() {
    assertThat(schedule.delayAfter(8)).isEqualTo(Duration.ofHours(1));
    assertThat(schedule.delayAfter(1_000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void allowsAnotherAttemptUntilTheMaximumNumberOfAttemptsHasFailed() {
    assertThat(schedule.allowsAnotherAttempt(9)).isTrue();
    assertThat(schedule.allowsAnotherAttempt(10)).isFalse();
  }

  @Test
  void aMultiplierOfOneRetriesAtAFixedInterval() {
    RetrySchedule fixed = new RetrySchedule(Duration.ofSeconds(5), 1.0, Duration.ofMinutes(1), 3);
    assertThat(fixed.delayAfter(1)).isEqualTo(fixed.delayAfter(3)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void refusesAScheduleWhoseMaximumIsBelowItsStart() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetrySchedule(Duration.ofMinutes(2), 2.0, Duration.ofMinutes(1), 3));
  }

  @Test
  void defaultsRetryForAboutThreeHoursBeforeGivingUp() {
    RetrySchedule defaults =
        new NotificationProperties(null, null, null).dispatch().retrySchedule();
    Duration total = Duration.ZERO;
    for (int failed = 1; defaults.allowsAnotherAttempt(failed); failed++) {
      total = total.plus(defaults.delayAfter(failed));
    }
    assertThat(total).isBetween(Duration.ofHours(2), Duration.ofHours(4));
  }
}
