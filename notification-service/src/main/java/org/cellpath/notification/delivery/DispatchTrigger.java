package org.cellpath.notification.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Lets a committed enqueue wake the dispatcher at once, rather than at its next poll. */
@Component
class DispatchTrigger {

  private final Semaphore signals = new Semaphore(0);

  void signal() {
    if (signals.availablePermits() == 0) {
      signals.release();
    }
  }

  /** Waits for a signal or the timeout, whichever comes first. */
  void await(Duration timeout) throws InterruptedException {
    if (signals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      signals.drainPermits();
    }
  }
}
