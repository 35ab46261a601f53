package org.cellpath.scheduling.planning;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.slots.TimeWindow;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the appointments of a procedure from candidate slots. A pure function of its inputs
 * (rules, clinic zone, the case, the current instant and the slots): no clock, no database.
 *
 * <p>The rules, each with its own plain test:
 *
 * <ul>
 *   <li>Earliest day, in the clinic's zone: the later of the planning day + {@code
 *       daysAfterApproval} (the NSAID pause) and the last corticosteroid injection + {@code
 *       daysAfterCorticosteroidInjection}; for a donated product also no sooner than {@code
 *       productLeadTimeBusinessDays} business days after the planning day. The planning day is the
 *       approval day, or today when a waitlisted case is planned again later.
 *   <li>Search window: {@code horizonDays} days counting the earliest day; a slot belongs to the
 *       day it starts on in its site's zone, and no slot starting before now is chosen.
 *   <li>Autologous sources (bone marrow, adipose): a harvest slot and an injection slot of the same
 *       clinician at the same site on the same day; the injection starts between harvest end + the
 *       source's earliest and latest gap. An appointment starts when its slot starts and lasts its
 *       procedure's duration, so its slot must be at least that long.
 *   <li>Donated sources (amniotic, umbilical cord): a single injection.
 *   <li>Preferences: the day's weekday must be one the patient named (any if none); each
 *       appointment's start must fall in a part of the day the patient named (morning before {@code
 *       afternoonStartsAt}), any if none.
 *   <li>Order: earliest local day, then earliest harvest start (injection start for a donated
 *       product), then earliest injection start, then slot ids, so that the choice is
 *       deterministic. The day comes first so that a search over the window a few days at a time
 *       finds the same pair as one over the whole window (sites in different zones could otherwise
 *       interleave around midnight).
 * </ul>
 */
public final class PairPlanner {

  private static final long SECONDS_PER_DAY = 86_400;

  /** Within one local day: earliest start, then slot id. */
  private static final Comparator<CandidateSlot> EARLIEST_FIRST =
      Comparator.comparingLong(CandidateSlot::startSecond)
          .thenComparing(CandidateSlot::startsAt)
          .thenComparing(CandidateSlot::slotId);

  private final SchedulingRules rules;
  private final ZoneId clinicZone;

  public PairPlanner(SchedulingRules rules, ZoneId clinicZone) {
    this.rules = rules;
    this.clinicZone = clinicZone;
  }

  public SchedulingRules rules() {
    return rules;
  }

  /** The first clinic day a procedure may take place. */
  public LocalDate earliestDay(PlanningRequest request, Instant now) {
    LocalDate approvalDay = request.approvedAt().atZone(clinicZone).toLocalDate();
    LocalDate today = now.atZone(clinicZone).toLocalDate();
    LocalDate planningDay = latest(approvalDay, today);
    LocalDate earliest = planningDay.plusDays(rules.daysAfterApproval());
    if (request.lastCorticosteroidInjection() != null) {
      earliest =
          latest(
              earliest,
              request
                  .lastCorticosteroidInjection()
                  .plusDays(rules.daysAfterCorticosteroidInjection()));
    }
    if (!request.cellSource().isAutologous()) {
      earliest =
          latest(earliest, plusBusinessDays(planningDay, rules.productLeadTimeBusinessDays()));
    }
    return earliest;
  }

  /** The days searched: {@code horizonDays} days from the earliest day. */
  public TimeWindow searchWindow(PlanningRequest request, Instant now) {
    LocalDate from = earliestDay(request, now);
    return new TimeWindow(from, from.plusDays(rules.horizonDays() - 1L));
  }

  /** The earliest fitting pair, or empty when nothing in the search window fits. */
  public Optional<PlannedPair> plan(
      PlanningRequest request, Instant now, Collection<CandidateSlot> slots) {
    return fittingPairs(request, now, slots).findFirst();
  }

