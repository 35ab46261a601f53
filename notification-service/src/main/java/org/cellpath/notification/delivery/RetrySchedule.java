package org.cellpath.notification.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed message is tried again: the wait grows by {@code multiplier} after every failed
 * attempt, from {@code initial} up to {@code max}; after {@code maxAttempts} failures the message
 * is given up.
 */
record RetrySchedule(Duration initial, double multiplier, Duration max, int maxAttempts) {

  RetrySchedule {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1.0 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Retry schedule needs 0 <= initial <= max, multiplier >= 1, attempts >= 1");
    }
  }

  /** Whether a message that has failed this many times may be tried again. */
  boolean allowsAnotherAttempt(int failedAttempts) {
    return failedAttempts < maxAttempts;
  }

  /**
   * The wait before the next attempt.
   *
   * @param failedAttempts how many attempts have failed so far, at least 1
   */
  Duration delayAfter(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("No attempt has failed yet");
    }
    double millis = initial.toMillis() * Math.pow(multiplier, failedAttempts - 1);
    // Math.pow overflows to infinity rather than wrapping, so the cap below also holds for huge
    // attempt counts.
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }
}
