package org.cellpath.scheduling.booking;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.cellpath.work.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ends the offers whose hold ran out (docs/domain.md §8.3), every {@code
 * cellpath.scheduling.offer-sweep-interval}: each in its own transaction, under the case's and the
 * pair's row locks, so an accept at the same moment and the sweeps of several instances are decided
 * one after the other and the offer ends once. The slots go free and the waitlist is woken.
 */
@Component
class ExpiringOffers extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(ExpiringOffers.class);
  private static final int PAGE = 50;

  private final AppointmentPairs pairs;
  private final WaitlistOffers offers;
  private final Clock clock;

  ExpiringOffers(
      AppointmentPairs pairs,
      WaitlistOffers offers,
      Clock clock,
      @Value("${cellpath.scheduling.offer-sweep-interval:15s}") Duration interval) {
    super("offer-expiry", interval);
    this.pairs = pairs;
    this.offers = offers;
    this.clock = clock;
  }

  /** Ends every offer due now; how many this call ended. */
  int expireDue() {
    List<UUID> due = pairs.offersDue(clock.instant(), PAGE);
    int expired = 0;
    for (UUID pairId : due) {
      try {
        if (offers.expireIfDue(pairId)) {
          expired++;
        }
      } catch (RuntimeException e) {
        // Class name only: messages of arbitrary failures may quote row values.
        log.warn("Expiring the offer of pair {} failed: {}", pairId, e.getClass().getName());
      }
    }
    return expired;
  }

  @Override
  protected boolean round() {
    int expired = expireDue();
    if (expired > 0) {
      log.info("{} waitlist offer(s) expired", expired);
    }
    return expired == PAGE;
  }
}
