package org.cellpath.scheduling.booking;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.messaging.Outbox;
import org.cellpath.scheduling.ViolatedConstraint;
import org.cellpath.scheduling.slots.Slot;
import org.cellpath.scheduling.slots.Slots;
import org.cellpath.web.ConflictException;
import org.cellpath.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Books an appointment pair for an approved case, or waitlists the case, and retries waitlisted cases.
 *
 * <p>The planner proposes pairs best first from a snapshot of the bookable slots; each proposal is attempted in a
 * savepoint that books both slots or neither. The database decides who gets a slot: a partial unique index refuses
 * a second active appointment for it, even against a transaction that has not committed yet (the second insert
 * waits, then fails). A proposal whose slot another booking has locked is not waited for. A refused proposal is
 * rolled back to its savepoint and the next one that avoids the lost slot is tried. The case's state and its event
 * (booked or waitlisted) commit with the booking, through the outbox.
 */
@Service
public class BookingAppointmentPair {

  private static final Logger log = LoggerFactory.getLogger(BookingAppointmentPair.class);
  /**
   * Days read first, from two days before the first day with a free slot of the kind the procedure starts with
   * (the margin for sites in other zones, see {@link Slots#firstFreeDay}); each further part is twice as long.
   */
  static final int FIRST_PART_DAYS = 3;
  private static final int ZONE_MARGIN_DAYS = 2;

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final Slots slots;
  private final PairPlanner planner;
  private final Outbox outbox;
  private final Clock clock;
  private final TransactionTemplate savepoint;
  private final MeterRegistry meters;
  private final ChosenSlots chosen;
  private final ReferralWithdrawals withdrawals;

  BookingAppointmentPair(SchedulingCases cases, AppointmentPairs pairs, Slots slots, PairPlanner planner,
      Outbox outbox, Clock clock, PlatformTransactionManager transactions, MeterRegistry meters,
      ChosenSlots chosen, ReferralWithdrawals withdrawals) {
    this.cases = cases;
    this.pairs = pairs;
    this.slots = slots;
    this.planner = planner;
    this.outbox = outbox;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.meters = meters;
    this.chosen = chosen;
    this.withdrawals = withdrawals;
  }

  /**
   * Opens a case for the approval and books its earliest fitting pair, or waitlists it. A referral that already has
   * a case is left as it is, so a repeated approval never books twice; so is a referral already withdrawn (its
   * approval was handled after the withdrawal: redelivered, or replayed from a dead-letter topic).
   *
   * @param approved an approval with an approved cell source (never {@code NO_PREFERENCE}) and a patient contact
   */
  @Transactional
  public BookingOutcome onApproval(ReferralApproved approved) {
    withdrawals.lock(approved.referralId());
    if (withdrawals.withdrawn(approved.referralId())) {
      log.info("Referral {} was withdrawn before approval {} was handled; nothing opened, booked or announced",
          approved.referralId(), approved.eventId());
      return new BookingOutcome.Withdrawn();
    }
    SchedulingCase opened = SchedulingCase.approved(approved.referralId(), approved.eventId(), approved.occurredAt(),
        approved.cellSource(), approved.lastCorticosteroidInjection(), approved.preferences(), approved.patient());
    if (!cases.insertIfAbsent(opened)) {
      CaseStatus status = cases.find(approved.referralId()).map(SchedulingCase::status).orElseThrow();
      log.info("Referral {} already has a scheduling case ({}); approval {} changes nothing",
          approved.referralId(), status, approved.eventId());
      return new BookingOutcome.AlreadyKnown(status);
    }
    Instant now = clock.instant();
    Optional<AppointmentPair> booked = book(opened, now);
    if (booked.isPresent()) {
      cases.save(opened.booked());
      announce(opened, booked.get(), now);
      return new BookingOutcome.Booked(booked.get());
    }
    SearchWindow searched = planner.searchWindow(opened.planningRequest(), now);
    cases.save(opened.waitlisted(searched, now));
    outbox.append(new CaseWaitlisted(UUID.randomUUID(), opened.referralId(), now, searched.from(), searched.until()));
    meters.counter("cellpath.scheduling.cases", "outcome", "waitlisted").increment();
    log.info("Referral {} waitlisted: no pair fits between {} and {}", opened.referralId(), searched.from(),
        searched.until());
    return new BookingOutcome.Waitlisted(searched);
  }

