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
 * Submits referrals through referral-service's public API as a physician's system would: each with its own
 * {@code Idempotency-Key}, retried with the same key after a refused connection, a timeout or a 5xx until the
 * service acknowledges it (201, or 200 for a key it already stored), so that a crash between storing and answering
 * never makes a second referral. Every referral names its own patient, email and mobile number.
 */
public final class ReferralLoad {

  /** One referral the load tried to submit. {@code referralId} is null if it was never acknowledged. */
  public record Submission(String idempotencyKey, String email, String referralId, int attempts) {}

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final AtomicInteger PATIENTS = new AtomicInteger();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String token = TestTokens.bearer(TestTokens.physician(TestTokens.NPI));
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private final AtomicInteger acknowledged = new AtomicInteger();

  /** Referrals acknowledged so far, over every {@link #submit} call. */
  public int acknowledgedSoFar() {
    return acknowledged.get();
  }

  /**
   * Submits {@code count} referrals from {@code threads} threads and returns when each is acknowledged or
   * {@code giveUpAfter} has passed for it.
   *
   * @param scenario  names the idempotency keys
   * @param endpoints where to submit, asked each time (an instance may be down); round robin over what it returns
   */
  public List<Submission> submit(String scenario, int count, int threads, Supplier<List<URI>> endpoints,
      Duration giveUpAfter) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Submission>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = PATIENTS.incrementAndGet();
        String key = "faults-" + run + "-" + scenario + "-" + i;
        futures.add(pool.submit(() -> submitOne(key, n, endpoints, giveUpAfter)));
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

  /**
   * Submits {@code count} referrals at a steady {@code perSecond} (open loop: one starts every 1/rate seconds whether
   * or not the previous ones were answered) and returns when each is acknowledged or given up.
   */
  public List<Submission> submitAtRate(String scenario, int count, double perSecond, Supplier<List<URI>> endpoints,
      Duration giveUpAfter) {
    java.util.concurrent.ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    ExecutorService senders = Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.CompletableFuture<Submission>> futures = new ArrayList<>();
      long periodNanos = (long) (1e9 / perSecond);
      for (int i = 0; i < count; i++) {
        int n = PATIENTS.incrementAndGet();
        String key = "load-" + run + "-" + scenario + "-" + i;
        java.util.concurrent.CompletableFuture<Submission> future = new java.util.concurrent.CompletableFuture<>();
        futures.add(future);
        pacer.schedule(() -> senders.submit(() -> {
          try {
            future.complete(submitOne(key, n, endpoints, giveUpAfter));
          } catch (Exception | Error e) {
            future.completeExceptionally(e);
          }
        }), i * periodNanos, TimeUnit.NANOSECONDS);
      }
      return futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    } finally {
      pacer.shutdownNow();
      senders.shutdownNow();
    }
  }

  private Submission submitOne(String key, int n, Supplier<List<URI>> endpoints, Duration giveUpAfter)
      throws InterruptedException {
    String email = "patient-" + run + "-" + n + "@faults.example.org";
    String body = referral(n, email);
    long deadline = System.nanoTime() + giveUpAfter.toNanos();
    int attempts = 0;
    while (System.nanoTime() < deadline) {
      List<URI> targets = endpoints.get();
      URI target = targets.get((n + attempts) % targets.size());
      attempts++;
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.resolve("/api/referrals"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", token).header("Content-Type", "application/json").header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201 || response.statusCode() == 200) {
          Matcher id = ID.matcher(response.body());
          if (!id.find()) {
            throw new IllegalStateException("No id in the answer to a submission: " + response.statusCode());
          }
          acknowledged.incrementAndGet();
          return new Submission(key, email, id.group(1), attempts);
        }
        if (response.statusCode() < 500 && response.statusCode() != 429) {
          // A 4xx other than 429 is a bug in the load, not a fault: stop at once with what the service said.
          throw new IllegalStateException("Submission refused with " + response.statusCode() + ": " + response.body());
        }
      } catch (IOException e) {
        // Refused, reset or timed out: the service may be down or may have stored it; the same key again is safe.
      }
      TimeUnit.MILLISECONDS.sleep(Math.min(2_000, 100L * attempts));
    }
    return new Submission(key, email, null, attempts);
  }

  /** The README's first referral, for patient number {@code n}: likely eligible, so approval is automatic. */
  private static String referral(int n, String email) {
    return TestReferral.json("Fault", "Patient" + n, "+1415%07d".formatted(n), email, n % 3 == 0 ? "es" : "en", true);
  }
}
