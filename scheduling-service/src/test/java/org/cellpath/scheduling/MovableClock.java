package org.cellpath.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in tests that need "later": it follows the system clock until a test sets it
 * (to the day of an appointment, say), and follows it again after {@link #reset()}. Tests set it
 * only around the calls that need it, so that slots, plans and the rate limiter see today's time as
 * usual.
 */
public final class MovableClock extends Clock {

  /** The clock of every context that imports {@link Config}. */
  public static final MovableClock SHARED = new MovableClock();

  private final AtomicReference<@Nullable Instant> fixed = new AtomicReference<>();

  /** From now on the service's time is this instant, until set again or reset. */
  public void set(Instant instant) {
    fixed.set(instant);
  }

  /** Back to the system clock. */
  public void reset() {
    fixed.set(null);
  }

  @Override
  public Instant instant() {
    Instant now = fixed.get();
    return now == null ? Instant.now() : now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the service reads instants only");
  }

  /** Replaces the service's system clock with {@link #SHARED}. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {

    @Bean
    @Primary
    Clock movableTestClock() {
      return SHARED;
    }
  }
}
