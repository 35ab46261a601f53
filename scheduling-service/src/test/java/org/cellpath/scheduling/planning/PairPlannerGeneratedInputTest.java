package org.cellpath.scheduling.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.SchedulingFixtures;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The planner against generated calendars and cases (seeded, so a failure repeats): every pair it
 * proposes keeps every rule, as restated here independently of the planner's code; it proposes
 * every pair that keeps them; the scheduler-facing check ({@link PairPlanner#violations}) agrees;
 * and cases booked one after another against one calendar never share a slot.
 */
class PairPlannerGeneratedInputTest {

  private static final long SEED = 20261124L;
  private static final int CALENDARS = 500;
  private static final ZoneId CLINIC_ZONE = ZoneId.of("America/Los_Angeles");

  /**
   * Site zones: the clinic's, and one three hours ahead, so that a slot's local day is its site's.
   */
  private static final ZoneId[] SITE_ZONES = {CLINIC_ZONE, ZoneId.of("America/New_York")};

  private static final UUID[] CLINICIANS = {new UUID(0, 1), new UUID(0, 2)};
  private static final UUID[] SITES = {new UUID(1, 1), new UUID(1, 2)};

  /** Two rooms per site. */
  private static final UUID[][] ROOMS = {
    {new UUID(2, 1), new UUID(2, 2)}, {new UUID(2, 3), new UUID(2, 4)}
  };

  private static final int[] LENGTHS = {20, 25, 30, 40, 45, 50, 60, 90};
  private static final CellSource[] SOURCES = {
    CellSource.BONE_MARROW, CellSource.ADIPOSE, CellSource.AMNIOTIC, CellSource.UMBILICAL_CORD
  };

  private final SchedulingRules rules = SchedulingFixtures.briefRules();
  private final PairPlanner planner = new PairPlanner(rules, CLINIC_ZONE);

  @Test
  void everyProposedPairKeepsEveryRuleAndEveryFittingPairIsProposed() {
    Random random = new Random(SEED);
    int calendarsWithAPair = 0;
    int pairsChecked = 0;
    for (int calendar = 0; calendar < CALENDARS; calendar++) {
      Instant now = randomNow(random);
      PlanningRequest request = randomCase(random, now);
      List<CandidateSlot> slots = randomCalendar(random, request, now);
      String context = "calendar " + calendar + " (seed " + SEED + "), " + request + ", now " + now;

      List<PlannedPair> proposed = planner.fittingPairs(request, now, slots).toList();
      Set<List<UUID>> oracle = allFittingPairs(request, now, slots, true);

      for (PlannedPair pair : proposed) {
        assertThat(
                fits(
                    request,
                    now,
                    pair.harvest() == null ? null : pair.harvest().slot(),
                    pair.injection().slot(),
                    true))
            .as(context + ": " + pair)
            .isTrue();
        assertAppointmentTimes(request, pair, context);
        assertThat(
                planner.violations(
                    request,
                    now,
                    pair.harvest() == null ? null : pair.harvest().slot(),
                    pair.injection().slot()))
            .as(context)
            .isEmpty();
        pairsChecked++;
      }
      assertThat(
              proposed.stream().map(PairPlannerGeneratedInputTest::ids).collect(Collectors.toSet()))
          .as(context)
          .isEqualTo(oracle);
      if (!proposed.isEmpty()) {
        calendarsWithAPair++;
        assertEarliestFirst(proposed.get(0), proposed, context);
      }
      assertViolationsAgreeWithTheRules(request, now, slots, context);
    }
    // The generator must produce fitting and unfitting calendars alike, or the test proves little.
    assertThat(calendarsWithAPair).isBetween(CALENDARS / 5, CALENDARS - CALENDARS / 10);
    assertThat(pairsChecked).isGreaterThan(CALENDARS);
  }

  @Test
  void casesBookedOneAfterAnotherAgainstOneCalendarNeverShareASlot() {
    Random random = new Random(SEED + 1);
    int booked = 0;
    for (int calendar = 0; calendar < CALENDARS / 5; calendar++) {
      Instant now = randomNow(random);
      PlanningRequest first = randomCase(random, now);
      List<CandidateSlot> free = new ArrayList<>(randomCalendar(random, first, now));
      Set<UUID> used = new HashSet<>();
      for (int i = 0; i < 25; i++) {
        PlanningRequest request = i == 0 ? first : randomCase(random, now);
        var plan = planner.plan(request, now, free);
        if (plan.isEmpty()) {
          continue;
        }
        for (PlannedAppointment appointment : plan.get().appointments()) {
          assertThat(used.add(appointment.slot().slotId()))
              .as("slot used twice in calendar " + calendar)
              .isTrue();
          free.remove(appointment.slot());
        }
        assertThat(
                fits(
                    request,
                    now,
                    plan.get().harvest() == null ? null : plan.get().harvest().slot(),
                    plan.get().injection().slot(),
                    true))
            .isTrue();
        booked++;
      }
    }
    assertThat(booked).isGreaterThan(CALENDARS / 5);
  }

  // --- the rules, restated from docs/domain.md §4 and scheduling-service/README.md, without the
  // planner's code ---

  private boolean fits(
      PlanningRequest request,
      Instant now,
      @Nullable CandidateSlot harvest,
      CandidateSlot injection,
      boolean withHorizon) {
    LocalDate earliest = earliestDay(request, now);
    LocalDate until = earliest.plusDays(rules.horizonDays() - 1L);
    if (!slotFits(
        request,
        now,
        injection,
        AppointmentKind.INJECTION,
        rules.injectionDuration(),
        earliest,
        until,
        withHorizon)) {
      return false;
    }
    if (!request.cellSource().isAutologous()) {
      return harvest == null;
    }
    if (harvest == null) {
      return false;
    }
    SchedulingRules.HarvestRules h = rules.harvestOf(request.cellSource());
    if (!slotFits(
        request,
        now,
        harvest,
        AppointmentKind.HARVEST,
        h.harvestDuration(),
        earliest,
        until,
        withHorizon)) {
      return false;
    }
    Instant harvestEnds = harvest.startsAt().plus(h.harvestDuration());
    Duration gap = Duration.between(harvestEnds, injection.startsAt());
    return harvest.clinicianId().equals(injection.clinicianId())
        && harvest.siteId().equals(injection.siteId())
        && localDay(harvest).equals(localDay(injection))
        && gap.compareTo(h.injectionEarliestAfterHarvest()) >= 0
        && gap.compareTo(h.injectionLatestAfterHarvest()) <= 0;
  }

  private boolean slotFits(
      PlanningRequest request,
      Instant now,
      CandidateSlot slot,
      AppointmentKind kind,
      Duration procedure,
      LocalDate earliest,
      LocalDate until,
      boolean withHorizon) {
    LocalDate day = localDay(slot);
    SchedulingPreferences preferences = request.preferences();
    LocalTime start = slot.startsAt().atZone(slot.zone()).toLocalTime();
    DayPart part = start.isBefore(LocalTime.NOON) ? DayPart.MORNING : DayPart.AFTERNOON;
    return slot.kind() == kind
        && Duration.between(slot.startsAt(), slot.endsAt()).compareTo(procedure) >= 0
        && !slot.startsAt().isBefore(now)
        && !day.isBefore(earliest)
        && (!withHorizon || !day.isAfter(until))
        && (preferences.weekdays().isEmpty() || preferences.weekdays().contains(day.getDayOfWeek()))
        && (preferences.dayParts().isEmpty() || preferences.dayParts().contains(part));
  }

  private LocalDate earliestDay(PlanningRequest request, Instant now) {
    LocalDate approvalDay = request.approvedAt().atZone(CLINIC_ZONE).toLocalDate();
    LocalDate today = now.atZone(CLINIC_ZONE).toLocalDate();
    LocalDate planningDay = approvalDay.isAfter(today) ? approvalDay : today;
    LocalDate earliest = planningDay.plusDays(7);
    if (request.lastCorticosteroidInjection() != null
        && request.lastCorticosteroidInjection().plusDays(28).isAfter(earliest)) {
      earliest = request.lastCorticosteroidInjection().plusDays(28);
    }
    if (!request.cellSource().isAutologous()) {
      LocalDate product = planningDay;
      for (int businessDays = 0; businessDays < 3; ) {
        product = product.plusDays(1);
        if (product.getDayOfWeek() != DayOfWeek.SATURDAY
            && product.getDayOfWeek() != DayOfWeek.SUNDAY) {
          businessDays++;
        }
      }
      if (product.isAfter(earliest)) {
        earliest = product;
      }
    }
    return earliest;
  }

  private void assertAppointmentTimes(PlanningRequest request, PlannedPair pair, String context) {
    assertThat(pair.injection().kind()).isEqualTo(AppointmentKind.INJECTION);
    assertThat(pair.injection().startsAt())
        .as(context)
        .isEqualTo(pair.injection().slot().startsAt());
    assertThat(pair.injection().endsAt())
        .isEqualTo(pair.injection().startsAt().plus(rules.injectionDuration()));
    if (pair.harvest() != null) {
      assertThat(pair.harvest().kind()).isEqualTo(AppointmentKind.HARVEST);
      assertThat(pair.harvest().startsAt()).isEqualTo(pair.harvest().slot().startsAt());
      assertThat(pair.harvest().endsAt())
          .as(context)
          .isEqualTo(
              pair.harvest()
                  .startsAt()
                  .plus(rules.harvestOf(request.cellSource()).harvestDuration()));
    } else {
      assertThat(request.cellSource().isAutologous()).as(context).isFalse();
    }
  }

  /**
   * The first proposal has the earliest harvest (or injection) start, and the earliest injection
   * with it.
   */
  private static void assertEarliestFirst(
      PlannedPair first, List<PlannedPair> all, String context) {
    Instant firstStart = first.appointments().get(0).startsAt();
    assertThat(all)
        .as(context)
        .allSatisfy(
            pair -> assertThat(pair.appointments().get(0).startsAt()).isAfterOrEqualTo(firstStart));
    all.stream()
        .filter(
            pair -> pair.appointments().get(0).slot().equals(first.appointments().get(0).slot()))
        .forEach(
            pair ->
                assertThat(pair.injection().startsAt())
                    .as(context)
                    .isAfterOrEqualTo(first.injection().startsAt()));
  }

  /**
   * For every harvest x injection combination a scheduler could name, the check agrees with the
   * rules.
   */
  private void assertViolationsAgreeWithTheRules(
      PlanningRequest request, Instant now, List<CandidateSlot> slots, String context) {
    List<CandidateSlot> injections =
        slots.stream().filter(s -> s.kind() == AppointmentKind.INJECTION).toList();
    List<CandidateSlot> harvests =
        request.cellSource().isAutologous()
            ? slots.stream().filter(s -> s.kind() == AppointmentKind.HARVEST).toList()
            : java.util.Collections.singletonList(null);
    for (CandidateSlot harvest : harvests) {
      for (CandidateSlot injection : injections) {
        boolean fits = fits(request, now, harvest, injection, false);
        assertThat(planner.violations(request, now, harvest, injection).isEmpty())
            .as(context + " harvest " + harvest + " injection " + injection)
            .isEqualTo(fits);
      }
    }
  }

  private Set<List<UUID>> allFittingPairs(
      PlanningRequest request, Instant now, List<CandidateSlot> slots, boolean withHorizon) {
    Set<List<UUID>> pairs = new HashSet<>();
    for (CandidateSlot injection : slots) {
      if (!request.cellSource().isAutologous()) {
        if (fits(request, now, null, injection, withHorizon)) {
          pairs.add(List.of(injection.slotId()));
        }
        continue;
      }
      for (CandidateSlot harvest : slots) {
        if (fits(request, now, harvest, injection, withHorizon)) {
          pairs.add(List.of(harvest.slotId(), injection.slotId()));
        }
      }
    }
    return pairs;
  }

  private static List<UUID> ids(PlannedPair pair) {
    return pair.appointments().stream().map(appointment -> appointment.slot().slotId()).toList();
  }

  private static LocalDate localDay(CandidateSlot slot) {
    return slot.startsAt().atZone(slot.zone()).toLocalDate();
  }

  // --- generators ---

  /**
   * Some instant in 2026-2027, at any time of day (so that "slots that began" and day boundaries
   * matter).
   */
  private static Instant randomNow(Random random) {
    return ZonedDateTime.of(
            LocalDate.of(2026, 1, 1).plusDays(random.nextInt(540)),
            LocalTime.of(random.nextInt(24), random.nextInt(60)),
            CLINIC_ZONE)
        .toInstant();
  }

  /**
   * Approved up to 20 days before now (a case planned again from the waitlist), sometimes after a
   * steroid.
   */
  private static PlanningRequest randomCase(Random random, Instant now) {
    Instant approvedAt =
        random.nextInt(3) == 0 ? now : now.minus(Duration.ofHours(random.nextInt(20 * 24)));
    LocalDate steroid =
        random.nextInt(3) == 0
            ? now.atZone(CLINIC_ZONE).toLocalDate().minusDays(random.nextInt(40))
            : null;
    Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
    if (random.nextInt(3) == 0) {
      for (DayOfWeek day : DayOfWeek.values()) {
        if (random.nextInt(2) == 0) {
          weekdays.add(day);
        }
      }
    }
    Set<DayPart> parts = EnumSet.noneOf(DayPart.class);
    if (random.nextInt(3) == 0) {
      parts.add(random.nextBoolean() ? DayPart.MORNING : DayPart.AFTERNOON);
    }
    return new PlanningRequest(
        SOURCES[random.nextInt(SOURCES.length)],
        approvedAt,
        steroid,
        new SchedulingPreferences(weekdays, parts));
  }

  /**
   * 10 to 50 slots on a few clinic days around the case's possible days (some before the earliest
   * day, some past the horizon, some today and already begun), of both kinds, various lengths, two
   * clinicians, two sites.
   */
  private List<CandidateSlot> randomCalendar(Random random, PlanningRequest request, Instant now) {
    LocalDate earliest = earliestDay(request, now);
    LocalDate today = now.atZone(CLINIC_ZONE).toLocalDate();
    List<LocalDate> days = new ArrayList<>();
    int dayCount = 1 + random.nextInt(4);
    for (int i = 0; i < dayCount; i++) {
      int pick = random.nextInt(10);
      days.add(
          pick == 0
              ? today
              : pick == 1
                  ? earliest.minusDays(1 + random.nextInt(5))
                  : pick == 2
                      ? earliest.plusDays(rules.horizonDays() - 2L + random.nextInt(4))
                      : earliest.plusDays(random.nextInt(rules.horizonDays())));
    }
    List<CandidateSlot> slots = new ArrayList<>();
    int count = 10 + random.nextInt(41);
    for (int i = 0; i < count; i++) {
      int site = random.nextInt(SITES.length);
      ZoneId zone = SITE_ZONES[site];
      LocalDate day = days.get(random.nextInt(days.size()));
      LocalTime start = LocalTime.of(6, 0).plusMinutes(5L * random.nextInt(12 * 12));
      Instant startsAt = ZonedDateTime.of(day, start, zone).toInstant();
      int length = LENGTHS[random.nextInt(LENGTHS.length)];
      AppointmentKind kind =
          random.nextInt(5) < 2 ? AppointmentKind.HARVEST : AppointmentKind.INJECTION;
      slots.add(
          new CandidateSlot(
              new UUID(3, i + 1L),
              kind,
              CLINICIANS[random.nextInt(CLINICIANS.length)],
              SITES[site],
              ROOMS[site][random.nextInt(2)],
              startsAt,
              startsAt.plusSeconds(60L * length),
              zone));
    }
    return slots;
  }
}
