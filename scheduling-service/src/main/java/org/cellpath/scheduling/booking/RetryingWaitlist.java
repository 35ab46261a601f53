package org.cellpath.scheduling.booking;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.cellpath.scheduling.slots.SlotsReleased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Books waitlisted cases, oldest first, as soon as slots are added or freed (woken after the change commits), and
 * also every {@code waitlist-sweep-interval}, because the search window moves with the days and a wake-up can be
 * lost when the service stops right after a commit. One worker thread; several service instances are safe because
 * each case is planned under a row lock that others skip, and slots are guarded by the database.
 */
@Component
class RetryingWaitlist implements SmartLifecycle {

  /** Cases looked at per round; the rest wait for the next round. */
  static final int ROUND_SIZE = 500;

  private static final Logger log = LoggerFactory.getLogger(RetryingWaitlist.class);

  private final SchedulingCases cases;
  private final BookingAppointmentPair booking;
  private final Duration sweepInterval;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private volatile Thread worker;

  RetryingWaitlist(SchedulingCases cases, BookingAppointmentPair booking, SchedulingRules rules) {
    this.cases = cases;
    this.booking = booking;
    this.sweepInterval = rules.waitlistSweepInterval();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void slotsReleased(SlotsReleased released) {
    wakeUp();
  }

  void wakeUp() {
    wakeUps.release();
  }

  /**
   * One pass over the waitlist, oldest case first, each case in its own transaction.
   *
   * @return how many cases were booked
   */
  int retryOnce() {
    int booked = 0;
    for (UUID referralId : cases.waitingReferralIds(ROUND_SIZE)) {
      if (!running) {
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

  private void loop() {
    while (running) {
      try {
        if (wakeUps.tryAcquire(sweepInterval.toMillis(), TimeUnit.MILLISECONDS)) {
          wakeUps.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!running) {
        return;
      }
      try {
        int booked = retryOnce();
        if (booked > 0) {
          log.info("Waitlist round booked {} case(s)", booked);
        }
      } catch (RuntimeException e) {
        log.warn("Waitlist round failed: {}", e.getClass().getName());
      }
    }
  }

  @Override
  public void start() {
    running = true;
    Thread thread = new Thread(this::loop, "waitlist-retry");
    thread.setDaemon(true);
    worker = thread;
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread current = worker;
    if (current != null) {
      current.interrupt();
      try {
        current.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
