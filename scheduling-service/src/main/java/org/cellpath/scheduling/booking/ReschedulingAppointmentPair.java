package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.scheduling.planning.PlannedPair;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a pair as one to slots a scheduler names: the new slots are checked against the planner's
 * rules, booked, and the old ones let go, in one transaction; the appointments keep their ids and
 * the pair's sequence rises.
 */
@Service
public class ReschedulingAppointmentPair {

  private static final Logger log = LoggerFactory.getLogger(ReschedulingAppointmentPair.class);

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final ChosenSlots chosen;
  private final Clock clock;

  ReschedulingAppointmentPair(
      SchedulingCases cases, AppointmentPairs pairs, ChosenSlots chosen, Clock clock) {
    this.cases = cases;
    this.pairs = pairs;
    this.chosen = chosen;
    this.clock = clock;
  }

  /**
   * @param harvestSlotId the new harvest slot; null for a donated product
   * @throws RecordNotFoundException when the pair does not exist
   * @throws org.cellpath.domain.StateConflictException when the pair cannot change (cancelled, or
   *     an appointment took place), a rule is broken (each one named), or a slot is blocked or
   *     taken
   * @throws org.cellpath.domain.InvalidValueException when a slot does not exist or the slots named
   *     do not suit the case's cell source
   */
  @Transactional
  public AppointmentPair reschedule(
      UUID pairId, @Nullable UUID harvestSlotId, @Nullable UUID injectionSlotId) {
    UUID referralId =
        pairs
            .find(pairId)
            .map(AppointmentPair::referralId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException("Appointment pair " + pairId + " does not exist"));
    SchedulingCase schedulingCase = cases.lock(referralId).orElseThrow();
    AppointmentPair pair = pairs.lock(pairId).orElseThrow();
    // Refused before the chosen slots are checked and locked, as the transition would refuse it.
    pair.requireChangeable(AppointmentPair.Action.RESCHEDULE);
    Instant now = clock.instant();
    List<UUID> held = pair.appointments().stream().map(BookedAppointment::slotId).toList();
    PlannedPair target =
        chosen.validate(schedulingCase, harvestSlotId, injectionSlotId, pairId, held, now);
    Map<UUID, Place> places =
        pairs.places(target.appointments().stream().map(a -> a.slot().slotId()).toList());
    PairTransition.Moved moved = pair.reschedule(target, places, schedulingCase.patient(), now);
    pairs.save(moved);
    log.info(
        "Pair {} of referral {} rescheduled (sequence {})",
        pairId,
        referralId,
        moved.pair().sequence());
    return moved.pair();
  }
}
