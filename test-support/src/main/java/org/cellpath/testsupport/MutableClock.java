package org.cellpath.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock tests move by hand: reminders days ahead and questionnaires weeks ahead fall due when the
 * test says so. Shared by every service instance a test starts, so that they agree on "now".
 */
public final class MutableClock extends Clock {

  /** The clock of every context that imports {@link Config}. */
  public static final MutableClock SHARED = new MutableClock(Instant.parse("2026-12-01T17:00:00Z"));

  private final AtomicReference<Instant> now;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  public void advance(Duration duration) {
    now.updateAndGet(current -> current.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
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
    Clock sharedTestClock() {
      return SHARED;
    }
  }
}
