package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessagingPropertiesTest {

  private final MessagingProperties.Outbox defaults =
      new MessagingProperties(null, null, null, null, null, null).outbox();

  @Test
  void anOutboxEventsRetriesWaitFiveSecondsDoublingToTenMinutesAndItIsParkedAfterTenAttempts() {
    assertThat(defaults.backOff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.backOff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.backOff(7)).isEqualTo(Duration.ofSeconds(320));
    assertThat(defaults.backOff(8)).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.backOff(1_000)).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.maxAttempts()).isEqualTo(10);
  }

  @Test
  void theBacklogIsUnhealthyAfterFiveMinutes() {
    assertThat(defaults.backlogHealthMaxAge()).isEqualTo(Duration.ofMinutes(5));
  }
}
