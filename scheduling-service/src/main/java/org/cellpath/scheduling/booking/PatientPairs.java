package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.PatientContact;
import org.cellpath.scheduling.planning.CandidateSlot;
import org.cellpath.scheduling.planning.PairPlanner;
import org.cellpath.scheduling.planning.PlannedAppointment;
import org.cellpath.scheduling.planning.PlannedPair;
import org.cellpath.scheduling.planning.PlanningRequest;
import org.cellpath.scheduling.slots.SlotQueries;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient's own pages read about their pair: the pair, whom it is for (their given name and
 * language, nothing clinical) and the pairs it could move to, planned under the same rules as a
 * booking (docs/domain.md §4: same day, gaps, washout, horizon, preferences).
 */
@Component
public class PatientPairs {

  /**
   * A pair the patient's link opens, with the patient's contact as the case keeps it.
   *
   * @param patient shown to the patient themselves only; never logged
   */
  public record PatientPair(AppointmentPair pair, PatientContact patient) {}

  /**
   * One pair the planner offers instead of the current one.
   *
   * @param harvestSlotId null for a donated product
   * @param appointments harvest first, then injection
   */
  public record PairOption(
      @Nullable UUID harvestSlotId, UUID injectionSlotId, List<OptionAppointment> appointments) {}

  /** One appointment of an offered pair, with its place. */
  public record OptionAppointment(
      AppointmentKind kind,
      UUID slotId,
      Instant startsAt,
      Instant endsAt,
      String timeZone,
      String clinicianName,
      String siteName,
      String siteAddress,
      String roomName) {}

  private final AppointmentPairs pairs;
  private final SchedulingCases cases;
  private final SlotQueries slots;
  private final PairPlanner planner;
  private final Clock clock;

  PatientPairs(
      AppointmentPairs pairs,
      SchedulingCases cases,
      SlotQueries slots,
      PairPlanner planner,
      Clock clock) {
    this.pairs = pairs;
    this.cases = cases;
    this.slots = slots;
    this.planner = planner;
    this.clock = clock;
  }

  public Optional<PatientPair> find(UUID pairId) {
    return pairs
        .find(pairId)
        .flatMap(
            pair -> cases.find(pair.referralId()).map(c -> new PatientPair(pair, c.patient())));
  }

  /**
   * The first {@code limit} pairs the planner offers the pair's case now, best first, among the
   * free slots (so never the slots the pair itself holds).
   */
  @Transactional(readOnly = true)
  public List<PairOption> options(UUID pairId, int limit) {
    Optional<SchedulingCase> schedulingCase =
        pairs.find(pairId).flatMap(pair -> cases.find(pair.referralId()));
    if (schedulingCase.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    PlanningRequest request = schedulingCase.get().planningRequest();
    List<CandidateSlot> candidates =
        slots.bookable(planner.searchWindow(request, now), now).stream()
            .map(CandidateSlot::of)
            .toList();
    List<PlannedPair> planned =
        planner.fittingPairs(request, now, candidates).limit(limit).toList();
    if (planned.isEmpty()) {
      return List.of();
    }
    Map<UUID, Place> places =
        pairs.places(
            planned.stream()
                .flatMap(pair -> pair.appointments().stream())
                .map(a -> a.slot().slotId())
                .toList());
    return planned.stream().map(pair -> option(pair, places)).toList();
  }

  private static PairOption option(PlannedPair pair, Map<UUID, Place> places) {
    return new PairOption(
        pair.harvest() == null ? null : pair.harvest().slot().slotId(),
        pair.injection().slot().slotId(),
        pair.appointments().stream()
            .sorted(Comparator.comparing(PlannedAppointment::startsAt))
            .map(a -> appointment(a, places.get(a.slot().slotId())))
            .flatMap(Stream::ofNullable)
            .toList());
  }

  private static OptionAppointment appointment(PlannedAppointment planned, Place place) {
    return new OptionAppointment(
        planned.kind(),
        planned.slot().slotId(),
        planned.startsAt(),
        planned.endsAt(),
        place.timeZone().getId(),
        place.clinicianName(),
        place.siteName(),
        place.siteAddress(),
        place.roomName());
  }
}
