package org.cellpath.work;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cellpath.messaging.SafeToLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Daemon threads (one unless a subclass asks for more) that run rounds of work: again at once while
 * a round says there is more (waking a sibling thread too), otherwise when woken ({@link
 * #wakeUp()}) or when the interval has passed. Rounds on several threads must be safe to run at
 * once (the work is claimed with row locks, say). A failed round (the database down, say) is
 * retried after a pause that doubles from the interval up to 30 s; its failure is logged by class
 * name unless it is {@link SafeToLog}, because messages of arbitrary exceptions may quote patient
 * data. A round that throws an {@link Error} (an assertion, a stack overflow, a class that failed
 * to initialise) has failed like any other and the thread goes on; only a {@link
 * VirtualMachineError} other than a stack overflow (out of memory, say) ends the thread, logged as
 * an error. {@link #state()} tells health checks whether its threads are alive and how long its
 * rounds have been failing ({@link BackgroundWorkerHealth}).
 */
public abstract class BackgroundWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BackgroundWorker.class);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Duration interval;
  private final WakeUps wakeUps;
  private static final long STOP_POLL_MILLIS = 50;
  private final int threads;
  private volatile boolean running;
  private volatile List<Thread> workers = List.of();
  private final AtomicLong consecutiveFailures = new AtomicLong();
  private volatile Instant failingSince;
  private volatile String lastFailure;

  protected BackgroundWorker(String name, Duration interval, WakeUps wakeUps, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(name + ": threads must be at least 1");
    }
    this.name = name;
    this.interval = interval;
    this.wakeUps = wakeUps;
    this.threads = threads;
  }

  protected BackgroundWorker(String name, Duration interval, WakeUps wakeUps) {
    this(name, interval, wakeUps, 1);
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

  /** The worker's name, which its threads carry. */
  public final String name() {
    return name;
  }

  /**
   * Its threads and failures at this moment, for health checks ({@link BackgroundWorkerHealth}).
   */
  public final WorkerState state() {
    List<Thread> started = workers;
    int live = (int) started.stream().filter(Thread::isAlive).count();
    return new WorkerState(
        name, running, started.size(), live, consecutiveFailures.get(), failingSince, lastFailure);
  }

  /** Asks for a round now. */
  public final void wakeUp() {
    wakeUps.signal();
  }

  /**
   * Tells a sleeping sibling thread that this round found work, so that it looks too instead of
   * waiting for this round to end or for its interval: one woken thread wakes the next only while
   * each finds something. Nothing to do with one thread.
   */
  protected final void foundWork() {
    if (threads > 1) {
      wakeUps.signal();
    }
  }

  private void loop() {
    Duration pause = Duration.ZERO;
    try {
      while (running) {
        boolean more;
        try {
          more = round();
          pause = Duration.ZERO;
          succeeded();
        } catch (RuntimeException | Error e) {
          failed(e);
          if (isFatal(e)) {
            log.error(
                "{} thread {} ends: {}; the worker is down until the service restarts",
                name,
                Thread.currentThread().getName(),
                e.getClass().getName());
            throw e;
          }
          pause = pause.isZero() ? interval : min(pause.multipliedBy(2), MAX_PAUSE);
          log.warn(
              "{} round failed ({}); retrying in {} ms",
              name,
              e instanceof SafeToLog ? e.getMessage() : e.getClass().getName(),
              pause.toMillis());
          wakeUps.await(pause);
          continue;
        }
        if (more) {
          // More than one round's worth: let a sibling thread help.
          wakeUps.signal();
        } else if (running) {
          wakeUps.await(interval);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void succeeded() {
    if (consecutiveFailures.get() != 0) {
      consecutiveFailures.set(0);
      failingSince = null;
    }
  }

  private void failed(Throwable failure) {
    lastFailure = failure.getClass().getName();
    if (consecutiveFailures.getAndIncrement() == 0) {
      failingSince = Instant.now();
    }
  }

  /**
   * The JVM itself is failing (out of memory, an internal error): going on would hide it. A stack
   * overflow is the round's own (a deep recursion on one input) and unwinds cleanly, so it is a
   * failed round like an assertion, a class that failed to initialise, or any exception.
   */
  private static boolean isFatal(Throwable failure) {
    return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
  }

  @Override
  public void start() {
    running = true;
    List<Thread> started = new ArrayList<>();
    for (int i = 1; i <= threads; i++) {
      Thread worker = new Thread(this::loop, threads == 1 ? name : name + "-" + i);
      worker.setDaemon(true);
      started.add(worker);
    }
    workers = List.copyOf(started);
    started.forEach(Thread::start);
  }

  /** Lets the current rounds finish (up to 30 s in all), then ends the threads. */
  @Override
  public void stop() {
    running = false;
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (Thread worker : workers) {
      try {
        // Signals fold into one and wake whichever thread waits: signal again until this one has
        // ended.
        while (worker.isAlive() && System.nanoTime() < deadline) {
          wakeUp();
          worker.join(
              Math.max(
                  1,
                  Math.min(
                      STOP_POLL_MILLIS,
                      TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
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
