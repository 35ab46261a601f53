package org.cellpath.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

class BackgroundWorkerHealthTest {

  private static final String CANARY = "Canary Patient, born 1950-05-05";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private BackgroundWorker worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.stop();
    }
  }

  @Test
  void aWorkerWhoseThreadDiedIsDownAndNamedWithItsFailure() {
    worker = failingWith(() -> new InternalError("Java heap space"));
    HealthIndicator health = new BackgroundWorkerHealth(worker, Duration.ofHours(1));

    worker.start();

    // The error ends the thread on purpose: Awaitility must not take it for the test's own failure.
    await()
        .dontCatchUncaughtExceptions()
        .atMost(WAIT)
        .until(() -> health.health().getStatus().equals(Status.DOWN));
    Health down = health.health();
    assertThat(down.getDetails())
        .containsEntry("worker", "test-worker")
        .containsEntry("threads", 1)
        .containsEntry("liveThreads", 0)
        .containsEntry("lastFailure", InternalError.class.getName());
    assertThat(down.getDetails().toString()).doesNotContain("heap");
  }

  @Test
  void aWorkerWhoseRoundsFailLongerThanTheThresholdIsDownWithoutTheFailuresMessage() {
    worker = failingWith(() -> new IllegalStateException("Cannot send to " + CANARY));
    HealthIndicator health = new BackgroundWorkerHealth(worker, Duration.ofMillis(200));

    worker.start();

    await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.DOWN));
    Health down = health.health();
    assertThat(down.getDetails())
        .containsEntry("worker", "test-worker")
        .containsEntry("liveThreads", 1)
        .containsEntry("lastFailure", IllegalStateException.class.getName());
    assertThat((Long) down.getDetails().get("consecutiveFailures")).isPositive();
    assertThat(down.getDetails().toString()).doesNotContain("Canary", "1950", "Cannot send");
  }

  @Test
  void aWorkerWhoseRoundsHaveFailedForLessThanTheThresholdIsUpWithItsFailuresCounted() {
    worker = failingWith(() -> new IllegalStateException(CANARY));
    HealthIndicator health = new BackgroundWorkerHealth(worker, Duration.ofHours(1));

    worker.start();

    await()
        .atMost(WAIT)
        .until(
            () ->
                health.health().getDetails().get("consecutiveFailures") instanceof Long n && n > 0);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aSuccessfulRoundEndsTheFailingStretch() {
    AtomicBoolean failing = new AtomicBoolean(true);
    AtomicInteger rounds = new AtomicInteger();
    worker =
        new BackgroundWorker("test-worker", Duration.ofMillis(10), new WakeUps(), 1) {
          @Override
          protected boolean round() {
            rounds.incrementAndGet();
            if (failing.get()) {
              throw new IllegalStateException(CANARY);
            }
            return false;
          }
        };
    HealthIndicator health = new BackgroundWorkerHealth(worker, Duration.ofMillis(200));
    worker.start();
    await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.DOWN));

    failing.set(false);
    int seen = rounds.get();

    await()
        .atMost(WAIT)
        .until(() -> rounds.get() > seen + 1 && health.health().getStatus().equals(Status.UP));
    assertThat(health.health().getDetails()).containsEntry("consecutiveFailures", 0L);
  }

  @Test
  void theCompositeHasOneContributorPerWorkerByName() {
    worker = failingWith(() -> new InternalError());
    BackgroundWorker healthy =
        new BackgroundWorker("healthy-worker", Duration.ofMinutes(5)) {
          @Override
          protected boolean round() {
            return false;
          }
        };
    CompositeHealthContributor composite =
        BackgroundWorkerHealth.composite(List.of(worker, healthy), Duration.ofHours(1));
    worker.start();
    healthy.start();
    try {
      await()
          .dontCatchUncaughtExceptions()
          .atMost(WAIT)
          .until(
              () ->
                  ((HealthIndicator) composite.getContributor("test-worker"))
                      .health()
                      .getStatus()
                      .equals(Status.DOWN));
      assertThat(
              ((HealthIndicator) composite.getContributor("healthy-worker")).health().getStatus())
          .isEqualTo(Status.UP);
    } finally {
      healthy.stop();
    }
  }

  private static BackgroundWorker failingWith(Supplier<Throwable> failure) {
    return new BackgroundWorker("test-worker", Duration.ofMillis(10), new WakeUps(), 1) {
      @Override
      protected boolean round() {
        Throwable thrown = failure.get();
        if (thrown instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) thrown;
      }
    };
  }
}
