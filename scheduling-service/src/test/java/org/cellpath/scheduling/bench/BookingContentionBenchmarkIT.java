package org.cellpath.scheduling.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.cellpath.contracts.CellSource;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.scheduling.SchedulerApi.TestClinic;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.booking.WaitlistedCases;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * How booking holds up under contention: 50 schedulers' manual bookings ({@code POST
 * /api/appointment-pairs}) released at the same instant for the same 10 pairs of slots, five per
 * pair, each for its own waitlisted bone-marrow case, through the real HTTP API, security, rate
 * limiter and PostgreSQL. Measured: the wall time from the release to the last response, the
 * attempts per second that makes, and each request's latency.
 *
 * <p>Asserted, every round: exactly one booking per pair (ten 201s), every other attempt a 409
 * problem detail, each slot held by one appointment. One untimed warm-up round, then five measured
 * rounds, each on fresh slots and cases. The slots lie past the automatic search's horizon, so that
 * only the schedulers can book them. The manual booking rate limit (30 a minute per scheduler by
 * default) is raised here, since one test scheduler sends every request.
 *
 * <p>Writes {@code target/benchmark/booking-contention.json}: {@code rounds} (per measured round:
 * {@code wallMillis}, {@code attemptsPerSecond}, {@code successes}, {@code loserStatuses} as status
 * code to count, {@code requestP50Millis}, {@code requestMaxMillis}), {@code bestAttemptsPerSecond}
 * and {@code medianAttemptsPerSecond}.
 */
@IntegrationTest
@Tag("benchmark")
@TestPropertySource(
    properties = {
      "cellpath.scheduling.manual-booking-rate.permits=100000",
      "cellpath.scheduling.manual-booking-rate.period=1m"
    })
class BookingContentionBenchmarkIT {

  private static final int PAIRS = 10;
  private static final int ATTEMPTS = 50;
  private static final int WARM_UP_ROUNDS = 1;
  private static final int MEASURED_ROUNDS = 5;

  /** Days past the earliest day: beyond the 60-day horizon, out of the waitlist's reach. */
  private static final int DAYS_PAST_HORIZON = 70;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired ApplicationContext context;

