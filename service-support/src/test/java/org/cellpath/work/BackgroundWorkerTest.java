package org.cellpath.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundWorkerTest {

  /** Long enough that only a signal can start a round within the test. */
  private static final Duration INTERVAL = Duration.ofMinutes(5);

  private BackgroundWorker worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.stop();
    }
  }

  @Test
  void aRoundThatFindsWorkWakesASleepingSiblingWhileItIsStillBusy() throws Exception {
    CountDownLatch siblingStarted = new CountDownLatch(1);
    Set<String> threadsThatWorked = ConcurrentHashMap.newKeySet();
    AtomicInteger startupRounds = new AtomicInteger();
    AtomicInteger rounds = new AtomicInteger();
    worker =
        new BackgroundWorker("test-worker", INTERVAL, new WakeUps(), 2) {
          @Override
          protected boolean round() {
            if (startupRounds.get() < 2) {
              // Each thread runs one round as it starts, then sleeps for the interval.
              startupRounds.incrementAndGet();
              return false;
            }
            threadsThatWorked.add(Thread.currentThread().getName());
            if (rounds.incrementAndGet() == 1) {
              foundWork();
              try {
                // Busy with its first message until a sibling has started a round of its own.
                siblingStarted.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            } else {
              siblingStarted.countDown();
            }
            return false;
          }
        };
    worker.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> startupRounds.get() == 2);

    worker.wakeUp();

    assertThat(siblingStarted.await(10, TimeUnit.SECONDS))
        .as("a sibling started while the first was busy")
        .isTrue();
    assertThat(threadsThatWorked).hasSize(2);
  }

  @Test
  void withoutWorkFoundASignalWakesOneThreadOnly() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    CountDownLatch firstRound = new CountDownLatch(1);
    worker =
        new BackgroundWorker("test-worker", INTERVAL, new WakeUps(), 3) {
          @Override
          protected boolean round() {
            rounds.incrementAndGet();
            firstRound.countDown();
            return false;
          }
        };

    worker.start();
    // Every thread runs one round as it starts, then sleeps for the interval.
    await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 3);
    worker.wakeUp();

    await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 4);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> rounds.get() == 4);
  }

  @Test
  void anErrorThrownByARoundIsAFailedRoundAndTheThreadGoesOn() {
    List<Error> errors =
        List.of(
            new AssertionError("Canary Patient"),
            new StackOverflowError(),
            new NoClassDefFoundError("org/example/Missing"),
            new ExceptionInInitializerError("static init"));
    AtomicInteger rounds = new AtomicInteger();
    worker =
        new BackgroundWorker("test-worker", Duration.ofMillis(10), new WakeUps(), 1) {
          @Override
          protected boolean round() {
            int round = rounds.getAndIncrement();
            if (round < errors.size()) {
              throw errors.get(round);
            }
            return false;
          }
        };

    worker.start();

    // Every error was followed by another round, and the worker still runs rounds after the last
    // one.
    await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() > errors.size() + 2);
  }

  @Test
  void stoppingEndsEveryThreadPromptlyThoughSignalsFoldIntoOne() {
    worker =
        new BackgroundWorker("test-worker", INTERVAL, new WakeUps(), 4) {
          @Override
          protected boolean round() {
            return false;
          }
        };
    worker.start();

    long started = System.nanoTime();
    worker.stop();

    // Each thread sleeps for the five-minute interval; the grace is 30 s.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    worker = null;
  }
}
