package org.cellpath.scheduling.planning;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.SchedulingFixtures;

/** Fresh planner inputs: a clinic in Los Angeles, two clinicians, two sites with two rooms each. */
final class PlannerFixtures {

  static final ZoneId CLINIC_ZONE = ZoneId.of("America/Los_Angeles");

  /** Monday 1 June 2026, 09:00 in Los Angeles. */
  static final Instant APPROVED_MONDAY_MORNING = at(LocalDate.of(2026, 6, 1), "09:00");

  /** Seven days after {@link #APPROVED_MONDAY_MORNING}. */
  static final LocalDate EARLIEST_DAY = LocalDate.of(2026, 6, 8);

  static final UUID DR_AVERY = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID DR_BLAKE = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  static final UUID DOWNTOWN = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
  static final UUID UPTOWN = UUID.fromString("00000000-0000-0000-0000-0000000000d2");
  static final UUID DOWNTOWN_ROOM_1 = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
  static final UUID DOWNTOWN_ROOM_2 = UUID.fromString("00000000-0000-0000-0000-0000000000e2");
  static final UUID UPTOWN_ROOM = UUID.fromString("00000000-0000-0000-0000-0000000000f1");

  private PlannerFixtures() {}

  static PairPlanner planner() {
    return new PairPlanner(SchedulingFixtures.briefRules(), CLINIC_ZONE);
  }

  static PlanningRequest approved(CellSource source) {
    return new PlanningRequest(source, APPROVED_MONDAY_MORNING, null, SchedulingPreferences.any());
  }

  static PlanningRequest approved(CellSource source, Instant approvedAt) {
    return new PlanningRequest(source, approvedAt, null, SchedulingPreferences.any());
  }

  static PlanningRequest approvedWithSteroidOn(
      CellSource source, LocalDate lastCorticosteroidInjection) {
    return new PlanningRequest(
        source, APPROVED_MONDAY_MORNING, lastCorticosteroidInjection, SchedulingPreferences.any());
  }

  static PlanningRequest approvedPreferring(
      CellSource source, Set<DayOfWeek> weekdays, Set<DayPart> dayParts) {
    return new PlanningRequest(
        source, APPROVED_MONDAY_MORNING, null, new SchedulingPreferences(weekdays, dayParts));
  }

  /** A harvest slot of Dr Avery in downtown room 1. */
  static CandidateSlot harvest(LocalDate day, String start, int minutes) {
    return slot(AppointmentKind.HARVEST, DR_AVERY, DOWNTOWN, DOWNTOWN_ROOM_1, day, start, minutes);
  }

  /** An injection slot of Dr Avery in downtown room 2. */
  static CandidateSlot injection(LocalDate day, String start, int minutes) {
    return slot(
        AppointmentKind.INJECTION, DR_AVERY, DOWNTOWN, DOWNTOWN_ROOM_2, day, start, minutes);
  }

  static CandidateSlot slot(
      AppointmentKind kind,
      UUID clinician,
      UUID site,
      UUID room,
      LocalDate day,
      String start,
      int minutes) {
    Instant startsAt = at(day, start);
    return new CandidateSlot(
        UUID.randomUUID(),
        kind,
        clinician,
        site,
        room,
        startsAt,
        startsAt.plusSeconds(60L * minutes),
        CLINIC_ZONE);
  }

  static Instant at(LocalDate day, String localTime) {
    return ZonedDateTime.of(day, LocalTime.parse(localTime), CLINIC_ZONE).toInstant();
  }

  /** An instant well before any fixture slot, for planning as if on the approval day. */
  static Instant onApprovalDay() {
    return APPROVED_MONDAY_MORNING.plusSeconds(60);
  }
}
