package org.cellpath.scheduling.booking;

import java.util.List;
import java.util.UUID;
import org.cellpath.scheduling.planning.SchedulingRules;
import org.cellpath.scheduling.slots.SlotsReleased;
import org.cellpath.work.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Books waitlisted cases, oldest first, as soon as slots are added or freed (woken after the change
 * commits), and also every {@code waitlist-sweep-interval}, because the search window moves with
 * the days and a wake-up can be lost when the service stops right after a commit. Each round goes
 * through the whole waitlist, a page of {@code waitlist-page-size} cases at a time, so its memory
 * stays bounded however long the waitlist is. One worker thread; several service instances are safe
 * because each case is planned under a row lock that others skip, and slots are guarded by the
 * database.
 */
@Component
class RetryingWaitlist extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(RetryingWaitlist.class);

  private final SchedulingCases cases;
  private final BookingAppointmentPair booking;

  /** Cases read from the database at a time. */
  private final int pageSize;

  RetryingWaitlist(SchedulingCases cases, BookingAppointmentPair booking, SchedulingRules rules) {
    super("waitlist-retry", rules.waitlistSweepInterval());
    this.cases = cases;
    this.booking = booking;
    this.pageSize = rules.waitlistPageSize();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void slotsReleased(SlotsReleased released) {
    wakeUp();
  }

  /**
   * One pass over the whole waitlist, oldest case first, each case in its own transaction. Pages
   * follow each other by the last case's place in the queue, so a case booked meanwhile never
   * shifts the next page: every case that was waitlisted when the pass began is tried once (and one
   * waitlisted during the pass, if it joined behind).
   *
   * @return how many cases were booked
   */
  int retryOnce() {
    int booked = 0;
    SchedulingCases.WaitlistPlace after = null;
    while (isRunning()) {
      List<SchedulingCases.WaitlistPlace> page = cases.waitingAfter(after, pageSize);
      for (SchedulingCases.WaitlistPlace place : page) {
        if (!isRunning()) {
          break;
        }
        if (retry(place.referralId())) {
          booked++;
        }
      }
      if (page.size() < pageSize) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    return booked;
  }

  private boolean retry(UUID referralId) {
    try {
      return booking.retryWaitlisted(referralId);
    } catch (RuntimeException e) {
      // Class name only: messages of arbitrary failures may quote row values.
      log.warn("Retrying waitlisted referral {} failed: {}", referralId, e.getClass().getName());
      return false;
    }
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
