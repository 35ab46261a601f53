package org.cellpath.scheduling.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cellpath.scheduling.planning.PlannerFixtures.APPROVED_MONDAY_MORNING;
import static org.cellpath.scheduling.planning.PlannerFixtures.CLINIC_ZONE;
import static org.cellpath.scheduling.planning.PlannerFixtures.DOWNTOWN;
import static org.cellpath.scheduling.planning.PlannerFixtures.DOWNTOWN_ROOM_2;
import static org.cellpath.scheduling.planning.PlannerFixtures.DR_AVERY;
import static org.cellpath.scheduling.planning.PlannerFixtures.DR_BLAKE;
import static org.cellpath.scheduling.planning.PlannerFixtures.EARLIEST_DAY;
import static org.cellpath.scheduling.planning.PlannerFixtures.UPTOWN;
import static org.cellpath.scheduling.planning.PlannerFixtures.UPTOWN_ROOM;
import static org.cellpath.scheduling.planning.PlannerFixtures.approved;
import static org.cellpath.scheduling.planning.PlannerFixtures.approvedPreferring;
import static org.cellpath.scheduling.planning.PlannerFixtures.approvedWithSteroidOn;
import static org.cellpath.scheduling.planning.PlannerFixtures.at;
import static org.cellpath.scheduling.planning.PlannerFixtures.harvest;
import static org.cellpath.scheduling.planning.PlannerFixtures.injection;
import static org.cellpath.scheduling.planning.PlannerFixtures.onApprovalDay;
import static org.cellpath.scheduling.planning.PlannerFixtures.planner;
import static org.cellpath.scheduling.planning.PlannerFixtures.slot;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.slots.TimeWindow;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PairPlannerTest {

  private final PairPlanner planner = planner();

  private Optional<PlannedPair> plan(PlanningRequest request, CandidateSlot... slots) {
    return planner.plan(request, onApprovalDay(), List.of(slots));
  }

  @Nested
  class EarliestDay {

    @Test
    void isSevenDaysAfterTheApprovalDay() {
      assertThat(planner.earliestDay(approved(CellSource.BONE_MARROW), onApprovalDay()))
          .isEqualTo(EARLIEST_DAY);
    }

    @Test
    void countsFromTheApprovalDayInTheClinicZoneNotInUtc() {
      // 22:30 on Monday 1 June in Los Angeles is already Tuesday in UTC.
      Instant mondayLateEvening = at(LocalDate.of(2026, 6, 1), "22:30");
      assertThat(mondayLateEvening.atZone(java.time.ZoneOffset.UTC).toLocalDate())
          .isEqualTo(LocalDate.of(2026, 6, 2));

      assertThat(
              planner.earliestDay(
                  approved(CellSource.BONE_MARROW, mondayLateEvening), mondayLateEvening))
          .isEqualTo(LocalDate.of(2026, 6, 8));
    }

    @Test
    void waitsTwentyEightDaysAfterARecentCorticosteroidInjection() {
      PlanningRequest request =
          approvedWithSteroidOn(CellSource.BONE_MARROW, LocalDate.of(2026, 5, 20));

      assertThat(planner.earliestDay(request, onApprovalDay()))
          .isEqualTo(LocalDate.of(2026, 6, 17));
    }

    @Test
    void isNotDelayedByAnOldCorticosteroidInjection() {
      PlanningRequest request =
          approvedWithSteroidOn(CellSource.ADIPOSE, LocalDate.of(2026, 1, 15));

      assertThat(planner.earliestDay(request, onApprovalDay())).isEqualTo(EARLIEST_DAY);
    }

    @Test
    void countsFromTodayWhenAWaitlistedCaseIsPlannedAgainLater() {
      Instant twoWeeksLater = at(LocalDate.of(2026, 6, 15), "10:00");

      assertThat(planner.earliestDay(approved(CellSource.BONE_MARROW), twoWeeksLater))
          .isEqualTo(LocalDate.of(2026, 6, 22));
    }

    @Test
    void refusesEverySlotBeforeIt() {
      LocalDate dayBefore = EARLIEST_DAY.minusDays(1);

      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(dayBefore, "08:00", 45),
                  injection(dayBefore, "09:15", 30)))
          .isEmpty();
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(EARLIEST_DAY, "08:00", 45),
                  injection(EARLIEST_DAY, "09:15", 30)))
          .isPresent();
    }

    @Test
    void refusesASlotThatHasAlreadyBegun() {
      // Without an NSAID pause the earliest day is today, so only the clock keeps the begun slot
      // out.
      PairPlanner sameDay =
          new PairPlanner(
              new SchedulingRules(0, null, null, null, null, null, null, null, null, null),
              CLINIC_ZONE);
      CandidateSlot begun = harvest(EARLIEST_DAY, "08:00", 45);
      CandidateSlot later = harvest(EARLIEST_DAY, "09:00", 45);
      CandidateSlot injection = injection(EARLIEST_DAY, "10:15", 30);
      Instant duringTheFirstHarvestSlot = begun.startsAt().plusSeconds(60);

      PlannedPair pair =
          sameDay
              .plan(
                  approved(CellSource.BONE_MARROW, duringTheFirstHarvestSlot),
                  duringTheFirstHarvestSlot,
                  List.of(begun, later, injection))
              .orElseThrow();

      assertThat(pair.harvest().slot()).isEqualTo(later);
    }
  }

  @Nested
  class SearchHorizon {

    @Test
    void spansSixtyDaysCountingTheEarliestDay() {
      TimeWindow window = planner.searchWindow(approved(CellSource.BONE_MARROW), onApprovalDay());

      assertThat(window).isEqualTo(new TimeWindow(EARLIEST_DAY, EARLIEST_DAY.plusDays(59)));
    }

    @Test
    void includesTheLastDayAndNothingAfterIt() {
      LocalDate lastDay = EARLIEST_DAY.plusDays(59);
      LocalDate beyond = EARLIEST_DAY.plusDays(60);

      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(beyond, "08:00", 45),
                  injection(beyond, "09:15", 30)))
          .isEmpty();
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(lastDay, "08:00", 45),
                  injection(lastDay, "09:15", 30)))
          .isPresent();
    }
  }

  @Nested
  class InjectionWindow {

    @Test
    void boneMarrowInjectionMayStartThirtyMinutesAfterTheHarvestEnds() {
      // A 45-minute harvest at 08:00 ends at 08:45.
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(EARLIEST_DAY, "08:00", 45),
                  injection(EARLIEST_DAY, "09:14", 30)))
          .isEmpty();
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(EARLIEST_DAY, "08:00", 45),
                  injection(EARLIEST_DAY, "09:15", 30)))
          .isPresent();
    }

    @Test
    void boneMarrowInjectionMustStartWithinThreeHoursOfTheHarvestEnd() {
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(EARLIEST_DAY, "08:00", 45),
                  injection(EARLIEST_DAY, "11:45", 30)))
          .isPresent();
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(EARLIEST_DAY, "08:00", 45),
                  injection(EARLIEST_DAY, "11:46", 30)))
          .isEmpty();
    }

    @Test
    void adiposeInjectionStartsFortyFiveMinutesToFourHoursAfterAnHourLongHarvest() {
      // A 60-minute harvest at 08:00 ends at 09:00.
      CandidateSlot harvest = harvest(EARLIEST_DAY, "08:00", 60);

      assertThat(plan(approved(CellSource.ADIPOSE), harvest, injection(EARLIEST_DAY, "09:44", 30)))
          .isEmpty();
      assertThat(plan(approved(CellSource.ADIPOSE), harvest, injection(EARLIEST_DAY, "09:45", 30)))
          .isPresent();
      assertThat(plan(approved(CellSource.ADIPOSE), harvest, injection(EARLIEST_DAY, "13:00", 30)))
          .isPresent();
      assertThat(plan(approved(CellSource.ADIPOSE), harvest, injection(EARLIEST_DAY, "13:01", 30)))
          .isEmpty();
    }

    @Test
    void appointmentsLastTheirProcedureAndTheWindowCountsFromTheHarvestItself() {
      // A 60-minute slot used for a 45-minute bone marrow harvest: the harvest ends at 08:45, not
      // 09:00.
      CandidateSlot longHarvestSlot = harvest(EARLIEST_DAY, "08:00", 60);
      CandidateSlot longInjectionSlot = injection(EARLIEST_DAY, "09:15", 60);

      PlannedPair pair =
          plan(approved(CellSource.BONE_MARROW), longHarvestSlot, longInjectionSlot).orElseThrow();

      assertThat(pair.harvest().startsAt()).isEqualTo(at(EARLIEST_DAY, "08:00"));
      assertThat(pair.harvest().endsAt()).isEqualTo(at(EARLIEST_DAY, "08:45"));
      assertThat(pair.injection().startsAt()).isEqualTo(at(EARLIEST_DAY, "09:15"));
      assertThat(pair.injection().endsAt()).isEqualTo(at(EARLIEST_DAY, "09:45"));
    }

    @Test
    void slotsShorterThanTheirProcedureAreNotUsed() {
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(EARLIEST_DAY, "08:00", 40),
                  injection(EARLIEST_DAY, "09:15", 30)))
          .isEmpty();
      assertThat(
              plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(EARLIEST_DAY, "08:00", 45),
                  injection(EARLIEST_DAY, "09:15", 25)))
          .isEmpty();
    }

    @Test
    void configuredWindowReplacesTheDefault() {
      SchedulingRules wider =
          new SchedulingRules(
              null,
              null,
              null,
              null,
              null,
              null,
              new SchedulingRules.HarvestRules(null, Duration.ZERO, null),
              null,
              null,
              null);
      PairPlanner widerPlanner = new PairPlanner(wider, CLINIC_ZONE);

      assertThat(
              widerPlanner.plan(
                  approved(CellSource.BONE_MARROW),
                  onApprovalDay(),
                  List.of(
                      harvest(EARLIEST_DAY, "08:00", 45), injection(EARLIEST_DAY, "08:45", 30))))
          .isPresent();
    }
  }

  @Nested
  class SameClinicianSameSiteSameDay {

    @Test
    void harvestAndInjectionAreWithTheSameClinician() {
      CandidateSlot harvest = harvest(EARLIEST_DAY, "08:00", 45);
      CandidateSlot blakesInjection =
          slot(
              AppointmentKind.INJECTION,
              DR_BLAKE,
              DOWNTOWN,
              DOWNTOWN_ROOM_2,
              EARLIEST_DAY,
              "09:15",
              30);

      assertThat(plan(approved(CellSource.BONE_MARROW), harvest, blakesInjection)).isEmpty();

      CandidateSlot averysInjection = injection(EARLIEST_DAY, "10:00", 30);
      PlannedPair pair =
          plan(approved(CellSource.BONE_MARROW), harvest, blakesInjection, averysInjection)
              .orElseThrow();
      assertThat(pair.injection().slot()).isEqualTo(averysInjection);
    }

    @Test
    void harvestAndInjectionAreAtTheSameSiteThoughRoomsMayDiffer() {
      CandidateSlot harvest = harvest(EARLIEST_DAY, "08:00", 45);
      CandidateSlot uptownInjection =
          slot(AppointmentKind.INJECTION, DR_AVERY, UPTOWN, UPTOWN_ROOM, EARLIEST_DAY, "09:15", 30);

      assertThat(plan(approved(CellSource.BONE_MARROW), harvest, uptownInjection)).isEmpty();

      CandidateSlot otherRoomSameSite = injection(EARLIEST_DAY, "09:30", 30);
      assertThat(otherRoomSameSite.roomId()).isNotEqualTo(harvest.roomId());
      assertThat(
              plan(approved(CellSource.BONE_MARROW), harvest, uptownInjection, otherRoomSameSite))
          .map(pair -> pair.injection().slot())
          .contains(otherRoomSameSite);
    }

    @Test
    void harvestAndInjectionFallOnTheSameLocalDay() {
      // 22:00 harvest ends 22:45; 00:30 the next day is inside three hours but on another day.
      CandidateSlot lateHarvest = harvest(EARLIEST_DAY, "22:00", 45);
      CandidateSlot afterMidnight = injection(EARLIEST_DAY.plusDays(1), "00:30", 30);

      assertThat(plan(approved(CellSource.BONE_MARROW), lateHarvest, afterMidnight)).isEmpty();
    }
  }

  @Nested
  class PatientPreferences {

    @Test
    void onlyWeekdaysThePatientNamedAreChosen() {
      LocalDate monday = EARLIEST_DAY;
      LocalDate wednesday = EARLIEST_DAY.plusDays(2);
      PlanningRequest wednesdaysOnly =
          approvedPreferring(CellSource.BONE_MARROW, Set.of(DayOfWeek.WEDNESDAY), Set.of());

      PlannedPair pair =
          plan(
                  wednesdaysOnly,
                  harvest(monday, "08:00", 45),
                  injection(monday, "09:15", 30),
                  harvest(wednesday, "08:00", 45),
                  injection(wednesday, "09:15", 30))
              .orElseThrow();

      assertThat(pair.harvest().slot().localDate()).isEqualTo(wednesday);
    }

    @Test
    void morningPatientIsNotGivenAnInjectionStartingAtNoon() {
      PlanningRequest mornings =
          approvedPreferring(CellSource.BONE_MARROW, Set.of(), Set.of(DayPart.MORNING));
      CandidateSlot harvest = harvest(EARLIEST_DAY, "10:00", 45);

      assertThat(plan(mornings, harvest, injection(EARLIEST_DAY, "12:00", 30))).isEmpty();
      assertThat(plan(mornings, harvest, injection(EARLIEST_DAY, "11:45", 30))).isPresent();
    }

    @Test
    void afternoonPatientSkipsMorningHarvests() {
      PlanningRequest afternoons =
          approvedPreferring(CellSource.ADIPOSE, Set.of(), Set.of(DayPart.AFTERNOON));

      PlannedPair pair =
          plan(
                  afternoons,
                  harvest(EARLIEST_DAY, "08:00", 60),
                  injection(EARLIEST_DAY, "12:30", 30),
                  harvest(EARLIEST_DAY, "13:00", 60),
                  injection(EARLIEST_DAY, "15:00", 30))
              .orElseThrow();

      assertThat(pair.harvest().startsAt()).isEqualTo(at(EARLIEST_DAY, "13:00"));
      assertThat(pair.injection().startsAt()).isEqualTo(at(EARLIEST_DAY, "15:00"));
    }

    @Test
    void noPreferenceMeansAnyWeekdayAndAnyTime() {
      LocalDate saturday = EARLIEST_DAY.plusDays(5);
      PlanningRequest any =
          new PlanningRequest(
              CellSource.BONE_MARROW, APPROVED_MONDAY_MORNING, null, SchedulingPreferences.any());

      assertThat(plan(any, harvest(saturday, "16:00", 45), injection(saturday, "17:15", 30)))
          .isPresent();
    }
  }

  @Nested
  class Choice {

    @Test
    void earliestFittingPairIsChosen() {
      LocalDate later = EARLIEST_DAY.plusDays(3);

      PlannedPair pair =
          plan(
                  approved(CellSource.BONE_MARROW),
                  harvest(later, "08:00", 45),
                  injection(later, "09:15", 30),
                  harvest(EARLIEST_DAY, "13:00", 45),
                  injection(EARLIEST_DAY, "14:15", 30),
                  harvest(EARLIEST_DAY, "09:00", 45),
                  injection(EARLIEST_DAY, "10:15", 30))
              .orElseThrow();

      assertThat(pair.harvest().startsAt()).isEqualTo(at(EARLIEST_DAY, "09:00"));
      assertThat(pair.injection().startsAt()).isEqualTo(at(EARLIEST_DAY, "10:15"));
    }

    @Test
    void everyFittingPairIsOfferedBestFirst() {
      CandidateSlot harvest = harvest(EARLIEST_DAY, "08:00", 45);
      CandidateSlot early = injection(EARLIEST_DAY, "09:15", 30);
      CandidateSlot late = injection(EARLIEST_DAY, "10:00", 30);

      List<PlannedPair> pairs =
          planner
              .fittingPairs(
                  approved(CellSource.BONE_MARROW), onApprovalDay(), List.of(late, harvest, early))
              .toList();

      assertThat(pairs).extracting(pair -> pair.injection().slot()).containsExactly(early, late);
    }

    @Test
    void anEarlierLocalDayComesFirstEvenWhenASiteFurtherEastStartsSoonerOnTheNextDay() {
      ZoneId newYork = ZoneId.of("America/New_York");
      // 22:00 in Los Angeles on the earliest day is 06:00 UTC the next day; 00:30 in New York that
      // next day is 05:30.
      CandidateSlot lateHarvest = harvest(EARLIEST_DAY, "22:00", 45);
      CandidateSlot lateInjection = injection(EARLIEST_DAY, "23:15", 30);
      Instant nextDayInNewYork =
          ZonedDateTime.of(EARLIEST_DAY.plusDays(1), LocalTime.of(0, 30), newYork).toInstant();
      CandidateSlot eastHarvest =
          new CandidateSlot(
              UUID.randomUUID(),
              AppointmentKind.HARVEST,
              DR_BLAKE,
              UPTOWN,
              UPTOWN_ROOM,
              nextDayInNewYork,
              nextDayInNewYork.plus(Duration.ofMinutes(45)),
              newYork);
      Instant eastInjectionStart = nextDayInNewYork.plus(Duration.ofMinutes(75));
      CandidateSlot eastInjection =
          new CandidateSlot(
              UUID.randomUUID(),
              AppointmentKind.INJECTION,
              DR_BLAKE,
              UPTOWN,
              UPTOWN_ROOM,
              eastInjectionStart,
              eastInjectionStart.plus(Duration.ofMinutes(30)),
              newYork);
      assertThat(eastHarvest.startsAt()).isBefore(lateHarvest.startsAt());

      List<PlannedPair> pairs =
          planner
              .fittingPairs(
                  approved(CellSource.BONE_MARROW),
                  onApprovalDay(),
                  List.of(eastHarvest, eastInjection, lateHarvest, lateInjection))
              .toList();

      assertThat(pairs)
          .extracting(pair -> pair.harvest().slot())
          .containsExactly(lateHarvest, eastHarvest);
    }

    @Test
    void nothingFitsGivesNoPair() {
      assertThat(plan(approved(CellSource.BONE_MARROW))).isEmpty();
      assertThat(plan(approved(CellSource.BONE_MARROW), injection(EARLIEST_DAY, "09:15", 30)))
          .isEmpty();
      assertThat(plan(approved(CellSource.ADIPOSE), harvest(EARLIEST_DAY, "08:00", 60))).isEmpty();
    }
  }

  @Nested
  class DonatedProduct {

    @Test
    void getsASingleInjectionAndNoHarvest() {
      CandidateSlot harvestSlot = harvest(EARLIEST_DAY, "08:00", 45);
      CandidateSlot injectionSlot = injection(EARLIEST_DAY, "10:00", 30);

      PlannedPair pair =
          plan(approved(CellSource.AMNIOTIC), harvestSlot, injectionSlot).orElseThrow();

      assertThat(pair.harvest()).isNull();
      assertThat(pair.appointments())
          .singleElement()
          .satisfies(
              appointment -> {
                assertThat(appointment.kind()).isEqualTo(AppointmentKind.INJECTION);
                assertThat(appointment.slot()).isEqualTo(injectionSlot);
              });
    }

    @Test
    void waitsThreeBusinessDaysForTheTissueBankWhenTheNsaidPauseIsShorter() {
      SchedulingRules noNsaidPause =
          new SchedulingRules(0, null, null, null, null, null, null, null, null, null);
      PairPlanner leadTimeOnly = new PairPlanner(noNsaidPause, CLINIC_ZONE);
      Instant friday = at(LocalDate.of(2026, 6, 5), "09:00");

      assertThat(leadTimeOnly.earliestDay(approved(CellSource.UMBILICAL_CORD, friday), friday))
          .isEqualTo(LocalDate.of(2026, 6, 10));
      assertThat(leadTimeOnly.earliestDay(approved(CellSource.BONE_MARROW, friday), friday))
          .isEqualTo(LocalDate.of(2026, 6, 5));
    }

    @Test
    void stillHonoursTheSevenDayNsaidPauseWithDefaultRules() {
      assertThat(planner.earliestDay(approved(CellSource.AMNIOTIC), onApprovalDay()))
          .isEqualTo(EARLIEST_DAY);
    }

    @Test
    void businessDaysSkipTheWeekend() {
      LocalDate friday = LocalDate.of(2026, 6, 5);

      assertThat(PairPlanner.plusBusinessDays(friday, 3)).isEqualTo(LocalDate.of(2026, 6, 10));
      assertThat(PairPlanner.plusBusinessDays(friday.plusDays(1), 3))
          .isEqualTo(LocalDate.of(2026, 6, 10));
      assertThat(PairPlanner.plusBusinessDays(LocalDate.of(2026, 6, 1), 3))
          .isEqualTo(LocalDate.of(2026, 6, 4));
      assertThat(PairPlanner.plusBusinessDays(friday, 0)).isEqualTo(friday);
    }
  }

  @Test
  void anApprovalWithoutAChosenCellSourceCannotBePlanned() {
    assertThatThrownBy(() -> approved(CellSource.NO_PREFERENCE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
