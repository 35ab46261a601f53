package org.cellpath.messaging.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

  private static final ConsumerBinding BINDING =
      new ConsumerBinding(
          "referralEvents-in-0",
          List.of("referral-events"),
          "scheduling-service",
          "referral-events.scheduling-service.dlq",
          "referralEvents");

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ConsumerLag lag = new ConsumerLag(meters, clock, 10_000, Duration.ofMinutes(5));

  @Test
  void aLagAboveTheThresholdCountsOnlyOnceItHasStayedThereForTheWholeDuration() {
    lag.update(BINDING, Map.of("referral-events", 12_000L));
    clock.advance(Duration.ofMinutes(4));
    lag.update(BINDING, Map.of("referral-events", 15_000L));

    assertThat(lag.lagging()).isEmpty();

    clock.advance(Duration.ofMinutes(1));

    assertThat(lag.lagging()).containsOnlyKeys("referralEvents-in-0");
    assertThat(lag.lagging().get("referralEvents-in-0").lag()).isEqualTo(15_000);
  }

  @Test
  void aLagThatDipsToTheThresholdStartsTheDurationAgain() {
    lag.update(BINDING, Map.of("referral-events", 12_000L));
    clock.advance(Duration.ofMinutes(4));
    lag.update(BINDING, Map.of("referral-events", 10_000L));
    clock.advance(Duration.ofSeconds(30));
    lag.update(BINDING, Map.of("referral-events", 11_000L));
    clock.advance(Duration.ofMinutes(4));

    assertThat(lag.lagging()).isEmpty();

    clock.advance(Duration.ofMinutes(1));

    assertThat(lag.lagging()).containsOnlyKeys("referralEvents-in-0");
  }

  @Test
  void theGaugeShowsTheLastReadingPerBindingGroupAndTopic() {
    lag.update(BINDING, Map.of("referral-events", 42L));
    lag.update(BINDING, Map.of("referral-events", 7L));

    assertThat(
            meters
                .get("cellpath.consumer.lag")
                .tag("binding", "referralEvents-in-0")
                .tag("group", "scheduling-service")
                .tag("topic", "referral-events")
                .gauge()
                .value())
        .isEqualTo(7.0);
  }

  private static final class MovableClock extends Clock {

    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