  /**
   * Every fitting pair, best first (see the class comment for the order). Lazy: a caller that books
   * the first one that the database accepts computes little more than it uses.
   *
   * <p>One pass puts each usable slot in the list of its local day (worked out from its zone's
   * offset at its start, without building a date-time object). The days are then taken in order,
   * and only as far as the caller reads: a day's harvests are sorted and each is paired with the
   * injections of its own clinician and site that day.
   */
  public Stream<PlannedPair> fittingPairs(
      PlanningRequest request, Instant now, Collection<CandidateSlot> slots) {
    Usable usable =
        new Usable(
            searchWindow(request, now), now, request.preferences(), rules.afternoonStartsAt());
    boolean autologous = request.cellSource().isAutologous();
    java.time.Duration harvestDuration =
        autologous ? rules.harvestOf(request.cellSource()).harvestDuration() : null;
    // Room for an even spread of the slots over the days, so that the lists seldom grow (and copy)
    // while filling.
    int perDay = slots.size() / usable.days() + 1;
    List<List<CandidateSlot>> injectionsByDay = usable.emptyDays(perDay);
    List<List<CandidateSlot>> harvestsByDay = usable.emptyDays(autologous ? perDay : 0);
    for (CandidateSlot slot : slots) {
      if (slot.kind() == AppointmentKind.INJECTION
          && lastsAtLeast(slot, rules.injectionDuration())) {
        usable.add(slot, injectionsByDay);
      } else if (autologous
          && slot.kind() == AppointmentKind.HARVEST
          && lastsAtLeast(slot, harvestDuration)) {
        usable.add(slot, harvestsByDay);
      }
    }
    return IntStream.range(0, injectionsByDay.size())
        .boxed()
        .flatMap(
            day -> {
              List<CandidateSlot> injections = injectionsByDay.get(day);
              if (!autologous) {
                injections.sort(EARLIEST_FIRST);
                return injections.stream().map(slot -> new PlannedPair(null, injectionIn(slot)));
              }
              List<CandidateSlot> harvests = harvestsByDay.get(day);
              if (harvests.isEmpty() || injections.isEmpty()) {
                return Stream.empty();
              }
              harvests.sort(EARLIEST_FIRST);
              return pairsOfOneDay(request, harvests, injections).stream();
            });
  }

  /**
   * The fitting pairs of one day, best first, from its harvests sorted earliest first and its
   * injections in any order. The injections are put in one list per clinician, and only those short
   * lists are sorted: a day's pairs never cross clinicians, so sorting the whole day's injections
   * would be work thrown away.
   */
  private List<PlannedPair> pairsOfOneDay(
      PlanningRequest request, List<CandidateSlot> harvests, List<CandidateSlot> injections) {
    SchedulingRules.HarvestRules harvest = rules.harvestOf(request.cellSource());
    Map<UUID, List<CandidateSlot>> injectionsByClinician = new HashMap<>();
    for (CandidateSlot injection : injections) {
      injectionsByClinician
          .computeIfAbsent(injection.clinicianId(), clinician -> new ArrayList<>())
          .add(injection);
    }
    for (List<CandidateSlot> ofOneClinician : injectionsByClinician.values()) {
      ofOneClinician.sort(EARLIEST_FIRST);
    }
    List<PlannedPair> pairs = new ArrayList<>();
    for (CandidateSlot harvestSlot : harvests) {
      List<CandidateSlot> sameClinician = injectionsByClinician.get(harvestSlot.clinicianId());
      if (sameClinician == null) {
        continue;
      }
      Instant ends = harvestSlot.startsAt().plus(harvest.harvestDuration());
      Instant opens = ends.plus(harvest.injectionEarliestAfterHarvest());
      if (sameClinician.get(sameClinician.size() - 1).startsAt().isBefore(opens)) {
        continue; // every injection of the clinician that day starts too soon after this harvest
      }
      Instant closes = ends.plus(harvest.injectionLatestAfterHarvest());
      PlannedAppointment planned = null;
      for (CandidateSlot injection : sameClinician) {
        if (injection.startsAt().isAfter(closes)) {
          break;
        }
        if (!injection.startsAt().isBefore(opens)
            && injection.siteId().equals(harvestSlot.siteId())) {
          if (planned == null) {
            planned =
                new PlannedAppointment(
                    AppointmentKind.HARVEST, harvestSlot, harvestSlot.startsAt(), ends);
          }
          pairs.add(new PlannedPair(planned, injectionIn(injection)));
        }
      }
    }
    return pairs;
  }

