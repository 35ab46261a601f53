package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.OfferEnd;
import org.cellpath.domain.RecordNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What becomes of a pair offered to a waitlisted case (docs/domain.md §8.3): the patient accepts it
 * (booked) or declines it, or its hold runs out; declined or expired, its slots go free for the
 * next fitting case and the case waits again in its place. Each answer locks the case, then the
 * pair (the order every change of a case and its pair takes), so an accept and the expiry sweep at
 * the hold's end, or two accepts, are decided one after the other: the first changes the offer, the
 * second finds it ended and changes nothing.
 */
@Service
public class WaitlistOffers {

  private static final Logger log = LoggerFactory.getLogger(WaitlistOffers.class);

  private final SchedulingCases cases;
  private final AppointmentPairs pairs;
  private final Clock clock;

  WaitlistOffers(SchedulingCases cases, AppointmentPairs pairs, Clock clock) {
    this.cases = cases;
    this.pairs = pairs;
    this.clock = clock;
  }

  /**
   * The patient accepts the offer. Accepting an offer already accepted changes nothing and answers
   * the booked pair (a second tap, a retried request).
   *
   * @throws RecordNotFoundException when the pair does not exist
   * @throws IllegalTransitionException when the offer was declined, expired, or its hold is over
   */
  @Transactional
  public AppointmentPair accept(UUID pairId) {
    Locked locked = lock(pairId);
    if (ended(locked.pair(), OfferEnd.ACCEPTED)) {
      return locked.pair();
    }
    PairTransition.OfferAccepted accepted =
        locked.pair().accept(locked.schedulingCase().patient(), clock.instant());
    pairs.save(accepted);
    cases.save(locked.schedulingCase().offerAccepted());
    log.info("Offer of pair {} accepted; referral {} booked", pairId, locked.referralId());
    return accepted.pair();
  }

  /**
   * The patient declines the offer. Declining an offer already declined changes nothing.
   *
   * @throws RecordNotFoundException when the pair does not exist
   * @throws IllegalTransitionException when the offer was accepted, expired, or its hold is over
   */
  @Transactional
  public AppointmentPair decline(UUID pairId) {
    Locked locked = lock(pairId);
    if (ended(locked.pair(), OfferEnd.DECLINED)) {
      return locked.pair();
    }
    PairTransition.OfferEnded declined = locked.pair().decline(clock.instant());
    pairs.save(declined);
    cases.save(locked.schedulingCase().offerEnded());
    log.info(
        "Offer of pair {} declined; referral {} waits again in its place",
        pairId,
        locked.referralId());
    return declined.pair();
  }

  /**
   * Ends the offer if it is still open and its hold is over; otherwise (accepted meanwhile, ended
   * by another instance, not due) changes nothing.
   *
   * @return whether this call expired it
   */
  @Transactional
  public boolean expireIfDue(UUID pairId) {
    Locked locked = lock(pairId);
    Instant now = clock.instant();
    AppointmentPair pair = locked.pair();
    if (pair.status() != BookingStatus.OFFERED || pair.openOffer(now)) {
      return false;
    }
    pairs.save(pair.expire(now));
    cases.save(locked.schedulingCase().offerEnded());
    log.info(
        "Offer of pair {} expired; referral {} waits again in its place",
        pairId,
        locked.referralId());
    return true;
  }

  private static boolean ended(AppointmentPair pair, OfferEnd end) {
    return pair.offer() != null && pair.offer().end() == end;
  }

  private Locked lock(UUID pairId) {
    UUID referralId =
        pairs
            .find(pairId)
            .map(AppointmentPair::referralId)
            .orElseThrow(
                () ->
                    new RecordNotFoundException("Appointment pair " + pairId + " does not exist"));
    SchedulingCase schedulingCase = cases.lock(referralId).orElseThrow();
    AppointmentPair pair = pairs.lock(pairId).orElseThrow();
    return new Locked(referralId, schedulingCase, pair);
  }

  private record Locked(UUID referralId, SchedulingCase schedulingCase, AppointmentPair pair) {}
}
