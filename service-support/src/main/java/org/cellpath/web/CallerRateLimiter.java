package org.cellpath.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code permits} requests per caller in any {@code period} (a sliding window of the
 * caller's last request times), for the requests a caller could flood: referral submission, manual
 * booking. Per instance and in memory: with n instances behind a balancer a caller gets at most n x
 * permits, which is what a flood guard needs; it resets when the instance restarts.
 */
public class CallerRateLimiter {

  /**
   * Beyond this many callers tracked, idle ones are dropped, so that the map cannot grow without
   * end.
   */
  private static final int MAX_CALLERS = 10_000;

  private final int permits;
  private final Duration period;
  private final Clock clock;
  private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

  public CallerRateLimiter(int permits, Duration period, Clock clock) {
    if (permits < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "A rate limit needs at least 1 permit and a positive period");
    }
    this.permits = permits;
    this.period = period;
    this.clock = clock;
  }

  /**
   * Counts one request of the caller.
   *
   * @param caller who asks (a token's subject); never a patient detail
   * @throws TooManyRequestsException when the caller already made {@code permits} requests in the
   *     last period, with how long until the oldest of them leaves the window
   */
  public void acquire(String caller) {
    Instant now = clock.instant();
    if (recent.size() > MAX_CALLERS) {
      recent.values().removeIf(times -> isIdle(times, now));
    }
    Deque<Instant> times = recent.computeIfAbsent(caller, key -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(period))) {
        times.pollFirst();
      }
      if (times.size() >= permits) {
        throw new TooManyRequestsException(Duration.between(now, times.peekFirst().plus(period)));
      }
      times.addLast(now);
    }
  }

  private boolean isIdle(Deque<Instant> times, Instant now) {
    synchronized (times) {
      return times.isEmpty() || !times.peekLast().isAfter(now.minus(period));
    }
  }
}