  /**
   * Why the chosen slots cannot hold the case's procedure, one sentence per broken rule (empty when
   * they fit). The same rules as {@link #fittingPairs}, applied to slots a scheduler names, except
   * the search horizon (a limit of the automatic search, not a clinical rule); whether they are
   * free is the caller's (and the database's) business.
   *
   * @param harvest the harvest slot; must be null for a donated product and present for an
   *     autologous one
   */
  public List<String> violations(
      PlanningRequest request,
      Instant now,
      @Nullable CandidateSlot harvest,
      CandidateSlot injection) {
    List<String> broken = new ArrayList<>();
    TimeWindow window = searchWindow(request, now);
    if (!request.cellSource().isAutologous()) {
      if (harvest != null) {
        broken.add("a donated product is injected without a harvest");
      }
      checkSlot(
          "injection",
          injection,
          AppointmentKind.INJECTION,
          rules.injectionDuration(),
          window,
          now,
          request.preferences(),
          broken);
      return broken;
    }
    if (harvest == null) {
      broken.add("a " + request.cellSource() + " procedure needs a harvest slot");
      return broken;
    }
    SchedulingRules.HarvestRules harvestRules = rules.harvestOf(request.cellSource());
    checkSlot(
        "harvest",
        harvest,
        AppointmentKind.HARVEST,
        harvestRules.harvestDuration(),
        window,
        now,
        request.preferences(),
        broken);
    checkSlot(
        "injection",
        injection,
        AppointmentKind.INJECTION,
        rules.injectionDuration(),
        window,
        now,
        request.preferences(),
        broken);
    if (!harvest.clinicianId().equals(injection.clinicianId())) {
      broken.add("harvest and injection must be with the same clinician");
    }
    if (!harvest.siteId().equals(injection.siteId())) {
      broken.add("harvest and injection must be at the same site");
    }
    if (!harvest.localDate().equals(injection.localDate())) {
      broken.add("harvest and injection must be on the same day");
    }
    Instant harvestEnds = harvest.startsAt().plus(harvestRules.harvestDuration());
    Instant opens = harvestEnds.plus(harvestRules.injectionEarliestAfterHarvest());
    Instant closes = harvestEnds.plus(harvestRules.injectionLatestAfterHarvest());
    if (injection.startsAt().isBefore(opens) || injection.startsAt().isAfter(closes)) {
      broken.add(
          "the injection must start between "
              + harvestRules.injectionEarliestAfterHarvest().toMinutes()
              + " and "
              + harvestRules.injectionLatestAfterHarvest().toMinutes()
              + " minutes after the harvest ends");
    }
    return broken;
  }

  private void checkSlot(
      String role,
      CandidateSlot slot,
      AppointmentKind kind,
      java.time.Duration duration,
      TimeWindow window,
      Instant now,
      SchedulingPreferences preferences,
      List<String> broken) {
    if (slot.kind() != kind) {
      broken.add("the " + role + " slot must be a " + kind + " slot");
    }
    if (slot.length().compareTo(duration) < 0) {
      broken.add(
          "the " + role + " slot is shorter than the procedure (" + duration.toMinutes() + " min)");
    }
    if (slot.startsAt().isBefore(now)) {
      broken.add("the " + role + " slot has already begun");
    }
    LocalDate day = slot.localDate();
    if (day.isBefore(window.from())) {
      broken.add("the " + role + " is before the case's earliest day " + window.from());
    }
    if (!preferences.weekdays().isEmpty() && !preferences.weekdays().contains(day.getDayOfWeek())) {
      broken.add("the " + role + " is on a weekday the patient did not choose");
    }
    if (!preferences.dayParts().isEmpty() && !preferences.dayParts().contains(dayPartOf(slot))) {
      broken.add("the " + role + " is in a part of the day the patient did not choose");
    }
  }

  /**
   * Whether the slot is at least this long (slots start and end on whole minutes; nanoseconds are
   * kept anyway).
   */
  private static boolean lastsAtLeast(CandidateSlot slot, java.time.Duration duration) {
    long seconds = slot.endSecond() - slot.startSecond();
    return seconds > duration.getSeconds()
        || seconds == duration.getSeconds()
            && slot.endsAt().getNano() - slot.startsAt().getNano() >= duration.getNano();
  }

  /**
   * The filter of one search: in the window, not yet begun, on a weekday and in a part of the day
   * the patient can come. Works on epoch seconds and the zone's offset, so that filtering a slot
   * allocates nothing.
   */
  private static final class Usable {
    private final long fromDay;
    private final long untilDay;
    private final Instant now;
    private final long nowSecond;
    private final Set<DayOfWeek> weekdays;
    private final Set<DayPart> dayParts;
    private final int afternoonStartsAtSecond;
    private final Offsets offsets = new Offsets();

    Usable(
        TimeWindow window,
        Instant now,
        SchedulingPreferences preferences,
        LocalTime afternoonStartsAt) {
      this.fromDay = window.from().toEpochDay();
      this.untilDay = window.until().toEpochDay();
      this.now = now;
      this.nowSecond = now.getEpochSecond();
      this.weekdays = preferences.weekdays();
      this.dayParts = preferences.dayParts();
      this.afternoonStartsAtSecond = afternoonStartsAt.toSecondOfDay();
    }

    int days() {
      return (int) (untilDay - fromDay + 1);
    }

