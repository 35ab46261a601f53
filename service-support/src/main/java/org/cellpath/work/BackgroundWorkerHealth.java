package org.cellpath.work;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one {@link BackgroundWorker}: DOWN when one of its threads has ended while it
 * should be running, or when its rounds have failed without a success for longer than {@code
 * maxFailing} (a shorter stretch is a hiccup the worker's own back-off rides out). The details name
 * the worker and count its threads and consecutive failures; a failure appears by class name only,
 * because exception messages may quote patient data.
 */
public final class BackgroundWorkerHealth implements HealthIndicator {

  private final BackgroundWorker worker;
  private final Duration maxFailing;
  private final Clock clock;

  public BackgroundWorkerHealth(BackgroundWorker worker, Duration maxFailing) {
    this(worker, maxFailing, Clock.systemUTC());
  }

  BackgroundWorkerHealth(BackgroundWorker worker, Duration maxFailing, Clock clock) {
    this.worker = worker;
    this.maxFailing = maxFailing;
    this.clock = clock;
  }

  /** One contributor per worker, under the worker's name. */
  public static CompositeHealthContributor composite(
      List<? extends BackgroundWorker> workers, Duration maxFailing) {
    Map<String, HealthIndicator> byName = new LinkedHashMap<>();
    workers.forEach(
        worker -> byName.put(worker.name(), new BackgroundWorkerHealth(worker, maxFailing)));
    return CompositeHealthContributor.fromMap(byName);
  }

  @Override
  public Health health() {
    WorkerState state = worker.state();
    boolean failingTooLong = state.failingFor(clock.instant()).compareTo(maxFailing) > 0;
    Health.Builder health = state.threadsDied() || failingTooLong ? Health.down() : Health.up();
    health
        .withDetail("worker", state.name())
        .withDetail("running", state.running())
        .withDetail("threads", state.threads())
        .withDetail("liveThreads", state.liveThreads())
        .withDetail("consecutiveFailures", state.consecutiveFailures());
    if (state.failingSince() != null) {
      health.withDetail("failingSince", state.failingSince().toString());
    }
    if (state.lastFailure() != null) {
      health.withDetail("lastFailure", state.lastFailure());
    }
    return health.build();
  }
}
