package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.StateConflictException;
import org.cellpath.scheduling.planning.CandidateSlot;
import org.cellpath.scheduling.planning.PairPlanner;
import org.cellpath.scheduling.planning.PlannedAppointment;
import org.cellpath.scheduling.planning.PlannedPair;
import org.cellpath.scheduling.planning.SchedulingRules;
import org.cellpath.scheduling.slots.Slot;
import org.cellpath.scheduling.slots.SlotQueries;
import org.cellpath.scheduling.slots.SlotStore;
import org.cellpath.scheduling.slots.ViolatedConstraint;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Slots a scheduler names for a case (a manual booking or a reschedule), checked against the
 * planner's rules and locked so that no one blocks them before the caller's transaction ends.
 * Whether another appointment takes them meanwhile is left to the database's unique index ({@link
 * #taken}).
 */
@Component
class ChosenSlots {

  private final SlotQueries slots;
  private final SlotStore store;
  private final PairPlanner planner;

  ChosenSlots(SlotQueries slots, SlotStore store, PairPlanner planner) {
    this.slots = slots;
    this.store = store;
    this.planner = planner;
  }

  /**
   * The appointments the named slots would hold.
   *
   * @param holder the pair that may already hold the slots (a reschedule keeping one of them); null
   *     for a new pair
   * @param letGo the slots the holder holds now, which a reschedule lets go: locked with the chosen
   *     ones, in one ordered statement, so that the slots' held flags change under locks taken in
   *     one order by every booking
   * @throws InvalidValueException when a slot does not exist, or the slots named do not suit the
   *     cell source (a harvest slot for a donated product, none for an autologous one)
   * @throws StateConflictException naming every broken rule, or a slot that is blocked or held by
   *     another pair
   */
  PlannedPair validate(
      SchedulingCase schedulingCase,
      @Nullable UUID harvestSlotId,
      @Nullable UUID injectionSlotId,
      @Nullable UUID holder,
      Collection<UUID> letGo,
      Instant now) {
    List<FieldProblem> problems = new ArrayList<>();
    boolean autologous = schedulingCase.cellSource().isAutologous();
    if (autologous && harvestSlotId == null) {
      problems.add(
          new FieldProblem("harvestSlotId", "required for " + schedulingCase.cellSource()));
    }
    if (!autologous && harvestSlotId != null) {
      problems.add(
          new FieldProblem(
              "harvestSlotId",
              "must be empty: a donated product ("
                  + schedulingCase.cellSource()
                  + ") is injected without a harvest"));
    }
    if (injectionSlotId == null) {
      problems.add(new FieldProblem("injectionSlotId", "required"));
    }
    Optional<Slot> harvest = harvestSlotId == null ? Optional.empty() : slots.find(harvestSlotId);
    Optional<Slot> injection =
        injectionSlotId == null ? Optional.empty() : slots.find(injectionSlotId);
    if (harvestSlotId != null && harvest.isEmpty()) {
      problems.add(new FieldProblem("harvestSlotId", "no such slot"));
    }
    if (injectionSlotId != null && injection.isEmpty()) {
      problems.add(new FieldProblem("injectionSlotId", "no such slot"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    CandidateSlot harvestCandidate = harvest.map(CandidateSlot::of).orElse(null);
    CandidateSlot injectionCandidate = CandidateSlot.of(injection.orElseThrow());
    List<String> broken =
        new ArrayList<>(
            planner.violations(
                schedulingCase.planningRequest(), now, harvestCandidate, injectionCandidate));
    harvest.ifPresent(slot -> unavailability(slot, holder).ifPresent(broken::add));
    unavailability(injection.get(), holder).ifPresent(broken::add);
    if (!broken.isEmpty()) {
      throw new StateConflictException("The chosen slots do not fit: " + String.join("; ", broken));
    }
    List<UUID> ids =
        harvest
            .map(slot -> List.of(slot.id(), injection.get().id()))
            .orElseGet(() -> List.of(injection.get().id()));
    Set<UUID> locked = new java.util.HashSet<>(ids);
    locked.addAll(letGo);
    Set<UUID> blockedMeanwhile = new java.util.HashSet<>(store.lockForBooking(locked));
    blockedMeanwhile.retainAll(ids);
    if (!blockedMeanwhile.isEmpty()) {
      throw new StateConflictException("Slot(s) " + blockedMeanwhile + " were blocked meanwhile");
    }
    return planned(schedulingCase, harvestCandidate, injectionCandidate);
  }

  /**
   * The conflict to report when the database refused an appointment because another one holds its
   * slot.
   */
  static RuntimeException taken(DuplicateKeyException e, UUID slotId) {
    if (ViolatedConstraint.of(e).filter(AppointmentPairs.SLOT_HELD_ONCE::equals).isPresent()) {
      return new StateConflictException("Slot " + slotId + " was taken by another booking");
    }
    if (ViolatedConstraint.of(e)
        .filter("appointment_pair_one_active_per_case"::equals)
        .isPresent()) {
      return new StateConflictException("The case already has an active appointment pair");
    }
    return e;
  }

  private PlannedPair planned(
      SchedulingCase schedulingCase, @Nullable CandidateSlot harvest, CandidateSlot injection) {
    SchedulingRules rules = planner.rules();
    PlannedAppointment plannedHarvest =
        harvest == null
            ? null
            : new PlannedAppointment(
                AppointmentKind.HARVEST,
                harvest,
                harvest.startsAt(),
                harvest
                    .startsAt()
                    .plus(rules.harvestOf(schedulingCase.cellSource()).harvestDuration()));
    return new PlannedPair(
        plannedHarvest,
        new PlannedAppointment(
            AppointmentKind.INJECTION,
            injection,
            injection.startsAt(),
            injection.startsAt().plus(rules.injectionDuration())));
  }

  private static Optional<String> unavailability(Slot slot, @Nullable UUID holder) {
    if (slot.blocked()) {
      return Optional.of("slot " + slot.id() + " is blocked");
    }
    if (slot.heldByPairId() != null && !slot.heldByPairId().equals(holder)) {
      return Optional.of("slot " + slot.id() + " is booked by another pair");
    }
    return Optional.empty();
  }
}
