package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.approvalPreferring;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.EventJson;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.planning.PairPlanner;
import org.cellpath.scheduling.planning.SchedulingRules;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TopicReader;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Waitlisted cases get slots oldest first, against the real broker and PostgreSQL: the waitlist
 * worker gets to every waitlisted case however long the waitlist, and a new approval never takes
 * slots an older waitlisted case fits, even before the waitlist worker has looked at them. The
 * service's own waitlist worker is stopped in these tests, so that what is checked is what an
 * approval, or a worker with small pages, does.
 */
@IntegrationTest
class WaitlistOrderIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REFERRAL_SERVICE = "/cellpath/referral-service";

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired RetryingWaitlist worker;
  @Autowired SchedulingCases cases;
  @Autowired BookingAppointmentPair booking;
  @Autowired PairPlanner planner;
  @Autowired TransactionTemplate transactions;

  private SchedulerApi api;
  private TopicReader schedulingEvents;
  private UUID clinician;
  private UUID harvestRoom;
  private UUID injectionRoom;
  private LocalDate procedureDay;

  @BeforeEach
  void freshClinic() {
    SchedulingFixtures.clearBookings(jdbc);
    api = SchedulerApi.asScheduler(port);
    schedulingEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.SCHEDULING_EVENTS));
    SchedulerApi.TestClinic rooms = api.clinic("Dr Orde", "Queue Street");
    clinician = rooms.clinician();
    harvestRoom = rooms.harvestRoom();
    injectionRoom = rooms.injectionRoom();
    procedureDay = earliestDay(clinic).plusDays(2);
  }

  @AfterEach
  void restartTheWorker() {
    if (!worker.isRunning()) {
      worker.start();
    }
    schedulingEvents.close();
  }

  @Test
  void slotsAddedForAWaitlistedCaseGoToItRatherThanToANewApproval() {
    ReferralApproved older = waitlisted(approval(CellSource.BONE_MARROW));
    worker.stop();

    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved newer = approval(CellSource.BONE_MARROW);
    publish(newer);

    awaitHandled(newer);
    assertThat(caseStatus(older)).isEqualTo("BOOKED");
    assertThat(caseStatus(newer)).isEqualTo("WAITLISTED");
    assertThat(bookedPair(older).get("appointments").findValuesAsString("slotId"))
        .containsExactly(harvest.toString(), injection.toString());
    assertThat(awaitEvent(older, AppointmentPairBooked.class).pairId().toString())
        .isEqualTo(bookedPair(older).get("id").asString());
    awaitEvent(newer, CaseWaitlisted.class);
    assertThat(api.pairsOf(newer.referralId())).isEmpty();
  }

  @Test
  void slotsFreedByACancellationGoToTheWaitlistedCaseRatherThanToANewApproval() {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved holder = approval(CellSource.BONE_MARROW);
    publish(holder);
    awaitHandled(holder);
    String holderPair = bookedPair(holder).get("id").asString();
    ReferralApproved older = waitlisted(approval(CellSource.BONE_MARROW));
    worker.stop();

    assertThat(
            api.post(
                    "/api/appointment-pairs/" + holderPair + "/cancellation",
                    Map.of("reason", "moved away"))
                .status())
        .isEqualTo(200);
    ReferralApproved newer = approval(CellSource.BONE_MARROW);
    publish(newer);

    awaitHandled(newer);
    assertThat(caseStatus(newer)).isEqualTo("WAITLISTED");
    assertThat(caseStatus(older)).isEqualTo("BOOKED");
    assertThat(bookedPair(older).get("appointments").findValuesAsString("slotId"))
        .containsExactly(harvest.toString(), injection.toString());
    assertThat(caseStatus(holder)).isEqualTo("CANCELLED");
  }

  @Test
  void aNewApprovalTakesSlotsNoWaitlistedCaseFits() {
    // The waitlisted case comes only in the morning; the new slots are in the afternoon.
    ReferralApproved older =
        waitlisted(approvalPreferring(CellSource.BONE_MARROW, Set.of(), Set.of(DayPart.MORNING)));
    worker.stop();

    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    ReferralApproved newer = approval(CellSource.BONE_MARROW);
    publish(newer);

    awaitHandled(newer);
    assertThat(caseStatus(newer)).isEqualTo("BOOKED");
    assertThat(caseStatus(older)).isEqualTo("WAITLISTED");
  }

  @Test
  void theWaitlistWorkerRetriesEveryWaitlistedCaseOldestFirstThoughTheWaitlistIsLongerThanAPage() {
    worker.stop();
    // Seven cases, the longest waiting first; the first five come only in the morning, so the
    // afternoon slots added
    // below fit only the last two, which are on the second and third page of three.
    Instant start = Instant.now().minusSeconds(3600);
    List<UUID> waiting = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Set<DayPart> parts = i < 5 ? Set.of(DayPart.MORNING) : Set.of();
      waiting.add(
          waitlistedAt(
              approvalPreferring(CellSource.BONE_MARROW, Set.of(), parts), start.plusSeconds(i)));
    }
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    RetryingWaitlist smallPages =
        new RetryingWaitlist(
            cases,
            booking,
            new SchedulingRules(null, null, null, null, null, null, null, null, null, 3));

    smallPages.start();
    try {
      // A round on every poll: however many rounds run, the case must be reached.
      await()
          .atMost(WAIT)
          .until(
              () -> {
                smallPages.wakeUp();
                return "BOOKED".equals(caseStatus(waiting.get(5)));
              });
    } finally {
      smallPages.stop();
    }

    assertThat(bookedPair(waiting.get(5)).get("appointments").findValuesAsString("slotId"))
        .containsExactly(harvest.toString(), injection.toString());
    for (int i : List.of(0, 1, 2, 3, 4, 6)) {
      assertThat(caseStatus(waiting.get(i))).as("case %d", i).isEqualTo("WAITLISTED");
    }
  }

  /**
   * A case put straight on the waitlist at that time, as if its approval had found no slots then.
   */
  private UUID waitlistedAt(ReferralApproved approved, Instant at) {
    SchedulingCase opened =
        SchedulingCase.approved(
            approved.referralId(),
            approved.eventId(),
            approved.occurredAt(),
            approved.cellSource(),
            approved.lastCorticosteroidInjection(),
            approved.preferences(),
            approved.patient());
    transactions.executeWithoutResult(
        status -> {
          cases.insertIfAbsent(opened);
          cases.save(opened.waitlisted(planner.searchWindow(opened.planningRequest(), at), at));
        });
    return approved.referralId();
  }

  /** Publishes the approval with no slot it fits, and waits until its case is waitlisted. */
  private ReferralApproved waitlisted(ReferralApproved approved) {
    publish(approved);
    awaitEvent(approved, CaseWaitlisted.class);
    return approved;
  }

  private void publish(CellPathEvent event) {
    try {
      cellpathKafkaTemplate.send(EventRecords.of(event, messaging, REFERRAL_SERVICE)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish " + event.getClass().getSimpleName(), e);
    }
  }

  private void awaitHandled(ReferralApproved approved) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from inbox_event where event_id = ?")
                        .param(approved.eventId())
                        .query(Long.class)
                        .single()
                    == 1);
  }

  private String caseStatus(ReferralApproved approved) {
    return caseStatus(approved.referralId());
  }

  private String caseStatus(UUID referralId) {
    return api.get("/api/scheduling-cases/" + referralId).body().get("status").asString();
  }

  private JsonNode bookedPair(ReferralApproved approved) {
    return bookedPair(approved.referralId());
  }

  private JsonNode bookedPair(UUID referralId) {
    Optional<JsonNode> booked =
        api.pairsOf(referralId).stream()
            .filter(pair -> "BOOKED".equals(pair.get("status").asString()))
            .findFirst();
    assertThat(booked).as("booked pair of %s", referralId).isPresent();
    return booked.get();
  }

  private <E extends CellPathEvent> E awaitEvent(ReferralApproved approved, Class<E> type) {
    ConsumerRecord<byte[], byte[]> record =
        schedulingEvents.awaitEvent(type.getSimpleName(), approved.referralId().toString(), WAIT);
    return new EventJson().read(record.value(), type);
  }
}
