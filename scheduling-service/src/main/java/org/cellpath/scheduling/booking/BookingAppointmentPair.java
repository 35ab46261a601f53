package org.cellpath.scheduling.booking;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.cellpath.scheduling.planning.CandidateSlot;
import org.cellpath.scheduling.planning.PairPlanner;
import org.cellpath.scheduling.planning.PlannedAppointment;
import org.cellpath.scheduling.planning.PlannedPair;
import org.cellpath.scheduling.planning.PlanningRequest;
import org.cellpath.scheduling.planning.SchedulingRules;
import org.cellpath.scheduling.slots.SlotQueries;
import org.cellpath.scheduling.slots.SlotStore;
import org.cellpath.scheduling.slots.TimeWindow;
import org.cellpath.scheduling.slots.ViolatedConstraint;
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
 * Books an appointment pair for an approved case, or waitlists the case, and retries waitlisted
 * cases.
 *
 * <p>The planner proposes pairs best first from a snapshot of the bookable slots; each proposal is
 * attempted in a savepoint that books both slots or neither. The database decides who gets a slot:
 * a partial unique index refuses a second active appointment for it, even against a transaction
 * that has not committed yet (the second insert waits, then fails). A proposal whose slot another
 * booking has locked is not waited for. A refused proposal is rolled back to its savepoint and the
 * next one that avoids the lost slot is tried. The case's state and its event (booked or
 * waitlisted) commit with the booking: the stores publish the events the case's and the pair's
 * transitions raise, and they reach the outbox just before the transaction commits.
 *
 * <p>Waitlisted cases come before a new approval: slots added or freed since a waitlisted case was
 * last planned go to it first, oldest case first, even when the approval is planned before the
 * waitlist worker has looked at them ({@link #onApproval}).
 */
@Service
public class BookingAppointmentPair {

  private static final Logger log = LoggerFactory.getLogger(BookingAppointmentPair.class);

  /**
   * Days read first, from two days before the first day with a free slot of the kind the procedure
   * starts with (the margin for sites in other zones, see {@link SlotQueries#firstFreeDay}); each
   * further part is twice as long.
   */
  static final int FIRST_PART_DAYS = 3;

  private static final int ZONE_MARGIN_DAYS = 2;

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final SlotQueries slots;
  private final SlotStore slotStore;
  private final PairPlanner planner;
  private final Clock clock;
  private final TransactionTemplate savepoint;
  private final MeterRegistry meters;
  private final ChosenSlots chosen;
  private final ReferralWithdrawals withdrawals;
  private final SlotReleases releases;
  private final TransactionTemplate ownTransaction;
  private final int waitlistPageSize;

  private final MissedPairs missedPairs;
  private final WaitlistSettingsStore settings;

  BookingAppointmentPair(
      SchedulingCases cases,
      AppointmentPairs pairs,
      SlotQueries slots,
      SlotStore slotStore,
      PairPlanner planner,
      Clock clock,
      PlatformTransactionManager transactions,
      MeterRegistry meters,
      ChosenSlots chosen,
      ReferralWithdrawals withdrawals,
      SlotReleases releases,
      SchedulingRules rules,
      MissedPairs missedPairs,
      WaitlistSettingsStore settings) {
    this.missedPairs = missedPairs;
    this.settings = settings;
    this.cases = cases;
    this.pairs = pairs;
    this.slots = slots;
    this.slotStore = slotStore;
    this.planner = planner;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.meters = meters;
    this.chosen = chosen;
    this.withdrawals = withdrawals;
    this.releases = releases;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.waitlistPageSize = rules.waitlistPageSize();
  }

  /**
   * Opens a case for the approval and books its earliest fitting pair, or waitlists it. A referral
   * that already has a case is left as it is, so a repeated approval never books twice; so is a
   * referral already withdrawn (its approval was handled after the withdrawal: redelivered, or
   * replayed from a dead-letter topic).
   *
   * <p>The approval never takes a slot an older waitlisted case could be booked into. Before
   * planning, waitlisted cases last planned before the latest release of slots have their turn,
   * oldest first ({@link #waitlistFirst}); and a proposal whose slots are locked checks that no
   * release came meanwhile (one that commits while this approval plans), else the waitlist goes
   * first again and the approval plans anew. Where the waitlist has been tried against every
   * release, that costs one indexed look-up before planning and a primary-key read per proposal
   * attempted.
   *
   * @param approved an approval with an approved cell source (never {@code NO_PREFERENCE}) and a
   *     patient contact
   */
  @Transactional
  public BookingOutcome onApproval(ReferralApproved approved) {
    withdrawals.lock(approved.referralId());
    if (withdrawals.withdrawn(approved.referralId())) {
      log.info(
          "Referral {} was withdrawn before approval {} was handled; nothing opened, booked or announced",
          approved.referralId(),
          approved.eventId());
      return new BookingOutcome.Withdrawn();
    }
    SchedulingCase opened =
        SchedulingCase.approved(
            approved.referralId(),
            approved.eventId(),
            approved.occurredAt(),
            approved.cellSource(),
            approved.lastCorticosteroidInjection(),
            approved.preferences(),
            approved.patient());
    if (!cases.insertIfAbsent(opened)) {
      CaseStatus status =
          cases.find(approved.referralId()).map(SchedulingCase::status).orElseThrow();
      log.info(
          "Referral {} already has a scheduling case ({}); approval {} changes nothing",
          approved.referralId(),
          status,
          approved.eventId());
      return new BookingOutcome.AlreadyKnown(status);
    }
    Instant now;
    long generation;
    Search search;
    do {
      generation = waitlistFirst();
      now = clock.instant();
      search = book(opened, now, OptionalLong.of(generation), Set.of(), null);
    } while (search.waitlistFirst());
    if (search.booked().isPresent()) {
      cases.save(opened.booked());
      announce(opened, search.booked().get(), now);
      return new BookingOutcome.Booked(search.booked().get());
    }
    TimeWindow searched = planner.searchWindow(opened.planningRequest(), now);
    SchedulingCase waitlisted = opened.waitlisted(searched, now);
    cases.save(waitlisted, generation, waitlisted.waitlistedEvents());
    meters.counter("cellpath.scheduling.cases", "outcome", "waitlisted").increment();
    log.info(
        "Referral {} waitlisted: no pair fits between {} and {}",
        opened.referralId(),
        searched.from(),
        searched.until());
    return new BookingOutcome.Waitlisted(searched);
  }

  /**
   * Tries once more to book a waitlisted case. A case that is no longer waitlisted, or that another
   * transaction is planning right now, is skipped.
   *
   * @return whether the case is now booked
   */
  @Transactional
  public boolean retryWaitlisted(UUID referralId) {
    Optional<SchedulingCase> waiting = cases.lockIfWaitlisted(referralId);
    if (waiting.isEmpty()) {
      return false;
    }
    return retry(waiting.get(), releases.generation());
  }

  /**
   * Plans a locked waitlisted case again and books it (or, when the clinic makes offers, offers it
   * the pair), or records that it was tried against this release generation (read before its slots
   * are).
   */
  private boolean retry(SchedulingCase waiting, long generation) {
    WaitlistSettings setting = settings.current();
    if (setting.mode() == WaitlistMode.OFFERS) {
      return offer(waiting, generation, setting.offerHold());
    }
    Instant now = clock.instant();
    Optional<AppointmentPair> booked =
        book(waiting, now, OptionalLong.empty(), Set.of(), null).booked();
    if (booked.isEmpty()) {
      cases.tried(waiting.referralId(), generation);
      return false;
    }
    cases.save(waiting.booked());
    announce(waiting, booked.get(), now);
    log.info("Waitlisted referral {} booked", waiting.referralId());
    return true;
  }

  /**
   * Offers the locked waitlisted case the pair the planner chooses, under every rule, among the
   * slots it was not offered before (docs/domain.md §8.3): the pair's appointments hold their slots
   * as a booked pair's do, until the patient answers or the hold ends. Or records that it was tried
   * against this release generation.
   */
  private boolean offer(SchedulingCase waiting, long generation, java.time.Duration hold) {
    Instant now = clock.instant();
    Instant holdUntil = now.plus(hold);
    Optional<AppointmentPair> offered =
        book(
                waiting,
                now,
                OptionalLong.empty(),
                pairs.endedOfferSlots(waiting.referralId()),
                holdUntil)
            .booked();
    if (offered.isEmpty()) {
      cases.tried(waiting.referralId(), generation);
      return false;
    }
    cases.save(waiting.offered(), generation);
    pairs.save(offered.get().offered(waiting.patient(), now));
    meters.counter("cellpath.scheduling.cases", "outcome", "offered").increment();
    log.info(
        "Waitlisted referral {} offered pair {} until {}",
        waiting.referralId(),
        offered.get().id(),
        holdUntil);
    return true;
  }

  /**
   * Gives every waitlisted case that was last planned before the latest release of slots its turn,
   * oldest first, each in its own transaction as the waitlist worker would (waiting for a case the
   * worker or a scheduler holds, then skipping it if it was dealt with meanwhile). Where none is
   * behind, this is one indexed look-up.
   *
   * @return the release generation the waitlist has now been tried against
   */
  private long waitlistFirst() {
    SlotReleases.WaitlistState state = releases.state();
    if (!state.behind()) {
      return state.generation();
    }
    int booked = 0;
    SchedulingCases.WaitlistPlace after = null;
    while (true) {
      List<SchedulingCases.WaitlistPlace> page =
          cases.behindAfter(after, state.generation(), waitlistPageSize);
      for (SchedulingCases.WaitlistPlace place : page) {
        if (turn(place.referralId(), state.generation())) {
          booked++;
        }
      }
      if (page.size() < waitlistPageSize) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    if (booked > 0) {
      log.info("{} waitlisted case(s) booked into released slots before a new approval", booked);
    }
    return state.generation();
  }

  /** One waitlisted case's turn, in its own transaction; whether it was booked. */
  private boolean turn(UUID referralId, long generation) {
    try {
      return Boolean.TRUE.equals(
          ownTransaction.execute(
              status ->
                  cases
                      .lockIfBehind(referralId, generation)
                      .map(waiting -> retry(waiting, generation))
                      .orElse(false)));
    } catch (RuntimeException e) {
      // Class name only: messages of arbitrary failures may quote row values. Counted as tried, so
      // that one failing
      // case does not hold up every approval; the waitlist worker's rounds still retry it.
      log.warn(
          "Waitlisted referral {} could not be retried before a new approval: {}",
          referralId,
          e.getClass().getName());
      ownTransaction.executeWithoutResult(status -> cases.tried(referralId, generation));
      return false;
    }
  }

  /**
   * A scheduler books the slots they chose for a waitlisted case, or one whose pair was cancelled
   * or missed (the missed pair is ended first). The same rules as automatic booking apply (except
   * the search horizon); the database refuses a slot another booking holds.
   *
   * @param harvestSlotId the harvest slot; null for a donated product
   * @throws RecordNotFoundException when the referral has no scheduling case
   * @throws StateConflictException when the case is booked or withdrawn, a rule is broken (each one
   *     named), or a slot is blocked or taken
   * @throws org.cellpath.domain.InvalidValueException when a slot does not exist or the slots named
   *     do not suit the case's cell source
   */
  @Transactional
  public AppointmentPair bookChosen(
      UUID referralId, @Nullable UUID harvestSlotId, @Nullable UUID injectionSlotId) {
    Instant now = clock.instant();
    SchedulingCase locked =
        cases
            .lock(referralId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException(
                        "Referral " + referralId + " has no scheduling case"));
    // A missed pair is ended first (its slots still ahead go free): booking again is how a
    // no-show is rebooked (docs/domain.md §8.5). Should the new booking be refused, the
    // transaction rolls back and the missed pair stands.
    SchedulingCase schedulingCase = missedPairs.endIfMissed(locked, now);
    if (!schedulingCase.manuallyBookable()) {
      throw new StateConflictException(
          "Referral "
              + referralId
              + "'s case is "
              + schedulingCase.status()
              + "; only a waitlisted case or one whose pair was cancelled or missed can be booked"
              + " by hand");
    }
    PlannedPair target =
        chosen.validate(schedulingCase, harvestSlotId, injectionSlotId, null, List.of(), now);
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
    pairs.save(pair.booked(booked.patient(), now));
    meters.counter("cellpath.scheduling.cases", "outcome", "booked").increment();
    log.info("Referral {} booked as pair {}", booked.referralId(), pair.id());
  }

  /**
   * What a search for a pair came to: the booked pair, nothing, or (for a new approval) a release
   * of slots the waitlist has not had its turn at, so that the waitlist goes first and the search
   * starts again.
   */
  private record Search(Optional<AppointmentPair> booked, boolean waitlistFirst) {

    static final Search NOTHING = new Search(Optional.empty(), false);
    static final Search WAITLIST_FIRST = new Search(Optional.empty(), true);
  }

  /** What one proposal's attempt came to. */
  private enum Attempt {
    BOOKED,
    /** A slot is blocked or another booking holds it. */
    LOST,
    /** Slots were released that a waitlisted case has not been tried against. */
    WAITLIST_FIRST
  }

  /**
   * Books the best proposal the database accepts, or nothing.
   *
   * @param waitlistTriedAt for a new approval: the release generation the waitlist has been tried
   *     against; a proposal is given up if slots were released since and a waitlisted case has not
   *     been tried against them
   * @param excluded slots not to propose (those of the case's declined or expired offers)
   * @param offerUntil when set, the pair is inserted as an offer held until then
   */
  private Search book(
      SchedulingCase schedulingCase,
      Instant now,
      OptionalLong waitlistTriedAt,
      Set<UUID> excluded,
      @Nullable Instant offerUntil) {
    PlanningRequest request = schedulingCase.planningRequest();
    Set<UUID> lost = new HashSet<>();
    // A pair lies within one local day and the planner ranks days first, so reading the window a
    // few days at a time
    // finds the same pair as reading it whole, but reads only the first days when they have room.
    // Days before the
    // first free slot of the procedure's first appointment (a harvest, or a donated product's
    // injection) hold no
    // pair, however many other slots they have: reading starts there.
    TimeWindow window = planner.searchWindow(request, now);
    AppointmentKind first =
        request.cellSource().isAutologous() ? AppointmentKind.HARVEST : AppointmentKind.INJECTION;
    Optional<LocalDate> firstFree = slots.firstFreeDay(first, window, now);
    if (firstFree.isEmpty() || firstFree.get().isAfter(window.until())) {
      return Search.NOTHING;
    }
    LocalDate start = firstFree.get().minusDays(ZONE_MARGIN_DAYS);
    TimeWindow searched =
        start.isAfter(window.from()) ? new TimeWindow(start, window.until()) : window;
    for (TimeWindow part : searched.parts(FIRST_PART_DAYS)) {
      List<CandidateSlot> candidates =
          slots.bookable(part, now).stream()
              .filter(slot -> !excluded.contains(slot.id()))
              .map(CandidateSlot::of)
              .toList();
      Iterator<PlannedPair> proposals = planner.fittingPairs(request, now, candidates).iterator();
      while (proposals.hasNext()) {
        PlannedPair proposal = proposals.next();
        if (proposal.appointments().stream()
            .anyMatch(appointment -> lost.contains(appointment.slot().slotId()))) {
          continue;
        }
        UUID pairId = UUID.randomUUID();
        switch (attempt(
            schedulingCase.referralId(),
            pairId,
            proposal,
            now,
            lost,
            waitlistTriedAt,
            offerUntil)) {
          case BOOKED -> {
            return new Search(pairs.find(pairId), false);
          }
          case WAITLIST_FIRST -> {
            return Search.WAITLIST_FIRST;
          }
          case LOST -> {
            // the next proposal that avoids the lost slots
          }
        }
      }
    }
    return Search.NOTHING;
  }

  /**
   * Books all of the proposal's slots in one savepoint as pair {@code pairId}, or none of them
   * (adding the lost ones to {@code lost}, or giving the waitlist its turn first).
   */
  private Attempt attempt(
      UUID referralId,
      UUID pairId,
      PlannedPair proposal,
      Instant now,
      Set<UUID> lost,
      OptionalLong waitlistTriedAt,
      @Nullable Instant offerUntil) {
    return savepoint.execute(
        status -> {
          Set<UUID> unavailable =
              slotStore.tryLockForBooking(
                  proposal.appointments().stream()
                      .map(appointment -> appointment.slot().slotId())
                      .toList());
          if (!unavailable.isEmpty()) {
            lost.addAll(unavailable);
            status.setRollbackOnly();
            return Attempt.LOST;
          }
          // Whatever freed or added these slots has committed (a releasing transaction keeps the
          // slot's row locked until
          // it ends, a new slot is invisible until then), and with it the raised release
          // generation: read now, it tells
          // whether the waitlist has had its turn at them.
          if (waitlistTriedAt.isPresent() && waitlistBehind(waitlistTriedAt.getAsLong())) {
            status.setRollbackOnly();
            return Attempt.WAITLIST_FIRST;
          }
          pairs.insertPair(pairId, referralId, now, offerUntil);
          for (PlannedAppointment appointment : proposal.appointments()) {
            try {
              pairs.insertAppointment(pairId, appointment);
            } catch (DuplicateKeyException e) {
              if (!ViolatedConstraint.of(e)
                  .filter(AppointmentPairs.SLOT_HELD_ONCE::equals)
                  .isPresent()) {
                throw e;
              }
              // Another booking holds this slot (committed, or committed while this insert waited
              // for it).
              lost.add(appointment.slot().slotId());
              meters.counter("cellpath.scheduling.slot.contended").increment();
              log.debug(
                  "Slot {} was taken by another booking; trying the next proposal",
                  appointment.slot().slotId());
              status.setRollbackOnly();
              return Attempt.LOST;
            }
          }
          return Attempt.BOOKED;
        });
  }

  /**
   * Whether slots were released after {@code generation} and some waitlisted case has not been
   * tried against them.
   */
  private boolean waitlistBehind(long generation) {
    return releases.generation() != generation && releases.state().behind();
  }
}
