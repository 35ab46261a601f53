package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.planning.CandidateSlot;
import org.cellpath.scheduling.planning.PlannedAppointment;
import org.cellpath.scheduling.slots.SlotQueries;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Many bookers at once against one pair of slots: the database lets exactly one through. */
@IntegrationTest
class ConcurrentBookingIT {

  private static final int RACERS = 20;

  @LocalServerPort int port;
  @Autowired BookingAppointmentPair booking;
  @Autowired SchedulingCases cases;
  @Autowired AppointmentPairs pairs;
  @Autowired SlotQueries slots;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;

  private ExecutorService pool;
  private UUID harvestSlot;
  private UUID injectionSlot;

  @BeforeEach
  void onePairOfSlots() {
    SchedulingFixtures.clearBookings(jdbc);
    pool = Executors.newFixedThreadPool(RACERS);
    SchedulerApi api = SchedulerApi.asScheduler(port);
    UUID clinician = api.clinician("Dr Racer");
    UUID site = api.site("Racetrack " + UUID.randomUUID(), "America/Los_Angeles");
    LocalDate day = earliestDay(clinic).plusDays(3);
    harvestSlot = api.slot(clinician, api.room(site, "Harvest"), "HARVEST", day, "08:00", 45);
    injectionSlot = api.slot(clinician, api.room(site, "Injection"), "INJECTION", day, "09:15", 30);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void twentyApprovalsRacingForTheOnlyFittingPairProduceExactlyOneBooking() throws Exception {
    List<BookingOutcome> outcomes =
        race(() -> booking.onApproval(approval(CellSource.BONE_MARROW)));

    assertThat(outcomes).filteredOn(BookingOutcome.Booked.class::isInstance).hasSize(1);
    assertThat(outcomes)
        .filteredOn(BookingOutcome.Waitlisted.class::isInstance)
        .hasSize(RACERS - 1);
    assertThat(activeAppointments(harvestSlot)).isEqualTo(1);
    assertThat(activeAppointments(injectionSlot)).isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from appointment_pair where status = 'BOOKED'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "select count(*) from outbox_event where event_type = 'CaseWaitlisted' and message_key in"
                        + " (select referral_id::text from scheduling_case where status = 'WAITLISTED')")
                .query(Long.class)
                .single())
        .isEqualTo(RACERS - 1);
  }

  @Test
  void theDatabaseRefusesASecondActiveAppointmentForASlotEvenWhenNoJavaCheckRuns()
      throws Exception {
    // Each racer writes its appointment straight into the table: no planner, no snapshot of free
    // slots.
    CandidateSlot harvest = candidate(harvestSlot);
    List<Callable<String>> inserts = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      UUID referralId = openCase();
      inserts.add(
          () -> {
            try {
              transactions.executeWithoutResult(
                  status -> {
                    UUID pairId = UUID.randomUUID();
                    pairs.insertPair(pairId, referralId, Instant.now());
                    pairs.insertAppointment(
                        pairId,
                        new PlannedAppointment(
                            AppointmentKind.HARVEST,
                            harvest,
                            harvest.startsAt(),
                            harvest.startsAt().plusSeconds(45 * 60)));
                  });
              return "booked";
            } catch (DuplicateKeyException e) {
              return "refused";
            }
          });
    }

    List<String> results = race(inserts);

    assertThat(results).filteredOn("booked"::equals).hasSize(1);
    assertThat(results).filteredOn("refused"::equals).hasSize(RACERS - 1);
    assertThat(activeAppointments(harvestSlot)).isEqualTo(1);
  }

  private <T> List<T> race(Callable<T> action) throws Exception {
    List<Callable<T>> actions = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      actions.add(action);
    }
    return race(actions);
  }

  /** Starts every action at the same moment, each on its own thread, and returns their results. */
  private <T> List<T> race(List<Callable<T>> actions) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> action : actions) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return action.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  private UUID openCase() {
    var approved = approval(UUID.randomUUID(), CellSource.BONE_MARROW, SchedulingPreferences.any());
    transactions.executeWithoutResult(
        status ->
            cases.insertIfAbsent(
                SchedulingCase.approved(
                    approved.referralId(),
                    approved.eventId(),
                    approved.occurredAt(),
                    approved.cellSource(),
                    null,
                    approved.preferences(),
                    approved.patient())));
    return approved.referralId();
  }

  private CandidateSlot candidate(UUID slotId) {
    var slot = slots.find(slotId).orElseThrow();
    return new CandidateSlot(
        slot.id(),
        slot.kind(),
        slot.clinicianId(),
        slot.siteId(),
        slot.roomId(),
        slot.startsAt(),
        slot.endsAt(),
        slot.zone());
  }

  private long activeAppointments(UUID slotId) {
    return jdbc.sql("select count(*) from appointment where slot_id = ? and status <> 'CANCELLED'")
        .param(slotId)
        .query(Long.class)
        .single();
  }
}