  @Test
  void fiftyConcurrentManualBookingsForTenPairsBookExactlyTenAndRefuseTheRestWithConflicts()
      throws Exception {
    SchedulerApi api = SchedulerApi.asScheduler(port);
    List<TestClinic> clinics = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      clinics.add(api.clinic("Dr Contended " + i, "Contention site"));
    }
    // One client (and its connections) per concurrent attempt, reused from round to round.
    List<SchedulerApi> schedulers = new ArrayList<>();
    for (int i = 0; i < ATTEMPTS; i++) {
      schedulers.add(SchedulerApi.asScheduler(port));
    }
    ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);
    List<RoundFigure> measured = new ArrayList<>();
    try {
      for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
        RoundFigure figure = race(round, api, clinics, schedulers, pool);
        if (round >= WARM_UP_ROUNDS) {
          measured.add(figure);
        }
      }
    } finally {
      pool.shutdownNow();
      SchedulingFixtures.clearBookings(jdbc);
    }
    report(measured);
  }

  /**
   * One round on fresh slots and cases: sets up, releases every attempt at once, checks the
   * outcome.
   */
  private RoundFigure race(
      int round,
      SchedulerApi api,
      List<TestClinic> clinics,
      List<SchedulerApi> schedulers,
      ExecutorService pool)
      throws Exception {
    SchedulingFixtures.clearBookings(jdbc);
    LocalDate day = earliestDay(clinic).plusDays(DAYS_PAST_HORIZON + round);
    List<SlotPair> pairs = new ArrayList<>();
    for (TestClinic place : clinics) {
      pairs.add(
          new SlotPair(
              api.slot(place.clinician(), place.harvestRoom(), "HARVEST", day, "08:00", 45),
              api.slot(place.clinician(), place.injectionRoom(), "INJECTION", day, "09:15", 30)));
    }
    WaitlistedCases waitlist = new WaitlistedCases(context);
    List<Map<String, Object>> bodies = new ArrayList<>();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      UUID referralId = waitlist.waitlisted(approval(CellSource.BONE_MARROW));
      bodies.add(pairs.get(attempt % PAIRS).bookingFor(referralId));
    }

    CountDownLatch ready = new CountDownLatch(ATTEMPTS);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Attempt>> futures = new ArrayList<>();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      SchedulerApi scheduler = schedulers.get(attempt);
      Map<String, Object> body = bodies.get(attempt);
      int pair = attempt % PAIRS;
      futures.add(
          pool.submit(
              () -> {
                ready.countDown();
                release.await();
                long started = System.nanoTime();
                Reply reply = scheduler.post("/api/appointment-pairs", body);
                long finished = System.nanoTime();
                return new Attempt(pair, reply, started, finished);
              }));
    }
    ready.await();
    long released = System.nanoTime();
    release.countDown();
    List<Attempt> attempts = new ArrayList<>();
    for (Future<Attempt> future : futures) {
      attempts.add(future.get());
    }

    assertOneBookingPerPair(attempts, pairs);
    long wallNanos = attempts.stream().mapToLong(Attempt::finished).max().orElseThrow() - released;
    LatencySamples latencies = new LatencySamples(ATTEMPTS);
    attempts.forEach(attempt -> latencies.add(attempt.finished() - attempt.started()));
    LatencySamples.Summary summary = latencies.summary();
    Map<String, Long> loserStatuses =
        attempts.stream()
            .filter(attempt -> attempt.reply().status() != 201)
            .collect(
                Collectors.groupingBy(
                    attempt -> String.valueOf(attempt.reply().status()),
                    TreeMap::new,
                    Collectors.counting()));
    return new RoundFigure(
        round + 1 - WARM_UP_ROUNDS,
        millis(wallNanos),
        Math.round(ATTEMPTS / (wallNanos / 1e9) * 10) / 10.0,
        (int) attempts.stream().filter(attempt -> attempt.reply().status() == 201).count(),
        loserStatuses,
        Math.round(summary.p50Micros() / 100) / 10.0,
        Math.round(summary.maxMicros() / 100) / 10.0);
  }

  private void assertOneBookingPerPair(List<Attempt> attempts, List<SlotPair> pairs) {
    for (Attempt attempt : attempts) {
      Reply reply = attempt.reply();
      assertThat(reply.status()).as("%s", reply.body()).isIn(201, 409);
      if (reply.status() == 409) {
        assertThat(reply.headers().getContentType()).isNotNull();
        assertThat(
                reply
                    .headers()
                    .getContentType()
                    .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .isTrue();
        assertThat(reply.body().get("status").asInt()).isEqualTo(409);
      }
    }
    Map<Integer, Long> winnersPerPair =
        attempts.stream()
            .filter(attempt -> attempt.reply().status() == 201)
            .collect(Collectors.groupingBy(Attempt::pair, Collectors.counting()));
    assertThat(winnersPerPair)
        .as("one winner per pair")
        .hasSize(PAIRS)
        .allSatisfy((pair, winners) -> assertThat(winners).isEqualTo(1L));
    List<UUID> slotIds =
        pairs.stream().flatMap(pair -> List.of(pair.harvest(), pair.injection()).stream()).toList();
    assertThat(
            jdbc.sql(
                    "select count(*) from appointment where slot_id in (:ids) and status <> 'CANCELLED'")
                .param("ids", slotIds)
                .query(Long.class)
                .single())
        .as("each slot held once")
        .isEqualTo(2L * PAIRS);
    assertThat(
            jdbc.sql("select count(distinct slot_id) from appointment where status <> 'CANCELLED'")
                .query(Long.class)
                .single())
        .isEqualTo(2L * PAIRS);
    assertThat(
            jdbc.sql("select count(*) from scheduling_case where status = 'BOOKED'")
                .query(Long.class)
                .single())
        .isEqualTo(PAIRS);
  }

  private static void report(List<RoundFigure> rounds) {
    List<Double> throughputs =
        rounds.stream().map(RoundFigure::attemptsPerSecond).sorted().toList();
    double best = throughputs.get(throughputs.size() - 1);
    double median = throughputs.get(throughputs.size() / 2);
    System.out.println();
    System.out.printf(
        "Figure 4: %d concurrent manual bookings for the same %d pairs of slots%n",
        ATTEMPTS, PAIRS);
    System.out.printf(
        "  %5s %9s %12s %9s %-14s %12s %12s%n",
        "round", "wall ms", "attempts/s", "successes", "losers", "req p50 ms", "req max ms");
    for (RoundFigure round : rounds) {
      System.out.printf(
          "  %5d %9.1f %12.1f %9d %-14s %12.1f %12.1f%n",
          round.round(),
          round.wallMillis(),
          round.attemptsPerSecond(),
          round.successes(),
          round.loserStatuses(),
          round.requestP50Millis(),
          round.requestMaxMillis());
    }
    System.out.printf("  attempts/s: best %.1f, median %.1f%n", best, median);
    System.out.println(
        "written to "
            + BenchmarkReport.write(
                "booking-contention",
                new Report(
                    "booking-contention",
                    BenchmarkReport.Machine.current(),
                    ATTEMPTS,
                    PAIRS,
                    rounds,
                    best,
                    median)));
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }

  /** One pair of slots the attempts compete for. */
  private record SlotPair(UUID harvest, UUID injection) {

    Map<String, Object> bookingFor(UUID referralId) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("referralId", referralId.toString());
      body.put("harvestSlotId", harvest.toString());
      body.put("injectionSlotId", injection.toString());
      return body;
    }
  }

  /**
   * One request: which pair it wanted, the reply, and when it was sent and answered ({@link
   * System#nanoTime}).
   */
  private record Attempt(int pair, Reply reply, long started, long finished) {}

  /**
   * One round's figures ({@code round} 0 is the warm-up); {@code loserStatuses} counts the refused
   * attempts by HTTP status.
   */
  record RoundFigure(
      int round,
      double wallMillis,
      double attemptsPerSecond,
      int successes,
      Map<String, Long> loserStatuses,
      double requestP50Millis,
      double requestMaxMillis) {}

  /** The JSON file's content. */
  record Report(
      String figure,
      BenchmarkReport.Machine machine,
      int attemptsPerRound,
      int pairsPerRound,
      List<RoundFigure> rounds,
      double bestAttemptsPerSecond,
      double medianAttemptsPerSecond) {}
}
