package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.domain.RecordNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels a pair as one and lets both slots go to the waitlist: when its referral is withdrawn (the
 * case closes), or when a scheduler cancels it (the case waits for a manual booking).
 */
@Service
public class CancellingAppointmentPair {

  private static final Logger log = LoggerFactory.getLogger(CancellingAppointmentPair.class);

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final Clock clock;
  private final ReferralWithdrawals withdrawals;

  CancellingAppointmentPair(
      SchedulingCases cases, AppointmentPairs pairs, Clock clock, ReferralWithdrawals withdrawals) {
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
    return cancel(pairId, reason, "a scheduler");
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
    return cancel(pairId, reason, "the patient");
  }

  private AppointmentPair cancel(UUID pairId, String reason, String by) {
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
    cases.save(schedulingCase.cancelled());
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
