package org.cellpath.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cellpath.localstack.TestReferral;
import org.cellpath.testsupport.TestTokens;

/**
 * Submits referrals through referral-service's public API as a physician's system would: each with
 * its own {@code Idempotency-Key}, retried with the same key after a refused connection, a timeout,
 * a 5xx or a 429 (after its {@code Retry-After}) until the service acknowledges it (201, or 200 for
 * a key it already stored), so that a crash between storing and answering never makes a second
 * referral.
 */
public final class ReferralLoad {

  /**
   * One referral the load tried to submit. {@code referralId} is null if it was never acknowledged.
   */
  public record Submission(String idempotencyKey, String email, String referralId, int attempts) {}

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final AtomicInteger PATIENTS = new AtomicInteger();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();

  /** Referrals acknowledged so far, over every submission. */
  public int acknowledgedSoFar() {
    return acknowledged.get();
  }

  /** Answers 429 the load waited out (the per-physician submission limit at work). */
  int throttledSoFar() {
    return throttled.get();
  }

  /**
   * Submits the fault tests' cases from {@code threads} threads, each as its own physician, records
   * each in the log and the case registry, and returns when each is acknowledged or {@code
   * giveUpAfter} has passed for it.
   */
  List<Submission> submit(
      List<Cases.Case> made,
      int threads,
      Supplier<List<URI>> endpoints,
      Duration giveUpAfter,
      FaultSystem system,
      ActionLog log,
      Cases cases) {
    return run(
        made.size(),
        threads,
        i -> {
          Cases.Case one = made.get(i);
          Submission submission =
              submitOne(
                  one.idempotencyKey(),
                  one.patient().email(),
                  one.json("Fault Practice"),
                  TestTokens.bearer(TestTokens.physician(one.npi())),
                  i,
                  endpoints,
                  giveUpAfter);
          if (submission.referralId() != null) {
            cases.acknowledged(one, submission.referralId());
          }
          log.record(
              ActionLog.Act.SUBMITTED,
              submission.referralId(),
              system.now(),
              submission.referralId() == null ? Workflow.UNKNOWN : 201,
              Map.of(
                  "key",
                  one.idempotencyKey(),
                  "attempts",
                  Integer.toString(submission.attempts())));
          return submission;
        });
  }

  /**
   * Submits {@code count} of the first referral of docs/running.md, one physician, from {@code
   * threads} threads (the benchmark's load: the per-caller limit is lifted there).
   */
  public List<Submission> submit(
      String scenario,
      int count,
      int threads,
      Supplier<List<URI>> endpoints,
      Duration giveUpAfter) {
    String token = TestTokens.bearer(TestTokens.physician(TestTokens.NPI));
    return run(
        count,
        threads,
        i -> {
          int n = PATIENTS.incrementAndGet();
          String email = "patient-" + run + "-" + n + "@faults.example.org";
          return submitOne(
              "faults-" + run + "-" + scenario + "-" + i,
              email,
              referral(n, email),
              token,
              n,
              endpoints,
              giveUpAfter);
        });
  }

  /**
   * Submits {@code count} referrals at a steady {@code perSecond} (open loop: one starts every
   * 1/rate seconds whether or not the previous ones were answered) and returns when each is
   * acknowledged or given up.
   */
  public List<Submission> submitAtRate(
      String scenario,
      int count,
      double perSecond,
      Supplier<List<URI>> endpoints,
      Duration giveUpAfter) {
    String token = TestTokens.bearer(TestTokens.physician(TestTokens.NPI));
    java.util.concurrent.ScheduledExecutorService pacer =
        Executors.newSingleThreadScheduledExecutor();
    ExecutorService senders = Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.CompletableFuture<Submission>> futures = new ArrayList<>();
      long periodNanos = (long) (1e9 / perSecond);
      for (int i = 0; i < count; i++) {
        int n = PATIENTS.incrementAndGet();
        String key = "load-" + run + "-" + scenario + "-" + i;
        java.util.concurrent.CompletableFuture<Submission> future =
            new java.util.concurrent.CompletableFuture<>();
        futures.add(future);
        pacer.schedule(
            () ->
                senders.submit(
                    () -> {
                      try {
                        String email = "patient-" + run + "-" + n + "@faults.example.org";
                        future.complete(
                            submitOne(
                                key, email, referral(n, email), token, n, endpoints, giveUpAfter));
                      } catch (Exception | Error e) {
                        future.completeExceptionally(e);
                      }
                    }),
            i * periodNanos,
            TimeUnit.NANOSECONDS);
      }
      return futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    } finally {
      pacer.shutdownNow();
      senders.shutdownNow();
    }
  }

  private interface Submitter {
    Submission submit(int index) throws Exception;
  }

  private List<Submission> run(int count, int threads, Submitter submitter) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Submission>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> submitter.submit(index)));
      }
      List<Submission> results = new ArrayList<>();
      for (Future<Submission> future : futures) {
        results.add(future.get());
      }
      return Collections.unmodifiableList(results);
    } catch (Exception e) {
      throw new IllegalStateException("The load stopped", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private Submission submitOne(
      String key,
      String email,
      String body,
      String token,
      int spread,
      Supplier<List<URI>> endpoints,
      Duration giveUpAfter)
      throws InterruptedException {
    long deadline = System.nanoTime() + giveUpAfter.toNanos();
    int attempts = 0;
    while (System.nanoTime() < deadline) {
      List<URI> targets = endpoints.get();
      URI target = targets.get((spread + attempts) % targets.size());
      attempts++;
      long pauseMillis = Math.min(2_000, 100L * attempts);
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(target.resolve("/api/referrals"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201 || response.statusCode() == 200) {
          Matcher id = ID.matcher(response.body());
          if (!id.find()) {
            throw new IllegalStateException(
                "No id in the answer to a submission: " + response.statusCode());
          }
          acknowledged.incrementAndGet();
          return new Submission(key, email, id.group(1), attempts);
        }
        if (response.statusCode() == 429) {
          throttled.incrementAndGet();
          pauseMillis = 1_000L * response.headers().firstValueAsLong("Retry-After").orElse(1);
        } else if (response.statusCode() < 500) {
          // A 4xx other than 429 is a bug in the load, not a fault: stop at once with what the
          // service said.
          throw new IllegalStateException(
              "Submission refused with " + response.statusCode() + ": " + response.body());
        }
      } catch (IOException e) {
        // Refused, reset or timed out: the service may be down or may have stored it; the same key
        // again is safe.
      }
      TimeUnit.MILLISECONDS.sleep(pauseMillis);
    }
    return new Submission(key, email, null, attempts);
  }

  /**
   * The first referral of docs/running.md, for patient number {@code n}: likely eligible, so
   * approval is automatic.
   */
  private static String referral(int n, String email) {
    return TestReferral.json(
        "Fault", "Patient" + n, "+1415%07d".formatted(n), email, n % 3 == 0 ? "es" : "en", true);
  }
}
