package org.cellpath.scheduling.booking;

import java.time.Duration;
import java.util.Objects;
import org.cellpath.domain.InvalidValueException;

/**
 * The clinic's waitlist setting, changed at run time by a scheduler.
 *
 * @param offerHold how long an offered pair is held for the patient: one minute to three days
 */
public record WaitlistSettings(WaitlistMode mode, Duration offerHold) {

  public static final Duration SHORTEST_HOLD = Duration.ofMinutes(1);
  public static final Duration LONGEST_HOLD = Duration.ofHours(72);
  public static final WaitlistSettings DEFAULT =
      new WaitlistSettings(WaitlistMode.AUTOMATIC, Duration.ofHours(4));

  /**
   * @throws InvalidValueException naming {@code offerHold} when it is shorter than a minute, longer
   *     than 72 hours or not a whole number of seconds
   */
  public WaitlistSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(offerHold, "offerHold");
    if (offerHold.compareTo(SHORTEST_HOLD) < 0
        || offerHold.compareTo(LONGEST_HOLD) > 0
        || offerHold.getNano() != 0) {
      throw new InvalidValueException(
          "offerHold", "must be whole seconds from PT1M (one minute) to PT72H (three days)");
    }
  }
}
