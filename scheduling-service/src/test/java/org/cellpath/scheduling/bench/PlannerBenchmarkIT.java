package org.cellpath.scheduling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.bench.CrowdedCalendar.Clinician;
import org.cellpath.scheduling.booking.AppointmentPair;
import org.cellpath.scheduling.booking.BookedAppointment;
import org.cellpath.scheduling.booking.BookingAppointmentPair;
import org.cellpath.scheduling.booking.BookingOutcome;
import org.cellpath.scheduling.planning.CandidateSlot;
import org.cellpath.scheduling.planning.PairPlanner;
import org.cellpath.scheduling.planning.PlannedPair;
import org.cellpath.scheduling.planning.PlanningRequest;
import org.cellpath.scheduling.slots.SlotQueries;
import org.cellpath.scheduling.slots.TimeWindow;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.time.ClinicTimeZone;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long finding the earliest appointment pair takes on calendars of 1,000, 10,000 and 100,000
 * free slots, and how that time grows with the calendar. Every calendar is a {@link
 * CrowdedCalendar}: the only pairs that fit are on the last day searched, so the search cannot stop
 * early.
 *
 * <ul>
 *   <li><b>Planner alone</b>: {@link PairPlanner#plan} on the calendar's slots in memory (200
 *       untimed runs, then 1,000 timed; 20 and 300 on 100,000 slots), the search and nothing else.
 *   <li><b>Booking path</b>: {@link BookingAppointmentPair#onApproval} for a fresh bone-marrow
 *       approval against the calendar seeded into PostgreSQL, as the approval consumer calls it:
 *       open the case, read the bookable slots of the search window, plan, book both slots in a
 *       savepoint, append the event to the outbox, commit. After each booking its pair is deleted
 *       (untimed) so that every run books on the same calendar. The snapshot query ({@link
 *       SlotQueries#bookable}) is also timed on its own, to show where the time goes.
 * </ul>
 *
 * <p>Only correctness is asserted (every run finds the expected earliest pair); the target, planner
 * p99 at most 5 ms on 10,000 slots and growth no worse than linear, is shown next to the figures.
 * The figures go to {@code target/benchmark/planner.json}: {@code plannerAlone} and {@code
 * bookingPath}, each with {@code sizes} (per calendar: {@code slots}, {@code clinicians}, {@code
 * p50Micros}, {@code p95Micros}, {@code p99Micros}, {@code maxMicros}, {@code samples}; the planner
 * alone adds {@code allocatedKilobytesPerRun}, the booking path {@code snapshotQueryP50Micros} and
 * {@code seedMillis}) and {@code growth} (per tenfold step: {@code fromSlots}, {@code toSlots},
 * {@code p50Ratio}, {@code p99Ratio}; linear growth is a ratio of 10).
 */
@IntegrationTest
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlannerBenchmarkIT {

  private static final int[] SIZES = {1_000, 10_000, 100_000};

  /**
   * Untimed and timed runs per calendar size, the planner alone and the booking path. The largest
   * calendar gets fewer (the smaller ones have warmed the code up already), to keep the benchmark
   * within about two minutes.
   */
  private static final Map<Integer, Runs> PLANNER_RUNS =
      Map.of(1_000, new Runs(200, 1_000), 10_000, new Runs(200, 1_000), 100_000, new Runs(20, 300));

  private static final Map<Integer, Runs> BOOKING_RUNS =
      Map.of(1_000, new Runs(20, 300), 10_000, new Runs(10, 100), 100_000, new Runs(2, 20));
  private static final int SNAPSHOT_QUERY_RUNS = 5;
  private static final int SEED_BATCH = 1_000;

  private static final String CALENDAR =
      "bone-marrow case; 15 slots per clinician per day over the 60 days"
          + " searched; the only fitting pairs are on the last day (earlier days' harvests all follow their injections)";
  private static final String TARGET =
      "planner p99 <= 5 ms on 10,000 slots; growth no worse than linear (ratio <= 10 per tenfold step)";

  /** Counts the bytes a thread allocates, to show what a search costs the garbage collector. */
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  /** Monday 1 June 2026, 09:00 in Los Angeles: the in-memory calendars' approval. */
  private static final Instant APPROVED =
      ZonedDateTime.of(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0), LOS_ANGELES).toInstant();

  private static @Nullable Figure plannerAlone;
  private static @Nullable Figure bookingPath;

  @Autowired BookingAppointmentPair booking;
  @Autowired PairPlanner servicePlanner;
  @Autowired SlotQueries slots;
  @Autowired JdbcClient jdbc;
  @Autowired JdbcTemplate jdbcTemplate;
  @Autowired ClinicTimeZone clinic;

  @Test
  @Order(1)
  void thePlannerAloneFindsTheEarliestPairOnEveryCalendarSize() {
    PairPlanner planner = new PairPlanner(SchedulingFixtures.briefRules(), LOS_ANGELES);
    PlanningRequest request = boneMarrowCase(APPROVED);
    Instant now = APPROVED.plusSeconds(60);
    List<SizeFigure> sizes = new ArrayList<>();
    for (int size : SIZES) {
      CrowdedCalendar calendar =
          CrowdedCalendar.of(size, planner.searchWindow(request, now), LOS_ANGELES);
      Runs runs = PLANNER_RUNS.get(size);
      for (int run = 0; run < runs.warmUp(); run++) {
        assertEarliest(planner.plan(request, now, calendar.slots()), calendar);
      }
      // Start the timed runs with an empty young generation: the garbage of building the calendar
      // and of the tests
      // before (this JVM also holds a Spring context and a broker) would otherwise be collected
      // during them, and a
      // collection's pause (6-21 ms here with G1, -Xlog:gc) is not the planner's. The planner's own
      // garbage is still
      // collected while it runs.
      System.gc();
      LatencySamples samples = new LatencySamples(runs.timed());
      long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
      for (int run = 0; run < runs.timed(); run++) {
        long started = System.nanoTime();
        Optional<PlannedPair> found = planner.plan(request, now, calendar.slots());
        samples.add(System.nanoTime() - started);
        assertEarliest(found, calendar);
      }
      long allocatedPerRun =
          (THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore) / runs.timed();
      sizes.add(SizeFigure.of(calendar, samples.summary()).withAllocation(allocatedPerRun / 1024));
    }
    plannerAlone = new Figure(sizes, Growth.of(sizes));
  }

  @Test
  @Order(2)
  void theBookingPathBooksTheEarliestPairOnEveryCalendarSize() {
    List<SizeFigure> sizes = new ArrayList<>();
    try {
      for (int size : SIZES) {
        sizes.add(measureBookingPath(size));
      }
    } finally {
      SchedulingFixtures.clearBookings(jdbc);
    }
    bookingPath = new Figure(sizes, Growth.of(sizes));
  }

  @AfterAll
  static void report() {
    System.out.println();
    System.out.println(
        "Figure 3: time to find the earliest pair (first fitting pair on the last day searched)");
    print("planner alone (PairPlanner.plan, in memory)", plannerAlone);
    print(
        "booking path (onApproval against PostgreSQL: query + plan + book + outbox + commit)",
        bookingPath);
    System.out.println("target: " + TARGET);
    Report report =
        new Report(
            "planner",
            BenchmarkReport.Machine.current(),
            CALENDAR,
            TARGET,
            plannerAlone,
            bookingPath);
    System.out.println("written to " + BenchmarkReport.write("planner", report));
  }

  private SizeFigure measureBookingPath(int size) {
    SchedulingFixtures.clearBookings(jdbc);
    Instant now = Instant.now();
    TimeWindow window = servicePlanner.searchWindow(boneMarrowCase(now), now);
    CrowdedCalendar calendar = CrowdedCalendar.of(size, window, clinic.timeZone());
    long seedStarted = System.nanoTime();
    seed(calendar);
    long seedMillis = (System.nanoTime() - seedStarted) / 1_000_000;

    Runs runs = BOOKING_RUNS.get(size);
    for (int run = 0; run < runs.warmUp(); run++) {
      bookAndRelease(calendar);
    }
    LatencySamples samples = new LatencySamples(runs.timed());
    for (int run = 0; run < runs.timed(); run++) {
      samples.add(bookAndRelease(calendar));
    }

    LatencySamples snapshotQuery = new LatencySamples(SNAPSHOT_QUERY_RUNS);
    for (int run = 0; run < SNAPSHOT_QUERY_RUNS; run++) {
      long started = System.nanoTime();
      int rows = slots.bookable(window, Instant.now()).size();
      snapshotQuery.add(System.nanoTime() - started);
      assertThat(rows).as("every seeded slot is bookable").isEqualTo(size);
    }
    return SizeFigure.of(calendar, samples.summary())
        .withBookingPath(snapshotQuery.summary().p50Micros(), seedMillis);
  }

  /**
   * Books the earliest pair for a fresh approval, checks it, then deletes the pair; returns the
   * booking's nanos.
   */
  private long bookAndRelease(CrowdedCalendar calendar) {
    var approved = SchedulingFixtures.approval(CellSource.BONE_MARROW);
    long started = System.nanoTime();
    BookingOutcome outcome = booking.onApproval(approved);
    long elapsed = System.nanoTime() - started;
    assertThat(outcome).isInstanceOf(BookingOutcome.Booked.class);
    AppointmentPair pair = ((BookingOutcome.Booked) outcome).pair();
    assertThat(pair.appointments())
        .extracting(BookedAppointment::slotId)
        .containsExactly(
            calendar.expectedHarvest().slotId(), calendar.expectedInjection().slotId());
    jdbc.sql("delete from appointment where pair_id = ?").param(pair.id()).update();
    jdbc.sql("delete from appointment_pair where id = ?").param(pair.id()).update();
    return elapsed;
  }

  /**
   * Inserts the calendar's clinicians, sites, rooms and slots as the scheduling API would, then
   * analyzes.
   */
  private void seed(CrowdedCalendar calendar) {
    List<Clinician> clinicians = calendar.clinicians();
    jdbcTemplate.batchUpdate(
        "insert into clinician (id, name) values (?, ?)",
        clinicians,
        SEED_BATCH,
        (statement, clinician) -> {
          statement.setObject(1, clinician.clinicianId());
          statement.setString(2, "Bench clinician " + clinician.clinicianId());
        });
    List<UUID> sites = clinicians.stream().map(Clinician::siteId).distinct().toList();
    jdbcTemplate.batchUpdate(
        "insert into site (id, name, address, time_zone) values (?, ?, ?, ?)",
        sites,
        SEED_BATCH,
        (statement, site) -> {
          statement.setObject(1, site);
          statement.setString(2, "Bench site " + site);
          statement.setString(3, "1 Benchmark Way, Los Angeles, CA");
          statement.setString(4, clinic.timeZone().getId());
        });
    jdbcTemplate.batchUpdate(
        "insert into room (id, site_id, name) values (?, ?, ?), (?, ?, ?)",
        clinicians,
        SEED_BATCH,
        (statement, clinician) -> {
          statement.setObject(1, clinician.procedureRoomId());
          statement.setObject(2, clinician.siteId());
          statement.setString(3, "Procedure room " + clinician.procedureRoomId());
          statement.setObject(4, clinician.injectionRoomId());
          statement.setObject(5, clinician.siteId());
          statement.setString(6, "Injection room " + clinician.injectionRoomId());
        });
    jdbcTemplate.batchUpdate(
        "insert into slot (id, clinician_id, room_id, kind, starts_at, ends_at) values (?, ?, ?, ?, ?, ?)",
        calendar.slots(),
        SEED_BATCH,
        (statement, slot) -> {
          statement.setObject(1, slot.slotId());
          statement.setObject(2, slot.clinicianId());
          statement.setObject(3, slot.roomId());
          statement.setString(4, slot.kind().name());
          statement.setObject(5, OffsetDateTime.ofInstant(slot.startsAt(), ZoneOffset.UTC));
          statement.setObject(6, OffsetDateTime.ofInstant(slot.endsAt(), ZoneOffset.UTC));
        });
    // As autovacuum would after a bulk load: the snapshot query's plan depends on the statistics.
    jdbc.sql("analyze").update();
  }

  private static PlanningRequest boneMarrowCase(Instant approvedAt) {
    return new PlanningRequest(
        CellSource.BONE_MARROW, approvedAt, null, SchedulingPreferences.any());
  }

  private static void assertEarliest(Optional<PlannedPair> found, CrowdedCalendar calendar) {
    assertThat(found).as("a pair fits on the last day").isPresent();
    CandidateSlot harvest = found.get().harvest() == null ? null : found.get().harvest().slot();
    assertThat(harvest).isEqualTo(calendar.expectedHarvest());
    assertThat(found.get().injection().slot()).isEqualTo(calendar.expectedInjection());
    assertThat(found.get().injection().kind()).isEqualTo(AppointmentKind.INJECTION);
  }

  private static void print(String title, @Nullable Figure figure) {
    System.out.println(title);
    if (figure == null) {
      System.out.println("  not measured (the test failed)");
      return;
    }
    System.out.printf(
        "  %8s %10s %9s %9s %9s %9s %8s  %s%n",
        "slots",
        "clinicians",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "samples",
        "where time goes");
    for (SizeFigure size : figure.sizes()) {
      String detail =
          size.allocatedKilobytesPerRun() != null
              ? size.allocatedKilobytesPerRun() + " KB allocated per search"
              : String.format(
                  "snapshot query p50 %.3f ms; seeding took %d ms",
                  size.snapshotQueryP50Micros() / 1000, size.seedMillis());
      System.out.printf(
          "  %8d %10d %9.3f %9.3f %9.3f %9.3f %8d  %s%n",
          size.slots(),
          size.clinicians(),
          size.p50Micros() / 1000,
          size.p95Micros() / 1000,
          size.p99Micros() / 1000,
          size.maxMicros() / 1000,
          size.samples(),
          detail);
    }
    for (Growth growth : figure.growth()) {
      System.out.printf(
          "  growth %d -> %d slots: p50 x%.1f, p99 x%.1f%n",
          growth.fromSlots(), growth.toSlots(), growth.p50Ratio(), growth.p99Ratio());
    }
  }

  /** The JSON file's content. */
  record Report(
      String figure,
      BenchmarkReport.Machine machine,
      String calendar,
      String target,
      @Nullable Figure plannerAlone,
      @Nullable Figure bookingPath) {}

  /** How often an operation runs untimed (to warm up), then timed. */
  private record Runs(int warmUp, int timed) {}

  /** One way of measuring, over every calendar size. */
  record Figure(List<SizeFigure> sizes, List<Growth> growth) {}

  /**
   * One calendar size. {@code allocatedKilobytesPerRun} only for the planner alone, {@code
   * snapshotQueryP50Micros} and {@code seedMillis} only for the booking path (else null).
   */
  record SizeFigure(
      int slots,
      int clinicians,
      double p50Micros,
      double p95Micros,
      double p99Micros,
      double maxMicros,
      int samples,
      @Nullable Long allocatedKilobytesPerRun,
      @Nullable Double snapshotQueryP50Micros,
      @Nullable Long seedMillis) {

    static SizeFigure of(CrowdedCalendar calendar, LatencySamples.Summary summary) {
      return new SizeFigure(
          calendar.slots().size(),
          calendar.clinicians().size(),
          summary.p50Micros(),
          summary.p95Micros(),
          summary.p99Micros(),
          summary.maxMicros(),
          summary.samples(),
          null,
          null,
          null);
    }

    SizeFigure withAllocation(long allocatedKilobytesPerRun) {
      return new SizeFigure(
          slots,
          clinicians,
          p50Micros,
          p95Micros,
          p99Micros,
          maxMicros,
          samples,
          allocatedKilobytesPerRun,
          null,
          null);
    }

    SizeFigure withBookingPath(double snapshotQueryP50Micros, long seedMillis) {
      return new SizeFigure(
          slots,
          clinicians,
          p50Micros,
          p95Micros,
          p99Micros,
          maxMicros,
          samples,
          null,
          snapshotQueryP50Micros,
          seedMillis);
    }
  }

  /** How much longer a ten times bigger calendar takes: 10 is linear. */
  record Growth(int fromSlots, int toSlots, double p50Ratio, double p99Ratio) {

    static List<Growth> of(List<SizeFigure> sizes) {
      List<Growth> steps = new ArrayList<>();
      for (int i = 1; i < sizes.size(); i++) {
        SizeFigure from = sizes.get(i - 1);
        SizeFigure to = sizes.get(i);
        steps.add(
            new Growth(
                from.slots(),
                to.slots(),
                ratio(to.p50Micros(), from.p50Micros()),
                ratio(to.p99Micros(), from.p99Micros())));
      }
      return steps;
    }

    private static double ratio(double larger, double smaller) {
      return Math.round(larger / smaller * 100) / 100.0;
    }
  }
}
