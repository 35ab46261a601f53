package org.cellpath.work;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link BackgroundWorker} looks like from outside at one moment, for health checks: ids,
 * counts and class names only, never an exception's message.
 *
 * @param name the worker's name, which its threads carry
 * @param running whether the worker should be running (started and not stopped)
 * @param threads how many threads it started
 * @param liveThreads how many of them are still alive
 * @param consecutiveFailures rounds failed since the last successful one, over all its threads
 * @param failingSince when the first of those failures happened; null while the last round
 *     succeeded
 * @param lastFailure the class name of the last failure, if any round ever failed
 */
public record WorkerState(
    String name,
    boolean running,
    int threads,
    int liveThreads,
    long consecutiveFailures,
    Instant failingSince,
    String lastFailure) {

  /** A thread ended while the worker should be running: its share of the work is left undone. */
  public boolean threadsDied() {
    return running && liveThreads < threads;
  }

  /** How long its rounds have failed without a success, at {@code now}; zero while they succeed. */
  public Duration failingFor(Instant now) {
    return failingSince == null ? Duration.ZERO : Duration.between(failingSince, now);
  }
}
