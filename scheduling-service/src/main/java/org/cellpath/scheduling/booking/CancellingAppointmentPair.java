package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.scheduling.planning.PairPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels a pair as one and lets both slots go to the waitlist: when its referral is withdrawn (the
 * case closes), or when a scheduler cancels it (the case waits for a manual booking, or rejoins the
 * waitlist when the clinic says so: docs/domain.md §8.5).
 */
@Service
public class CancellingAppointmentPair {

  private static final Logger log = LoggerFactory.getLogger(CancellingAppointmentPair.class);

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final Clock clock;
  private final ReferralWithdrawals withdrawals;
  private final PairPlanner planner;
  private final boolean rejoinWaitlist;

  CancellingAppointmentPair(
      SchedulingCases cases,
      AppointmentPairs pairs,
      Clock clock,
      ReferralWithdrawals withdrawals,
      PairPlanner planner,
      @Value("${cellpath.scheduling.cancelled-cases-rejoin-waitlist:false}")
          boolean rejoinWaitlist) {
    this.planner = planner;
    this.rejoinWaitlist = rejoinWaitlist;
    this.cases = cases;
    this.pairs = pairs;
    this.clock = clock;
    this.withdrawals = withdrawals;
  }

  /**
   * A scheduler cancels the pair. The reason is kept with the pair, not put on the event or in the
   * log (it may name the patient's circumstances).
   *
   * @throws RecordNotFoundException when the pair does not exist
   * @throws org.cellpath.domain.StateConflictException when it is already cancelled or one of its
   *     appointments took place or was missed
   */
  @Transactional
  public AppointmentPair byScheduler(UUID pairId, String reason) {
    return cancel(pairId, reason, "a scheduler", rejoinWaitlist);
  }

  /**
   * The patient cancels the pair through their link, with a reason from the page's list (and their
   * note): the same as a scheduler's cancellation, the slots going to the waitlist, the case
   * waiting for a booking by hand. The reason is kept with the pair only.
   *
   * @throws RecordNotFoundException when the pair does not exist
   * @throws org.cellpath.domain.StateConflictException as {@link #byScheduler}
   */
  @Transactional
  public AppointmentPair byPatient(UUID pairId, String reason) {
    return cancel(pairId, reason, "the patient", false);
  }

  /**
   * @param rejoin whether the case goes back on the waitlist (the clinic's setting {@code
   *     cellpath.scheduling.cancelled-cases-rejoin-waitlist}, for a scheduler's cancellation)
   *     rather than waiting for a booking by hand
   */
  private AppointmentPair cancel(UUID pairId, String reason, String by, boolean rejoin) {
    UUID referralId =
        pairs
            .find(pairId)
            .map(AppointmentPair::referralId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException("Appointment pair " + pairId + " does not exist"));
    SchedulingCase schedulingCase = cases.lock(referralId).orElseThrow();
    PairTransition.Cancelled cancelled =
        pairs.lock(pairId).orElseThrow().cancel(reason, schedulingCase.patient(), clock.instant());
    pairs.save(cancelled);
    // A pair that can still change belongs to a booked case; the case refuses any other transition.
    SchedulingCase cancelledCase = schedulingCase.cancelled();
    if (rejoin) {
      Instant now = clock.instant();
      SchedulingCase waiting =
          cancelledCase.rejoinedWaitlist(
              planner.searchWindow(cancelledCase.planningRequest(), now), now);
      cases.save(waiting, 0, waiting.waitlistedEvents());
      log.info(
          "Pair {} of referral {} cancelled by {}; its slots are free and the case is waitlisted",
          pairId,
          referralId,
          by);
      return cancelled.pair();
    }
    cases.save(cancelledCase);
    log.info("Pair {} of referral {} cancelled by {}; its slots are free", pairId, referralId, by);
    return cancelled.pair();
  }

  /**
   * Withdraws the referral's case, and remembers the withdrawal whether or not there is a case: an
   * approval handled later (redelivered, or replayed from a dead-letter topic) then opens none. A
   * case already withdrawn stays as it is.
   *
   * @return the cancelled pair, if the case had an active one
   */
  @Transactional
  public Optional<AppointmentPair> onWithdrawal(ReferralWithdrawn withdrawn) {
    UUID referralId = withdrawn.referralId();
    withdrawals.lock(referralId);
    withdrawals.record(
        referralId,
        withdrawn.eventId(),
        withdrawn.occurredAt() == null ? clock.instant() : withdrawn.occurredAt());
    Optional<SchedulingCase> open = cases.lock(referralId);
    if (open.isEmpty()) {
      log.info(
          "Referral {} withdrawn before scheduling opened a case; a later approval will open none",
          referralId);
      return Optional.empty();
    }
    if (open.get().isWithdrawn()) {
      log.info("Referral {} withdrawn again; its case already is", referralId);
      return Optional.empty();
    }
    if (open.get().isReturned()) {
      // The case was closed and returned to the physician: no pair, nothing left to withdraw.
      log.info("Referral {} withdrawn after its case was returned; nothing to do", referralId);
      return Optional.empty();
    }
    cases.save(open.get().withdrawn());
    Optional<AppointmentPair> active = pairs.activeOf(referralId);
    if (active.isEmpty()) {
      log.info(
          "Referral {} withdrawn from status {}; no pair to cancel",
          referralId,
          open.get().status());
      return Optional.empty();
    }
    PairTransition.Cancelled cancelled =
        active.get().cancelOnWithdrawal(open.get().patient(), clock.instant());
    pairs.save(cancelled);
    log.info(
        "Referral {} withdrawn; pair {} cancelled and its slots freed",
        referralId,
        cancelled.pair().id());
    return Optional.of(cancelled.pair());
  }
}
