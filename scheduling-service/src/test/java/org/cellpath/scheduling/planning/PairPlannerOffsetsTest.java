package org.cellpath.scheduling.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairPlannerOffsetsTest {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("America/Los_Angeles"),
          ZoneId.of("Europe/Madrid"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("Asia/Kolkata"),
          ZoneOffset.ofHours(-5),
          ZoneId.of("UTC"));

  @Test
  void givesEachZonesOwnOffsetHourByHourAcrossTwoYearsOfTransitionsWithTheZonesInterleaved() {
    PairPlanner.Offsets offsets = new PairPlanner.Offsets();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (long quarterHour = 0; quarterHour < 4 * 24 * 730; quarterHour++) {
      Instant at = start.plusSeconds(quarterHour * 900);
      for (ZoneId zone : ZONES) {
        assertThat(offsets.secondsAt(zone, at))
            .as("%s at %s", zone, at)
            .isEqualTo(zone.getRules().getOffset(at).getTotalSeconds());
      }
    }
  }

  @Test
  void isRightAtTheInstantOfATransitionAndJustBeforeItAndGoingBackInTime() {
    ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
    Instant springForward = Instant.parse("2026-03-08T10:00:00Z");
    PairPlanner.Offsets offsets = new PairPlanner.Offsets();
    assertThat(offsets.secondsAt(losAngeles, springForward)).isEqualTo(-7 * 3600);
    assertThat(offsets.secondsAt(losAngeles, springForward.minusSeconds(1))).isEqualTo(-8 * 3600);
    assertThat(offsets.secondsAt(losAngeles, springForward)).isEqualTo(-7 * 3600);
    assertThat(offsets.secondsAt(losAngeles, Instant.parse("2025-07-01T00:00:00Z")))
        .isEqualTo(-7 * 3600);
    assertThat(offsets.secondsAt(losAngeles, Instant.parse("2025-12-01T00:00:00Z")))
        .isEqualTo(-8 * 3600);
  }
}
