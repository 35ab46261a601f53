package org.cellpath.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CallerRateLimiterTest {

  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };
  private final CallerRateLimiter limiter = new CallerRateLimiter(2, Duration.ofMinutes(1), clock);

  @Test
  void refusesTheRequestPastThePermitsWithTheTimeUntilTheOldestLeavesTheWindow() {
    limiter.acquire("dr-lee");
    now = now.plusSeconds(20);
    limiter.acquire("dr-lee");

    TooManyRequestsException refused =
        catchThrowableOfType(TooManyRequestsException.class, () -> limiter.acquire("dr-lee"));

    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void letsTheCallerAgainOnceTheOldestRequestIsAPeriodOld() {
    limiter.acquire("dr-lee");
    limiter.acquire("dr-lee");
    now = now.plus(Duration.ofMinutes(1));

    assertThatCode(() -> limiter.acquire("dr-lee")).doesNotThrowAnyException();
  }

  @Test
  void countsEachCallerApart() {
    limiter.acquire("dr-lee");
    limiter.acquire("dr-lee");

    assertThatCode(() -> limiter.acquire("dr-kim")).doesNotThrowAnyException();
  }

  @Test
  void aRefusedRequestDoesNotCountAgainstTheCaller() {
    limiter.acquire("dr-lee");
    limiter.acquire("dr-lee");
    catchThrowableOfType(TooManyRequestsException.class, () -> limiter.acquire("dr-lee"));
    now = now.plus(Duration.ofMinutes(1));

    limiter.acquire("dr-lee");
    assertThatCode(() -> limiter.acquire("dr-lee")).doesNotThrowAnyException();
  }
}
