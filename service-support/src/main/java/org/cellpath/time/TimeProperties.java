package org.cellpath.time;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.clock}.
 *
 * @param adjustable whether the clock may run ahead of the system clock and be moved through {@code
 *     POST /actuator/clock} (fault tests only; {@code CELLPATH_CLOCK_ADJUSTABLE})
 * @param offset how far ahead the clock starts ({@code CELLPATH_CLOCK_OFFSET}, ISO-8601, e.g.
 *     {@code PT96H}); only with {@code adjustable}, so that a restarted instance rejoins the others
 *     at the same "now"
 */
@ConfigurationProperties("cellpath.clock")
public record TimeProperties(boolean adjustable, Duration offset) {

  public TimeProperties {
    offset = offset == null ? Duration.ZERO : offset;
    if (!adjustable && !offset.isZero()) {
      throw new IllegalArgumentException(
          "cellpath.clock.offset (CELLPATH_CLOCK_OFFSET) is "
              + offset
              + " but the clock is not adjustable (CELLPATH_CLOCK_ADJUSTABLE=false): refusing to run off the system clock");
    }
  }
}
