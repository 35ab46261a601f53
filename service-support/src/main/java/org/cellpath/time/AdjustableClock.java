package org.cellpath.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock in UTC plus an offset that only grows. A fault-test harness runs the services
 * days ahead of the wall clock, so that reminders fall due and appointments pass while it watches,
 * without a service ever seeing time go backwards (due times, SMS days and event times would then
 * disagree with what was already stored).
 */
public final class AdjustableClock extends Clock {

  private final Clock system;
  private final AtomicReference<Duration> offset;

  AdjustableClock(Clock system, Duration initialOffset) {
    if (initialOffset.isNegative()) {
      throw new IllegalArgumentException("The clock offset must not be negative: " + initialOffset);
    }
    this.system = system;
    this.offset = new AtomicReference<>(initialOffset);
  }

  public Duration offset() {
    return offset.get();
  }

  /**
   * Moves the clock to {@code newOffset} ahead of the system clock.
   *
   * @throws IllegalArgumentException when that is behind the current offset: time never goes back
   */
  public void moveTo(Duration newOffset) {
    offset.updateAndGet(
        current -> {
          if (newOffset.compareTo(current) < 0) {
            throw new IllegalArgumentException(
                "The clock only moves forward: offset "
                    + newOffset
                    + " is behind the current "
                    + current);
          }
          return newOffset;
        });
  }

  @Override
  public Instant instant() {
    return system.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException(
        "CellPath reads instants only; local days come from explicit zones");
  }
}
