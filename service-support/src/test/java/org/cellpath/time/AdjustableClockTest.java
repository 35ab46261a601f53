package org.cellpath.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AdjustableClockTest {

  private static final Instant WALL = Instant.parse("2026-12-07T09:00:00Z");
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(TimeAutoConfiguration.class, EndpointAutoConfiguration.class));

  @Test
  void runsTheOffsetAheadOfTheSystemClockAndOnlyMovesForward() {
    AdjustableClock clock =
        new AdjustableClock(Clock.fixed(WALL, ZoneOffset.UTC), Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(WALL.plus(Duration.ofHours(1)));

    clock.moveTo(Duration.ofDays(4));
    assertThat(clock.instant()).isEqualTo(WALL.plus(Duration.ofDays(4)));

    assertThatThrownBy(() -> clock.moveTo(Duration.ofDays(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThat(clock.instant())
        .as("a refused move changes nothing")
        .isEqualTo(WALL.plus(Duration.ofDays(4)));
  }

  @Test
  void servicesRunOnThePlainSystemClockUnlessTheClockIsMadeAdjustable() {
    context.run(
        started -> {
          assertThat(started).hasSingleBean(Clock.class).doesNotHaveBean(ClockEndpoint.class);
          assertThat(started.getBean(Clock.class)).isNotInstanceOf(AdjustableClock.class);
        });
  }

  @Test
  void anAdjustableClockStartsAtItsConfiguredOffsetSoThatARestartedInstanceRejoinsTheOthers() {
    context
        .withPropertyValues(
            "cellpath.clock.adjustable=true",
            "cellpath.clock.offset=PT96H",
            "management.endpoints.web.exposure.include=clock")
        .run(
            started -> {
              Clock clock = started.getBean(Clock.class);
              assertThat(clock).isInstanceOf(AdjustableClock.class);
              assertThat(started)
                  .as("the endpoint the fault tests move it through")
                  .hasSingleBean(ClockEndpoint.class);
              assertThat(((AdjustableClock) clock).offset()).isEqualTo(Duration.ofHours(96));
              assertThat(Duration.between(Instant.now(), clock.instant()))
                  .isBetween(Duration.ofHours(95), Duration.ofHours(97));
            });
  }

  @Test
  void anOffsetWithoutAnAdjustableClockStopsTheServiceAtStart() {
    context
        .withPropertyValues("cellpath.clock.offset=PT96H")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("CELLPATH_CLOCK_ADJUSTABLE"));
  }

  @Test
  void aServiceWithItsOwnClockKeepsIt() {
    Clock fixed = Clock.fixed(WALL, ZoneOffset.UTC);
    context
        .withBean(Clock.class, () -> fixed)
        .withPropertyValues("cellpath.clock.adjustable=true")
        .run(started -> assertThat(started.getBean(Clock.class)).isSameAs(fixed));
  }
}
