package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.messaging.Outbox;
import org.cellpath.scheduling.slots.Slots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Closes a withdrawn referral's case: its active pair is cancelled as one, and both slots go back to the waitlist. */
@Service
public class CancellingAppointmentPair {

  private static final Logger log = LoggerFactory.getLogger(CancellingAppointmentPair.class);

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final Slots slots;
  private final Outbox outbox;
  private final Clock clock;

  CancellingAppointmentPair(SchedulingCases cases, AppointmentPairs pairs, Slots slots, Outbox outbox, Clock clock) {
    this.cases = cases;
    this.pairs = pairs;
    this.slots = slots;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Withdraws the referral's case. A referral withdrawn before it was approved has no case here; a case already
   * withdrawn stays as it is.
   *
   * @return the cancelled pair, if the case had an active one
   */
  @Transactional
  public Optional<AppointmentPair> onWithdrawal(ReferralWithdrawn withdrawn) {
    UUID referralId = withdrawn.referralId();
    Optional<SchedulingCase> open = cases.lock(referralId);
    if (open.isEmpty() || open.get().status() == CaseStatus.WITHDRAWN) {
      log.info("Referral {} withdrawn; scheduling has no open case for it", referralId);
      return Optional.empty();
    }
    cases.save(open.get().withdrawn());
    Optional<AppointmentPair> active = pairs.activeOf(referralId);
    if (active.isEmpty()) {
      log.info("Referral {} withdrawn from status {}; no pair to cancel", referralId, open.get().status());
      return Optional.empty();
    }
    Instant now = clock.instant();
    pairs.cancel(active.get().id(), now);
    AppointmentPair cancelled = pairs.find(active.get().id()).orElseThrow();
    outbox.append(new AppointmentPairCancelled(UUID.randomUUID(), referralId, now, cancelled.id(),
        cancelled.sequence(), cancelled.contractAppointments(), open.get().patient()));
    slots.released("pair cancelled");
    log.info("Referral {} withdrawn; pair {} cancelled and its slots freed", referralId, cancelled.id());
    return Optional.of(cancelled);
  }
}