    /** One empty list per day of the window, each with room for {@code capacity} slots. */
    List<List<CandidateSlot>> emptyDays(int capacity) {
      List<List<CandidateSlot>> days = new ArrayList<>(days());
      for (long day = fromDay; day <= untilDay; day++) {
        days.add(new ArrayList<>(capacity));
      }
      return days;
    }

    /** Adds the slot to the list of its local day when the patient can use it. */
    void add(CandidateSlot slot, List<List<CandidateSlot>> days) {
      if (slot.startSecond() < nowSecond
          || slot.startSecond() == nowSecond && slot.startsAt().isBefore(now)) {
        return;
      }
      long localSeconds = slot.startSecond() + offsets.secondsAt(slot.zone(), slot.startSecond());
      long day = Math.floorDiv(localSeconds, SECONDS_PER_DAY);
      if (day < fromDay || day > untilDay) {
        return;
      }
      // 1970-01-01 was a Thursday: day 0 is weekday index 3 counting Monday as 0.
      if (!weekdays.isEmpty()
          && !weekdays.contains(DayOfWeek.of((int) Math.floorMod(day + 3, 7L) + 1))) {
        return;
      }
      if (!dayParts.isEmpty()) {
        DayPart part =
            Math.floorMod(localSeconds, SECONDS_PER_DAY) < afternoonStartsAtSecond
                ? DayPart.MORNING
                : DayPart.AFTERNOON;
        if (!dayParts.contains(part)) {
          return;
        }
      }
      days.get((int) (day - fromDay)).add(slot);
    }
  }

  /**
   * The offset of each zone met in one search, with the span of time it holds for (between two
   * transitions), so that a slot's offset is found by comparing numbers. Asking the zone's rules
   * for every slot was a fifth of a search's time (and an allocation per slot).
   */
  static final class Offsets {
    private final List<Span> spans = new ArrayList<>(2);

    /** An offset and the epoch seconds it holds for: from included, until excluded. */
    private record Span(ZoneId zone, long from, long until, int offsetSeconds) {}

    int secondsAt(ZoneId zone, Instant instant) {
      return secondsAt(zone, instant.getEpochSecond());
    }

    /** The zone's offset at this epoch second (zone transitions fall on whole seconds). */
    int secondsAt(ZoneId zone, long second) {
      for (int i = 0; i < spans.size(); i++) {
        Span span = spans.get(i);
        if (second >= span.from()
            && second < span.until()
            && (span.zone() == zone || span.zone().equals(zone))) {
          return span.offsetSeconds();
        }
      }
      ZoneRules zoneRules = zone.getRules();
      Instant instant = Instant.ofEpochSecond(second);
      ZoneOffset offset = zoneRules.getOffset(instant);
      long from = second;
      long until = second + 1;
      if (zoneRules.isFixedOffset()) {
        from = Long.MIN_VALUE;
        until = Long.MAX_VALUE;
      } else {
        ZoneOffsetTransition previous = zoneRules.previousTransition(instant);
        if (previous != null && previous.getOffsetAfter().equals(offset)) {
          from = Math.min(from, previous.toEpochSecond());
        }
        ZoneOffsetTransition next = zoneRules.nextTransition(instant);
        until = next == null ? Long.MAX_VALUE : next.toEpochSecond();
      }
      Span span = new Span(zone, from, until, offset.getTotalSeconds());
      spans.removeIf(known -> known.zone().equals(zone));
      spans.add(span);
      return span.offsetSeconds();
    }
  }

  private DayPart dayPartOf(CandidateSlot slot) {
    return slot.localStart().isBefore(rules.afternoonStartsAt())
        ? DayPart.MORNING
        : DayPart.AFTERNOON;
  }

  private PlannedAppointment injectionIn(CandidateSlot slot) {
    return new PlannedAppointment(
        AppointmentKind.INJECTION,
        slot,
        slot.startsAt(),
        slot.startsAt().plus(rules.injectionDuration()));
  }

  /**
   * The day {@code days} business days (Monday to Friday) after {@code day}; holidays are not
   * modelled.
   */
  static LocalDate plusBusinessDays(LocalDate day, int days) {
    LocalDate result = day;
    int counted = 0;
    while (counted < days) {
      result = result.plusDays(1);
      if (result.getDayOfWeek() != DayOfWeek.SATURDAY
          && result.getDayOfWeek() != DayOfWeek.SUNDAY) {
        counted++;
      }
    }
    return result;
  }

  private static LocalDate latest(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /** Whether the source is one this planner can plan; {@link CellSource#NO_PREFERENCE} never is. */
  public static boolean plannable(CellSource source) {
    return source != null && source != CellSource.NO_PREFERENCE;
  }
}
