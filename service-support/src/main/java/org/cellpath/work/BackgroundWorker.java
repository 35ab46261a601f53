package org.cellpath.work;

import java.time.Duration;
import org.cellpath.messaging.SafeToLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One daemon thread that runs rounds of work: again at once while a round says there is more, otherwise when woken
 * ({@link #wakeUp()}) or when its interval has passed. A failed round (the database down, say) is retried after a
 * pause that doubles from the interval up to 30 s; its failure is logged by class name unless it is
 * {@link SafeToLog}, because messages of arbitrary exceptions may quote patient data.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BackgroundWorker.class);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Duration interval;
  private final WakeUps wakeUps;
  private volatile boolean running;
  private volatile Thread thread;

  protected BackgroundWorker(String name, Duration interval, WakeUps wakeUps) {
    this.name = name;
    this.interval = interval;
    this.wakeUps = wakeUps;
  }

  protected BackgroundWorker(String name, Duration interval) {
    this(name, interval, new WakeUps());
  }

  /**
   * One round of work.
   *
   * @return true when there is more to do right away
   */
  protected abstract boolean round();

  /** Asks for a round now. */
  public final void wakeUp() {
    wakeUps.signal();
  }

  private void loop() {
    Duration pause = Duration.ZERO;
    try {
      while (running) {
        boolean more;
        try {
          more = round();
          pause = Duration.ZERO;
        } catch (RuntimeException e) {
          pause = pause.isZero() ? interval : min(pause.multipliedBy(2), MAX_PAUSE);
          log.warn("{} round failed ({}); retrying in {} ms", name,
              e instanceof SafeToLog ? e.getMessage() : e.getClass().getName(), pause.toMillis());
          wakeUps.await(pause);
          continue;
        }
        if (!more && running) {
          wakeUps.await(interval);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
    Thread worker = new Thread(this::loop, name);
    worker.setDaemon(true);
    thread = worker;
    worker.start();
  }

  /** Lets the current round finish (up to 30 s), then ends the thread. */
  @Override
  public void stop() {
    running = false;
    Thread worker = thread;
    if (worker != null) {
      wakeUp();
      try {
        worker.join(STOP_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
