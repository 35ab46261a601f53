package org.cellpath.scheduling.booking;

import java.util.UUID;
import org.cellpath.scheduling.slots.SlotsReleased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.cellpath.work.BackgroundWorker;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Books waitlisted cases, oldest first, as soon as slots are added or freed (woken after the change commits), and
 * also every {@code waitlist-sweep-interval}, because the search window moves with the days and a wake-up can be
 * lost when the service stops right after a commit. One worker thread; several service instances are safe because
 * each case is planned under a row lock that others skip, and slots are guarded by the database.
 */
@Component
class RetryingWaitlist extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(RetryingWaitlist.class);

  private final SchedulingCases cases;
  private final BookingAppointmentPair booking;
  /** Cases looked at per round; the rest wait for the next round. */
  private final int roundSize;

  RetryingWaitlist(SchedulingCases cases, BookingAppointmentPair booking, SchedulingRules rules) {
    super("waitlist-retry", rules.waitlistSweepInterval());
    this.cases = cases;
    this.booking = booking;
    this.roundSize = rules.waitlistPageSize();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void slotsReleased(SlotsReleased released) {
    wakeUp();
  }

  /**
   * One pass over the waitlist, oldest case first, each case in its own transaction.
   *
   * @return how many cases were booked
   */
  int retryOnce() {
    int booked = 0;
    for (UUID referralId : cases.waitingReferralIds(roundSize)) {
      if (!isRunning()) {
        break;
      }
      try {
        if (booking.retryWaitlisted(referralId)) {
          booked++;
        }
      } catch (RuntimeException e) {
        // Class name only: messages of arbitrary failures may quote row values.
        log.warn("Retrying waitlisted referral {} failed: {}", referralId, e.getClass().getName());
      }
    }
    return booked;
  }

  /** One pass over the waitlist; the next one when woken or when the sweep interval has passed. */
  @Override
  protected boolean round() {
    int booked = retryOnce();
    if (booked > 0) {
      log.info("Waitlist round booked {} case(s)", booked);
    }
    return false;
  }
}
