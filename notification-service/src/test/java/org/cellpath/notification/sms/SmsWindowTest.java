package org.cellpath.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsWindowTest {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private final SmsWindow window = new SmsWindow(LocalTime.of(8, 0), LocalTime.of(21, 0));

  @ParameterizedTest(name = "{0} local: open = {1}")
  @CsvSource({
    "2026-12-01T07:59:59, false",
    "2026-12-01T08:00:00, true",
    "2026-12-01T12:30:00, true",
    "2026-12-01T20:59:59, true",
    "2026-12-01T21:00:00, false",
    "2026-12-01T23:30:00, false",
    "2026-12-01T00:00:00, false"
  })
  void isOpenFromEightUntilNineInThePatientsZone(LocalDateTime local, boolean open) {
    assertThat(window.isOpen(local.atZone(LOS_ANGELES).toInstant(), LOS_ANGELES)).isEqualTo(open);
  }

  @Test
  void aMessageDueLateInTheEveningWaitsForEightTheNextMorning() {
    Instant lateEvening =
        LocalDateTime.parse("2026-12-01T21:30:00").atZone(LOS_ANGELES).toInstant();

    assertThat(window.nextOpening(lateEvening, LOS_ANGELES))
        .contains(LocalDateTime.parse("2026-12-02T08:00:00").atZone(LOS_ANGELES).toInstant());
  }

  @Test
  void aMessageDueEarlyInTheMorningWaitsForEightTheSameDay() {
    Instant early = LocalDateTime.parse("2026-12-01T06:15:00").atZone(LOS_ANGELES).toInstant();

    assertThat(window.nextOpening(early, LOS_ANGELES))
        .contains(LocalDateTime.parse("2026-12-01T08:00:00").atZone(LOS_ANGELES).toInstant());
  }

  @Test
  void theSameInstantIsJudgedInEachPatientsOwnZone() {
    // 16:00 UTC: 08:00 in Los Angeles (open), 17:00 in Madrid (open); 05:00 UTC: 21:00 LA (closed),
    // 06:00 Madrid
    Instant afternoonUtc = Instant.parse("2026-12-01T16:00:00Z");
    Instant earlyUtc = Instant.parse("2026-12-01T05:00:00Z");

    assertThat(window.isOpen(afternoonUtc, LOS_ANGELES)).isTrue();
    assertThat(window.isOpen(afternoonUtc, MADRID)).isTrue();
    assertThat(window.isOpen(earlyUtc, LOS_ANGELES)).isFalse();
    assertThat(window.isOpen(earlyUtc, MADRID)).isFalse();
    assertThat(window.nextOpening(earlyUtc, MADRID))
        .contains(Instant.parse("2026-12-01T07:00:00Z"));
  }

  @Test
  void nothingWaitsWhileTheWindowIsOpen() {
    Instant noon = LocalDateTime.parse("2026-12-01T12:00:00").atZone(LOS_ANGELES).toInstant();

    assertThat(window.nextOpening(noon, LOS_ANGELES)).isEmpty();
  }

  @Test
  void equalEndsMeanAnyTime() {
    SmsWindow always = new SmsWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    assertThat(
            always.isOpen(
                LocalDateTime.parse("2026-12-01T03:00:00").atZone(LOS_ANGELES).toInstant(),
                LOS_ANGELES))
        .isTrue();
  }

  @Test
  void aWindowAcrossMidnightIsOpenOnBothSidesOfIt() {
    SmsWindow night = new SmsWindow(LocalTime.of(22, 0), LocalTime.of(6, 0));

    assertThat(
            night.isOpen(
                LocalDateTime.parse("2026-12-01T23:00:00").atZone(LOS_ANGELES).toInstant(),
                LOS_ANGELES))
        .isTrue();
    assertThat(
            night.isOpen(
                LocalDateTime.parse("2026-12-01T05:59:00").atZone(LOS_ANGELES).toInstant(),
                LOS_ANGELES))
        .isTrue();
    assertThat(
            night.isOpen(
                LocalDateTime.parse("2026-12-01T12:00:00").atZone(LOS_ANGELES).toInstant(),
                LOS_ANGELES))
        .isFalse();
  }
}
