package org.cellpath.scheduling.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.cellpath.scheduling.SchedulingFixtures;
import org.junit.jupiter.api.Test;

class SchedulingRulesTest {

  @Test
  void defaultsAreTheNumbersOfTheDomainBrief() {
    SchedulingRules rules = SchedulingFixtures.briefRules();

    assertThat(rules.daysAfterApproval()).isEqualTo(7);
    assertThat(rules.daysAfterCorticosteroidInjection()).isEqualTo(28);
    assertThat(rules.horizonDays()).isEqualTo(60);
    assertThat(rules.productLeadTimeBusinessDays()).isEqualTo(3);
    assertThat(rules.injectionDuration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(rules.afternoonStartsAt()).isEqualTo(LocalTime.NOON);
    assertThat(rules.boneMarrow())
        .isEqualTo(
            new SchedulingRules.HarvestRules(
                Duration.ofMinutes(45), Duration.ofMinutes(30), Duration.ofHours(3)));
    assertThat(rules.adipose())
        .isEqualTo(
            new SchedulingRules.HarvestRules(
                Duration.ofMinutes(60), Duration.ofMinutes(45), Duration.ofHours(4)));
    assertThat(rules.waitlistSweepInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rules.waitlistPageSize()).isEqualTo(500);
  }

  @Test
  void overridingOneHarvestValueKeepsTheOtherDefaults() {
    SchedulingRules rules =
        new SchedulingRules(
            null,
            null,
            null,
            null,
            null,
            null,
            new SchedulingRules.HarvestRules(Duration.ofMinutes(50), null, null),
            null,
            null,
            null);

    assertThat(rules.boneMarrow())
        .isEqualTo(
            new SchedulingRules.HarvestRules(
                Duration.ofMinutes(50), Duration.ofMinutes(30), Duration.ofHours(3)));
    assertThat(rules.adipose()).isEqualTo(SchedulingRules.ADIPOSE_DEFAULTS);
  }

  @Test
  void refusesAnInjectionWindowThatClosesBeforeItOpens() {
    assertThatThrownBy(
            () ->
                new SchedulingRules(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    new SchedulingRules.HarvestRules(
                        null, Duration.ofHours(2), Duration.ofHours(1)),
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnEmptyWaitlistPage() {
    assertThatThrownBy(
            () -> new SchedulingRules(null, null, null, null, null, null, null, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnEmptyHorizon() {
    assertThatThrownBy(
            () -> new SchedulingRules(null, null, 0, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
