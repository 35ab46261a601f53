package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.domain.StateConflictException;
import org.junit.jupiter.api.Test;

/** What a pair lets a scheduler record about its appointments, and when. */
class AppointmentPairAttendanceTest {

  private static final Instant HARVEST_STARTS = Instant.parse("2026-12-15T16:00:00Z");
  private static final Instant INJECTION_STARTS = Instant.parse("2026-12-15T17:15:00Z");

  @Test
  void anAppointmentIsNeitherCompletedNorMissedBeforeItStarts() {
    AppointmentPair pair = pair(BookingStatus.BOOKED, BookingStatus.BOOKED);
    UUID harvest = pair.appointments().get(0).id();

    assertThatThrownBy(() -> pair.completable(harvest, HARVEST_STARTS.minusSeconds(1)))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("before it starts");
    assertThatThrownBy(() -> pair.missable(harvest, HARVEST_STARTS.minusSeconds(1)))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("before it starts");
    assertThat(pair.completable(harvest, HARVEST_STARTS).id()).isEqualTo(harvest);
    assertThat(pair.missable(harvest, HARVEST_STARTS).id()).isEqualTo(harvest);
  }

  @Test
  void anInjectionIsCompletedOnlyAfterItsHarvestWasCompleted() {
    Instant later = INJECTION_STARTS.plusSeconds(600);

    assertThatThrownBy(
            () -> injectionOf(pair(BookingStatus.BOOKED, BookingStatus.BOOKED), later, true))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("harvest is BOOKED");
    assertThatThrownBy(
            () -> injectionOf(pair(BookingStatus.NO_SHOW, BookingStatus.BOOKED), later, true))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("harvest is NO_SHOW");
    assertThat(injectionOf(pair(BookingStatus.COMPLETED, BookingStatus.BOOKED), later, true).kind())
        .isEqualTo(AppointmentKind.INJECTION);
  }

  @Test
  void anInjectionWhoseHarvestWasMissedCanBeMissedToo() {
    Instant later = INJECTION_STARTS.plusSeconds(600);

    assertThat(injectionOf(pair(BookingStatus.NO_SHOW, BookingStatus.BOOKED), later, false).kind())
        .isEqualTo(AppointmentKind.INJECTION);
    assertThat(injectionOf(pair(BookingStatus.BOOKED, BookingStatus.BOOKED), later, false).kind())
        .isEqualTo(AppointmentKind.INJECTION);
  }

  @Test
  void aDonatedProductsInjectionNeedsNoHarvestButMustHaveStarted() {
    AppointmentPair single = pair(null, BookingStatus.BOOKED);
    UUID injection = single.appointments().get(0).id();

    assertThatThrownBy(() -> single.completable(injection, INJECTION_STARTS.minusSeconds(60)))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("before it starts");
    assertThat(single.completable(injection, INJECTION_STARTS).kind())
        .isEqualTo(AppointmentKind.INJECTION);
  }

  @Test
  void anOutcomeIsRecordedOnceAndNeverOnACancelledPair() {
    Instant later = INJECTION_STARTS.plusSeconds(600);
    AppointmentPair done = pair(BookingStatus.COMPLETED, BookingStatus.BOOKED);
    AppointmentPair cancelled =
        new AppointmentPair(
            UUID.randomUUID(),
            UUID.randomUUID(),
            BookingStatus.CANCELLED,
            1,
            HARVEST_STARTS.minusSeconds(86_400),
            later,
            pair(BookingStatus.BOOKED, BookingStatus.BOOKED).appointments());

    assertThatThrownBy(() -> done.completable(done.appointments().get(0).id(), later))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("is COMPLETED");
    assertThatThrownBy(() -> cancelled.missable(cancelled.appointments().get(1).id(), later))
        .isInstanceOf(StateConflictException.class);
  }

  private static BookedAppointment injectionOf(
      AppointmentPair pair, Instant now, boolean completed) {
    UUID injection = pair.appointment(AppointmentKind.INJECTION).orElseThrow().id();
    return completed ? pair.completable(injection, now) : pair.missable(injection, now);
  }

  /** A booked pair whose harvest (none when null) and injection have these statuses. */
  private static AppointmentPair pair(BookingStatus harvest, BookingStatus injection) {
    List<BookedAppointment> appointments = new ArrayList<>();
    if (harvest != null) {
      appointments.add(appointment(AppointmentKind.HARVEST, harvest, HARVEST_STARTS, 45));
    }
    appointments.add(appointment(AppointmentKind.INJECTION, injection, INJECTION_STARTS, 30));
    return new AppointmentPair(
        UUID.randomUUID(),
        UUID.randomUUID(),
        BookingStatus.BOOKED,
        0,
        HARVEST_STARTS.minusSeconds(86_400),
        null,
        appointments);
  }

  private static BookedAppointment appointment(
      AppointmentKind kind, BookingStatus status, Instant startsAt, int minutes) {
    return new BookedAppointment(
        UUID.randomUUID(),
        kind,
        status,
        UUID.randomUUID(),
        startsAt,
        startsAt.plusSeconds(60L * minutes),
        ZoneId.of("America/Los_Angeles"),
        UUID.randomUUID(),
        "Dr Avery",
        UUID.randomUUID(),
        "Downtown",
        "1 Test Street",
        UUID.randomUUID(),
        "Room");
  }
}
