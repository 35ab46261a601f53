package org.cellpath.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A signal that lets a commit wake a {@link BackgroundWorker} at once rather than at its next
 * interval. Signals given while the worker is busy are folded into one.
 */
public class WakeUps {

  private final Semaphore signals = new Semaphore(0);

  public void signal() {
    if (signals.availablePermits() == 0) {
      signals.release();
    }
  }

  /** Waits for a signal or the timeout, whichever comes first. */
  public void await(Duration timeout) throws InterruptedException {
    if (signals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      signals.drainPermits();
    }
  }
}