  /**
   * Tries once more to book a waitlisted case. A case that is no longer waitlisted, or that another transaction is
   * planning right now, is skipped.
   *
   * @return whether the case is now booked
   */
  @Transactional
  public boolean retryWaitlisted(UUID referralId) {
    Optional<SchedulingCase> waiting = cases.lockIfWaitlisted(referralId);
    if (waiting.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    Optional<AppointmentPair> booked = book(waiting.get(), now);
    if (booked.isEmpty()) {
      return false;
    }
    cases.save(waiting.get().booked());
    announce(waiting.get(), booked.get(), now);
    log.info("Waitlisted referral {} booked", referralId);
    return true;
  }

  /**
   * A scheduler books the slots they chose for a waitlisted case, or one whose pair a scheduler cancelled. The same
   * rules as automatic booking apply (except the search horizon); the database refuses a slot another booking holds.
   *
   * @param harvestSlotId the harvest slot; null for a donated product
   * @throws NotFoundException when the referral has no scheduling case
   * @throws ConflictException when the case is booked or withdrawn, a rule is broken (each one named), or a slot is
   *     blocked or taken
   * @throws org.cellpath.web.InvalidRequestException when a slot does not exist or the slots named do not suit the
   *     case's cell source
   */
  @Transactional
  public AppointmentPair bookChosen(UUID referralId, @Nullable UUID harvestSlotId, @Nullable UUID injectionSlotId) {
    SchedulingCase schedulingCase = cases.lock(referralId)
        .orElseThrow(() -> new NotFoundException("Referral " + referralId + " has no scheduling case"));
    if (!schedulingCase.manuallyBookable()) {
      throw new ConflictException("Referral " + referralId + "'s case is " + schedulingCase.status()
          + "; only a waitlisted case or one whose pair was cancelled can be booked by hand");
    }
    Instant now = clock.instant();
    PlannedPair target = chosen.validate(schedulingCase, harvestSlotId, injectionSlotId, null, List.of(), now);
    UUID pairId = UUID.randomUUID();
    try {
      pairs.insertPair(pairId, referralId, now);
    } catch (DuplicateKeyException e) {
      throw ChosenSlots.taken(e, target.injection().slot().slotId());
    }
    for (PlannedAppointment appointment : target.appointments()) {
      try {
        pairs.insertAppointment(pairId, appointment);
      } catch (DuplicateKeyException e) {
        throw ChosenSlots.taken(e, appointment.slot().slotId());
      }
    }
    AppointmentPair pair = pairs.find(pairId).orElseThrow();
    cases.save(schedulingCase.booked());
    announce(schedulingCase, pair, now);
    return pair;
  }

  private void announce(SchedulingCase booked, AppointmentPair pair, Instant now) {
    outbox.append(new AppointmentPairBooked(UUID.randomUUID(), booked.referralId(), now, pair.id(),
        pair.contractAppointments(), booked.patient()));
    meters.counter("cellpath.scheduling.cases", "outcome", "booked").increment();
    log.info("Referral {} booked as pair {}", booked.referralId(), pair.id());
  }

  /** Books the best proposal the database accepts, or nothing. */
  private Optional<AppointmentPair> book(SchedulingCase schedulingCase, Instant now) {
    PlanningRequest request = schedulingCase.planningRequest();
    Set<UUID> lost = new HashSet<>();
    // A pair lies within one local day and the planner ranks days first, so reading the window a few days at a time
    // finds the same pair as reading it whole, but reads only the first days when they have room. Days before the
    // first free slot of the procedure's first appointment (a harvest, or a donated product's injection) hold no
    // pair, however many other slots they have: reading starts there.
    SearchWindow window = planner.searchWindow(request, now);
    AppointmentKind first = request.cellSource().isAutologous() ? AppointmentKind.HARVEST : AppointmentKind.INJECTION;
    Optional<LocalDate> firstFree = slots.firstFreeDay(first, window.from(), window.until(), now);
    if (firstFree.isEmpty() || firstFree.get().isAfter(window.until())) {
      return Optional.empty();
    }
    LocalDate start = firstFree.get().minusDays(ZONE_MARGIN_DAYS);
    SearchWindow searched = start.isAfter(window.from()) ? new SearchWindow(start, window.until()) : window;
    for (SearchWindow part : searched.parts(FIRST_PART_DAYS)) {
      List<CandidateSlot> candidates = slots.bookable(part.from(), part.until(), now).stream()
          .map(CandidateSlot::of).toList();
      Iterator<PlannedPair> proposals = planner.fittingPairs(request, now, candidates).iterator();
      while (proposals.hasNext()) {
        PlannedPair proposal = proposals.next();
        if (proposal.appointments().stream().anyMatch(appointment -> lost.contains(appointment.slot().slotId()))) {
          continue;
        }
        Optional<UUID> pairId = attempt(schedulingCase.referralId(), proposal, now, lost);
        if (pairId.isPresent()) {
          return pairs.find(pairId.get());
        }
      }
    }
    return Optional.empty();
  }

  /** Books all of the proposal's slots in one savepoint, or none of them (adding the lost ones to {@code lost}). */
  private Optional<UUID> attempt(UUID referralId, PlannedPair proposal, Instant now, Set<UUID> lost) {
    return savepoint.execute(status -> {
      Set<UUID> unavailable = slots.tryLockForBooking(
          proposal.appointments().stream().map(appointment -> appointment.slot().slotId()).toList());
      if (!unavailable.isEmpty()) {
        lost.addAll(unavailable);
        status.setRollbackOnly();
        return Optional.<UUID>empty();
      }
      UUID pairId = UUID.randomUUID();
      pairs.insertPair(pairId, referralId, now);
      for (PlannedAppointment appointment : proposal.appointments()) {
        try {
          pairs.insertAppointment(pairId, appointment);
        } catch (DuplicateKeyException e) {
          if (!ViolatedConstraint.of(e).filter(AppointmentPairs.SLOT_HELD_ONCE::equals).isPresent()) {
            throw e;
          }
          // Another booking holds this slot (committed, or committed while this insert waited for it).
          lost.add(appointment.slot().slotId());
          meters.counter("cellpath.scheduling.slot.contended").increment();
          log.debug("Slot {} was taken by another booking; trying the next proposal", appointment.slot().slotId());
          status.setRollbackOnly();
          return Optional.<UUID>empty();
        }
      }
      return Optional.of(pairId);
    });
  }
}
