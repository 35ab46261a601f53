package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentNoShow;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CaseReturnedToReferrer;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.EventJson;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.scheduling.MovableClock;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TopicReader;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What schedulers do to booked pairs (cancel, reschedule, record attendance) and manual booking,
 * against the real broker and PostgreSQL: changes through the HTTP API, events on the prefixed
 * scheduling-events topic. The service's clock follows the system clock except where a test moves
 * it to the day of an appointment.
 */
@IntegrationTest
@Import(MovableClock.Config.class)
class SchedulerActionsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REFERRAL_SERVICE = "/cellpath/referral-service";
  private static final MovableClock clock = MovableClock.SHARED;

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired org.cellpath.scheduling.slots.SlotQueries slotStore;

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
    SchedulerApi.TestClinic rooms = api.clinic("Dr Avery", "Downtown");
    clinician = rooms.clinician();
    harvestRoom = rooms.harvestRoom();
    injectionRoom = rooms.injectionRoom();
    procedureDay = earliestDay(clinic).plusDays(2);
  }

  @AfterEach
  void closeReader() {
    clock.reset();
    schedulingEvents.close();
  }

  @Test
  void aCancelledPairFreesBothSlotsAnnouncesTheRaisedSequenceAndIsCancelledOnce() {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    String pairId = awaitBookedPair(approved.referralId()).get("id").asString();

    Reply reply =
        api.post(
            "/api/appointment-pairs/" + pairId + "/cancellation", Map.of("reason", "patient ill"));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.body().get("status").asString()).isEqualTo("CANCELLED");
    assertThat(reply.body().get("sequence").asInt()).isEqualTo(1);
    assertThat(api.slot(harvest).get("status").asString()).isEqualTo("FREE");
    assertThat(api.slot(injection).get("status").asString()).isEqualTo("FREE");
    assertThat(caseStatus(approved.referralId())).isEqualTo("CANCELLED");
    AppointmentPairCancelled cancelled =
        awaitEvent(approved.referralId(), AppointmentPairCancelled.class);
    assertThat(cancelled.pairId().toString()).isEqualTo(pairId);
    assertThat(cancelled.sequence()).isEqualTo(1);
    assertThat(cancelled.appointments()).hasSize(2);
    assertThat(cancelled.patient()).isEqualTo(approved.patient());

    assertThat(
            api.post(
                    "/api/appointment-pairs/" + pairId + "/cancellation", Map.of("reason", "again"))
                .status())
        .isEqualTo(409);
    assertThat(
            api.post(
                    "/api/appointment-pairs/" + UUID.randomUUID() + "/cancellation",
                    Map.of("reason", "x"))
                .status())
        .isEqualTo(404);
    assertThat(
            api.post("/api/appointment-pairs/" + pairId + "/cancellation", Map.of("reason", " "))
                .status())
        .isEqualTo(400);
  }

  @Test
  void slotsFreedByACancellationGoToTheWaitlistedCase() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved holder = bookedCase(CellSource.BONE_MARROW);
    String pairId = awaitBookedPair(holder.referralId()).get("id").asString();
    ReferralApproved waiting = approval(CellSource.BONE_MARROW);
    publish(waiting);
    awaitEvent(waiting.referralId(), CaseWaitlisted.class);

    assertThat(
            api.post(
                    "/api/appointment-pairs/" + pairId + "/cancellation",
                    Map.of("reason", "moved away"))
                .status())
        .isEqualTo(200);

    awaitBookedPair(waiting.referralId());
    awaitEvent(waiting.referralId(), AppointmentPairBooked.class);
    assertThat(caseStatus(waiting.referralId())).isEqualTo("BOOKED");
    assertThat(caseStatus(holder.referralId())).isEqualTo("CANCELLED");
  }

  @Test
  void theSearchLeavesOutTheSlotsAPairHoldsUntilAMoveOrACancellationLetsThemGo() {
    UUID firstHarvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID firstInjection =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    UUID laterHarvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    UUID laterInjection =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    String pairId = awaitBookedPair(approved.referralId()).get("id").asString();
    assertThat(bookableOnProcedureDay()).containsExactlyInAnyOrder(laterHarvest, laterInjection);

    assertThat(
            api.post(
                    "/api/appointment-pairs/" + pairId + "/reschedule",
                    slots(laterHarvest, laterInjection))
                .status())
        .isEqualTo(200);
    assertThat(bookableOnProcedureDay()).containsExactlyInAnyOrder(firstHarvest, firstInjection);

    assertThat(
            api.post(
                    "/api/appointment-pairs/" + pairId + "/cancellation",
                    Map.of("reason", "patient ill"))
                .status())
        .isEqualTo(200);
    assertThat(bookableOnProcedureDay())
        .containsExactlyInAnyOrder(firstHarvest, firstInjection, laterHarvest, laterInjection);
    assertThat(
            jdbc.sql(
                    """
            select count(*) from slot s
             where s.held <> exists (select 1 from appointment a where a.slot_id = s.id and a.status <> 'CANCELLED')
            """)
                .query(Long.class)
                .single())
        .as("slots whose held flag disagrees with their appointments")
        .isZero();
  }

  private java.util.List<UUID> bookableOnProcedureDay() {
    return slotStore
        .bookable(
            new org.cellpath.scheduling.slots.TimeWindow(procedureDay, procedureDay),
            java.time.Instant.now())
        .stream()
        .map(org.cellpath.scheduling.slots.Slot::id)
        .toList();
  }

  @Test
  void aRescheduledPairMovesAsOneKeepsItsAppointmentIdsAndFreesTheOldSlots() {
    UUID oldHarvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID oldInjection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode booked = awaitBookedPair(approved.referralId());
    String pairId = booked.get("id").asString();
    UUID newHarvest =
        api.slot(clinician, harvestRoom, "HARVEST", procedureDay.plusDays(1), "10:00", 45);
    UUID newInjection =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay.plusDays(1), "12:00", 30);

    Reply reply =
        api.post(
            "/api/appointment-pairs/" + pairId + "/reschedule", slots(newHarvest, newInjection));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    JsonNode moved = api.get("/api/appointment-pairs/" + pairId).body();
    assertThat(moved.get("sequence").asInt()).isEqualTo(1);
    assertThat(moved.get("status").asString()).isEqualTo("BOOKED");
    assertThat(moved.get("appointments").get(0).get("id").asString())
        .isEqualTo(booked.get("appointments").get(0).get("id").asString());
    assertThat(moved.get("appointments").get(1).get("id").asString())
        .isEqualTo(booked.get("appointments").get(1).get("id").asString());
    assertThat(moved.get("appointments").get(0).get("slotId").asString())
        .isEqualTo(newHarvest.toString());
    assertThat(moved.get("appointments").get(0).get("startTime").asString()).isEqualTo("10:00:00");
    assertThat(moved.get("appointments").get(0).get("endTime").asString()).isEqualTo("10:45:00");
    assertThat(moved.get("appointments").get(1).get("slotId").asString())
        .isEqualTo(newInjection.toString());
    assertThat(api.slot(oldHarvest).get("status").asString()).isEqualTo("FREE");
    assertThat(api.slot(oldInjection).get("status").asString()).isEqualTo("FREE");
    assertThat(api.slot(newHarvest).get("status").asString()).isEqualTo("BOOKED");
    assertThat(api.slot(newInjection).get("pairId").asString()).isEqualTo(pairId);

    AppointmentPairRescheduled rescheduled =
        awaitEvent(approved.referralId(), AppointmentPairRescheduled.class);
    assertThat(rescheduled.pairId().toString()).isEqualTo(pairId);
    assertThat(rescheduled.sequence()).isEqualTo(1);
    assertThat(rescheduled.patient()).isEqualTo(approved.patient());
    assertThat(rescheduled.appointments())
        .extracting(appointment -> appointment.appointmentId().toString())
        .containsExactly(
            booked.get("appointments").get(0).get("id").asString(),
            booked.get("appointments").get(1).get("id").asString());
    assertThat(rescheduled.appointments().get(0).startsAt())
        .isEqualTo(procedureDay.plusDays(1).atTime(10, 0).atZone(clinic.timeZone()).toInstant());
  }

  @Test
  void aRescheduleThatBreaksARuleOrTakesABookedSlotIsRefusedAndChangesNothing() {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    UUID otherHarvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    UUID otherInjection =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    ReferralApproved first = bookedCase(CellSource.BONE_MARROW);
    String pairId = awaitBookedPair(first.referralId()).get("id").asString();
    ReferralApproved second = bookedCase(CellSource.BONE_MARROW);
    awaitBookedPair(second.referralId());
    // Ten minutes after the harvest ends: inside the 30-minute processing.
    UUID tooSoon =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay.plusDays(1), "08:55", 30);
    UUID nextDayHarvest =
        api.slot(clinician, harvestRoom, "HARVEST", procedureDay.plusDays(1), "08:00", 45);
    UUID beforeEarliest =
        api.slot(clinician, harvestRoom, "HARVEST", earliestDay(clinic).minusDays(1), "08:00", 45);

    Reply window =
        api.post(
            "/api/appointment-pairs/" + pairId + "/reschedule", slots(nextDayHarvest, tooSoon));
    Reply taken =
        api.post(
            "/api/appointment-pairs/" + pairId + "/reschedule",
            slots(otherHarvest, otherInjection));
    Reply mixed =
        api.post(
            "/api/appointment-pairs/" + pairId + "/reschedule", slots(beforeEarliest, injection));

    assertThat(window.status()).isEqualTo(409);
    assertThat(window.body().get("detail").asString())
        .contains("between 30 and 180 minutes after the harvest ends");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body().get("detail").asString()).contains("booked by another pair");
    assertThat(mixed.status()).isEqualTo(409);
    assertThat(mixed.body().get("detail").asString())
        .contains("before the case's earliest day")
        .contains("same day");
    JsonNode unchanged = api.get("/api/appointment-pairs/" + pairId).body();
    assertThat(unchanged.get("sequence").asInt()).isZero();
    assertThat(unchanged.get("appointments").get(0).get("slotId").asString())
        .isEqualTo(harvest.toString());
    assertThat(api.slot(nextDayHarvest).get("status").asString()).isEqualTo("FREE");
    assertThat(
            api.post(
                    "/api/appointment-pairs/" + UUID.randomUUID() + "/reschedule",
                    slots(harvest, injection))
                .status())
        .isEqualTo(404);
    assertThat(
            api.post("/api/appointment-pairs/" + pairId + "/reschedule", slots(null, injection))
                .status())
        .isEqualTo(400);
  }

  @Test
  void aCompletedDonatedInjectionNeedsItsProductLotAndIsAnnouncedOnce() {
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "10:00", 30);
    ReferralApproved approved = bookedCase(CellSource.UMBILICAL_CORD);
    JsonNode pair = awaitBookedPair(approved.referralId());
    String appointmentId = pair.get("appointments").get(0).get("id").asString();
    clock.set(startOf(pair, 0).plusSeconds(60));

    Reply withoutLot = api.postEmpty("/api/appointments/" + appointmentId + "/completion");
    Reply completed =
        api.post(
            "/api/appointments/" + appointmentId + "/completion", Map.of("productLot", "UC-42"));
    Reply again =
        api.post(
            "/api/appointments/" + appointmentId + "/completion", Map.of("productLot", "UC-42"));

    assertThat(withoutLot.status()).isEqualTo(400);
    assertThat(completed.status()).as("%s", completed.body()).isEqualTo(200);
    assertThat(completed.body().get("appointments").get(0).get("status").asString())
        .isEqualTo("COMPLETED");
    assertThat(again.status()).isEqualTo(409);
    AppointmentCompleted event = awaitEvent(approved.referralId(), AppointmentCompleted.class);
    assertThat(event.productLot()).isEqualTo("UC-42");
    assertThat(event.appointment().appointmentId().toString()).isEqualTo(appointmentId);
    assertThat(event.appointment().kind()).isEqualTo(AppointmentKind.INJECTION);
    assertThat(event.patient()).isEqualTo(approved.patient());
    assertThat(
            api.post(
                    "/api/appointment-pairs/" + pair.get("id").asString() + "/cancellation",
                    Map.of("reason", "too late"))
                .status())
        .isEqualTo(409);
  }

  @Test
  void aCompletedHarvestAndAMissedInjectionAreAnnouncedAndKeepTheirSlots() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    String harvestId = pair.get("appointments").get(0).get("id").asString();
    String injectionId = pair.get("appointments").get(1).get("id").asString();
    clock.set(startOf(pair, 1));

    Reply lotOnHarvest =
        api.post("/api/appointments/" + harvestId + "/completion", Map.of("productLot", "X"));
    Reply completed = api.postEmpty("/api/appointments/" + harvestId + "/completion");
    Reply missed = api.postEmpty("/api/appointments/" + injectionId + "/no-show");

    assertThat(lotOnHarvest.status()).isEqualTo(400);
    assertThat(completed.status()).as("%s", completed.body()).isEqualTo(200);
    assertThat(missed.status()).isEqualTo(200);
    assertThat(missed.body().get("appointments").get(0).get("status").asString())
        .isEqualTo("COMPLETED");
    assertThat(missed.body().get("appointments").get(1).get("status").asString())
        .isEqualTo("NO_SHOW");
    assertThat(api.slot(injection).get("status").asString()).isEqualTo("BOOKED");
    AppointmentCompleted harvestDone =
        awaitEvent(approved.referralId(), AppointmentCompleted.class);
    assertThat(harvestDone.appointment().kind()).isEqualTo(AppointmentKind.HARVEST);
    assertThat(harvestDone.productLot()).isNull();
    AppointmentNoShow noShow = awaitEvent(approved.referralId(), AppointmentNoShow.class);
    assertThat(noShow.appointment().appointmentId().toString()).isEqualTo(injectionId);
    assertThat(noShow.pairId().toString()).isEqualTo(pair.get("id").asString());
    assertThat(api.postEmpty("/api/appointments/" + injectionId + "/no-show").status())
        .isEqualTo(409);
    assertThat(api.postEmpty("/api/appointments/" + UUID.randomUUID() + "/no-show").status())
        .isEqualTo(404);
    assertThat(api.postEmpty("/api/appointments/" + UUID.randomUUID() + "/completion").status())
        .isEqualTo(404);
    assertThat(
            api.post(
                    "/api/appointment-pairs/" + pair.get("id").asString() + "/reschedule",
                    slots(UUID.randomUUID(), injection))
                .status())
        .isEqualTo(409);
  }

  @Test
  void neitherCompletionNorNoShowIsRecordedBeforeTheAppointmentStarts() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    String harvestId = pair.get("appointments").get(0).get("id").asString();
    String injectionId = pair.get("appointments").get(1).get("id").asString();
    clock.set(startOf(pair, 0).minusSeconds(60));

    Reply earlyCompletion = api.postEmpty("/api/appointments/" + harvestId + "/completion");
    Reply earlyNoShow = api.postEmpty("/api/appointments/" + harvestId + "/no-show");
    Reply earlyInjectionNoShow = api.postEmpty("/api/appointments/" + injectionId + "/no-show");

    for (Reply refused : List.of(earlyCompletion, earlyNoShow, earlyInjectionNoShow)) {
      assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
      assertThat(refused.headers().getContentType())
          .matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith, "problem details");
      assertThat(refused.body().get("detail").asString())
          .contains("before it starts")
          .doesNotContain(
              SchedulingFixtures.PATIENT_GIVEN_NAME,
              SchedulingFixtures.PATIENT_FAMILY_NAME,
              SchedulingFixtures.PATIENT_EMAIL,
              SchedulingFixtures.PATIENT_PHONE);
    }
    assertThat(
            api.get("/api/appointment-pairs/" + pair.get("id").asString())
                .body()
                .get("appointments")
                .findValuesAsString("status"))
        .containsExactly("BOOKED", "BOOKED");
    assertThat(outboxEvents(approved.referralId(), "AppointmentCompleted")).isZero();
    assertThat(outboxEvents(approved.referralId(), "AppointmentNoShow")).isZero();

    clock.set(startOf(pair, 0));
    assertThat(api.postEmpty("/api/appointments/" + harvestId + "/completion").status())
        .isEqualTo(200);
  }

  @Test
  void anInjectionIsCompletedOnlyAfterItsHarvestWasCompleted() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    String harvestId = pair.get("appointments").get(0).get("id").asString();
    String injectionId = pair.get("appointments").get(1).get("id").asString();
    clock.set(startOf(pair, 1).plusSeconds(60));

    Reply beforeTheHarvest = api.postEmpty("/api/appointments/" + injectionId + "/completion");
    Reply harvested = api.postEmpty("/api/appointments/" + harvestId + "/completion");
    Reply injected = api.postEmpty("/api/appointments/" + injectionId + "/completion");

    assertThat(beforeTheHarvest.status()).as("%s", beforeTheHarvest.body()).isEqualTo(409);
    assertThat(beforeTheHarvest.body().get("detail").asString())
        .contains("harvest")
        .contains("BOOKED");
    assertThat(harvested.status()).as("%s", harvested.body()).isEqualTo(200);
    assertThat(injected.status()).as("%s", injected.body()).isEqualTo(200);
    assertThat(injected.body().get("appointments").findValuesAsString("status"))
        .containsExactly("COMPLETED", "COMPLETED");
    assertThat(outboxEvents(approved.referralId(), "AppointmentCompleted")).isEqualTo(2);
  }

  @Test
  void anInjectionWhoseHarvestWasMissedCannotBeCompleted() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    String harvestId = pair.get("appointments").get(0).get("id").asString();
    String injectionId = pair.get("appointments").get(1).get("id").asString();
    clock.set(startOf(pair, 1).plusSeconds(60));

    Reply missedHarvest = api.postEmpty("/api/appointments/" + harvestId + "/no-show");
    Reply injected = api.postEmpty("/api/appointments/" + injectionId + "/completion");

    assertThat(missedHarvest.status()).as("%s", missedHarvest.body()).isEqualTo(200);
    assertThat(injected.status()).as("%s", injected.body()).isEqualTo(409);
    assertThat(injected.body().get("detail").asString()).contains("harvest").contains("NO_SHOW");
    assertThat(outboxEvents(approved.referralId(), "AppointmentCompleted")).isZero();
    // What did happen can still be recorded: the patient did not come to the injection either.
    assertThat(api.postEmpty("/api/appointments/" + injectionId + "/no-show").status())
        .isEqualTo(200);
  }

  @Test
  void aWithdrawalAfterTheHarvestCancelsOnlyTheInjectionAndKeepsTheHarvestOnRecord() {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    clock.set(startOf(pair, 0).plusSeconds(45 * 60));
    assertThat(
            api.postEmpty(
                    "/api/appointments/"
                        + pair.get("appointments").get(0).get("id").asString()
                        + "/completion")
                .status())
        .isEqualTo(200);

    publish(SchedulingFixtures.withdrawal(approved.referralId()));

    AppointmentPairCancelled cancelled =
        awaitEvent(approved.referralId(), AppointmentPairCancelled.class);
    assertThat(cancelled.sequence()).isEqualTo(1);
    JsonNode after = api.get("/api/appointment-pairs/" + pair.get("id").asString()).body();
    assertThat(after.get("appointments").get(0).get("status").asString()).isEqualTo("COMPLETED");
    assertThat(after.get("appointments").get(1).get("status").asString()).isEqualTo("CANCELLED");
    assertThat(api.slot(harvest).get("status").asString()).isEqualTo("BOOKED");
    assertThat(api.slot(injection).get("status").asString()).isEqualTo("FREE");
  }

  @Test
  void aSchedulerBooksChosenSlotsForAWaitlistedCase() {
    ReferralApproved waiting = approval(CellSource.BONE_MARROW);
    publish(waiting);
    awaitEvent(waiting.referralId(), CaseWaitlisted.class);
    // Past the 60-day search horizon, so the waitlist does not take them itself; a scheduler may.
    LocalDate farDay = earliestDay(clinic).plusDays(70);
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", farDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", farDay, "09:30", 30);

    Reply reply =
        api.post("/api/appointment-pairs", booking(waiting.referralId(), harvest, injection));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    assertThat(reply.body().get("sequence").asInt()).isZero();
    assertThat(reply.body().get("appointments").get(1).get("slotId").asString())
        .isEqualTo(injection.toString());
    assertThat(caseStatus(waiting.referralId())).isEqualTo("BOOKED");
    assertThat(api.slot(harvest).get("status").asString()).isEqualTo("BOOKED");
    assertThat(api.slot(injection).get("referralId").asString())
        .isEqualTo(waiting.referralId().toString());
    AppointmentPairBooked booked = awaitEvent(waiting.referralId(), AppointmentPairBooked.class);
    assertThat(booked.pairId().toString()).isEqualTo(reply.body().get("id").asString());
    assertThat(booked.appointments()).hasSize(2);
    assertThat(
            api.post("/api/appointment-pairs", booking(waiting.referralId(), harvest, injection))
                .status())
        .isEqualTo(409);
  }

  @Test
  void aManualBookingThatBreaksARuleOrTakesABookedSlotIsRefused() {
    UUID heldHarvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID heldInjection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved holder = bookedCase(CellSource.BONE_MARROW);
    String holderPair = awaitBookedPair(holder.referralId()).get("id").asString();
    ReferralApproved waiting = approval(CellSource.BONE_MARROW);
    publish(waiting);
    awaitEvent(waiting.referralId(), CaseWaitlisted.class);
    LocalDate farDay = earliestDay(clinic).plusDays(70);
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", farDay, "08:00", 45);
    UUID lateInjection = api.slot(clinician, injectionRoom, "INJECTION", farDay, "12:00", 30);

    Reply taken =
        api.post(
            "/api/appointment-pairs", booking(waiting.referralId(), heldHarvest, heldInjection));
    Reply window =
        api.post("/api/appointment-pairs", booking(waiting.referralId(), harvest, lateInjection));
    Reply unknown =
        api.post("/api/appointment-pairs", booking(UUID.randomUUID(), harvest, lateInjection));

    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body().get("detail").asString()).contains("booked by another pair");
    assertThat(window.status()).isEqualTo(409);
    assertThat(window.body().get("detail").asString()).contains("minutes after the harvest ends");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(api.pairsOf(waiting.referralId())).isEmpty();
    assertThat(caseStatus(waiting.referralId())).isEqualTo("WAITLISTED");
    assertThat(api.slot(heldHarvest).get("pairId").asString()).isEqualTo(holderPair);
  }

  @Test
  void aCaseWhosePairASchedulerCancelledCanBeBookedByHand() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    String first = awaitBookedPair(approved.referralId()).get("id").asString();
    api.post(
        "/api/appointment-pairs/" + first + "/cancellation", Map.of("reason", "patient asked"));
    UUID harvest =
        api.slot(clinician, harvestRoom, "HARVEST", procedureDay.plusDays(3), "13:00", 45);
    UUID injection =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay.plusDays(3), "14:15", 30);

    Reply reply =
        api.post("/api/appointment-pairs", booking(approved.referralId(), harvest, injection));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    assertThat(api.pairsOf(approved.referralId()))
        .extracting(pair -> pair.get("status").asString())
        .containsExactly("CANCELLED", "BOOKED");
    assertThat(caseStatus(approved.referralId())).isEqualTo("BOOKED");
  }

  @Test
  void aCaseReturnedAfterANoShowIsAnnouncedWithItsCodeAndFreesTheSlotsItStillHeld() {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    clock.set(startOf(pair, 0).plusSeconds(60));
    String harvestId = pair.get("appointments").get(0).get("id").asString();
    assertThat(api.postEmpty("/api/appointments/" + harvestId + "/no-show").status())
        .isEqualTo(200);

    Reply returned = returnCase(approved.referralId(), "REPEATED_NO_SHOW");

    assertThat(returned.status()).as("%s", returned.body()).isEqualTo(200);
    assertThat(returned.body().get("status").asString()).isEqualTo("RETURNED");
    assertThat(caseStatus(approved.referralId())).isEqualTo("RETURNED");
    CaseReturnedToReferrer event = awaitEvent(approved.referralId(), CaseReturnedToReferrer.class);
    assertThat(event.returnCode()).isEqualTo(ReturnReason.REPEATED_NO_SHOW);
    JsonNode ended = api.get("/api/appointment-pairs/" + pair.get("id").asString()).body();
    assertThat(ended.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(ended.get("appointments").get(0).get("status").asString()).isEqualTo("NO_SHOW");
    assertThat(ended.get("appointments").get(1).get("status").asString()).isEqualTo("CANCELLED");
    assertThat(api.slot(harvest).get("status").asString())
        .as("the missed harvest keeps its slot: the time was used")
        .isEqualTo("BOOKED");
    assertThat(api.slot(injection).get("status").asString()).isEqualTo("FREE");
    assertThat(outboxEvents(approved.referralId(), "CaseReturnedToReferrer")).isEqualTo(1);

    Reply again = returnCase(approved.referralId(), "OTHER");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("detail").asString()).contains("already returned");
    assertThat(outboxEvents(approved.referralId(), "CaseReturnedToReferrer")).isEqualTo(1);
  }

  @Test
  void aReturnedWaitlistedCaseIsNeverBookedWhenSlotsAppear() {
    ReferralApproved returnedCase = approval(CellSource.BONE_MARROW);
    publish(returnedCase);
    awaitEvent(returnedCase.referralId(), CaseWaitlisted.class);
    assertThat(returnCase(returnedCase.referralId(), "NO_SUITABLE_SLOTS").status()).isEqualTo(200);
    ReferralApproved witness = approval(CellSource.BONE_MARROW);
    publish(witness);
    awaitEvent(witness.referralId(), CaseWaitlisted.class);

    // One fitting pair: the older case would have it, were it still waiting. Its harvest slot
    // first, and the waitlist tried against it (the witness, so every older waiting case before
    // it), so that the pass which finds the whole pair starts with the oldest case.
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    await().atMost(WAIT).until(() -> triedAgainstTheLatestRelease(witness.referralId()));
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);

    awaitBookedPair(witness.referralId());
    assertThat(api.pairsOf(returnedCase.referralId())).isEmpty();
    assertThat(caseStatus(returnedCase.referralId())).isEqualTo("RETURNED");
    assertThat(outboxEvents(returnedCase.referralId(), "AppointmentPairBooked")).isZero();
  }

  @Test
  void aCaseWithABookedPairIsNotReturnedAndABadReasonIsRefusedByName() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    String pairId = awaitBookedPair(approved.referralId()).get("id").asString();

    Reply booked = returnCase(approved.referralId(), "PATIENT_DECLINED");
    Reply invented = returnCase(approved.referralId(), "BORED");
    Reply missing =
        api.post("/api/scheduling-cases/" + approved.referralId() + "/return", Map.of());
    Reply unknown = returnCase(UUID.randomUUID(), "OTHER");

    assertThat(booked.status()).as("%s", booked.body()).isEqualTo(409);
    assertThat(booked.body().get("detail").asString()).contains("Cancel the pair first");
    assertThat(invented.status()).isEqualTo(400);
    assertThat(invented.bodyText()).contains("reason");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.bodyText()).contains("reason");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(caseStatus(approved.referralId())).isEqualTo("BOOKED");
    assertThat(api.get("/api/appointment-pairs/" + pairId).body().get("status").asString())
        .isEqualTo("BOOKED");
    assertThat(outboxEvents(approved.referralId(), "CaseReturnedToReferrer")).isZero();
  }

  @Test
  void aCaseWhosePairWasMissedIsBookedAgainByHandAndTheMissedPairEnds() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID oldInjection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    clock.set(startOf(pair, 0).plusSeconds(60));
    String harvestId = pair.get("appointments").get(0).get("id").asString();
    assertThat(api.postEmpty("/api/appointments/" + harvestId + "/no-show").status())
        .isEqualTo(200);
    // Booked again from the day of the no-show: the NSAID pause counts from this booking.
    LocalDate later = procedureDay.plusDays(10);
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", later, "13:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", later, "14:15", 30);

    Reply reply =
        api.post("/api/appointment-pairs", booking(approved.referralId(), harvest, injection));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    assertThat(api.pairsOf(approved.referralId()))
        .extracting(p -> p.get("status").asString())
        .containsExactly("CANCELLED", "BOOKED");
    assertThat(caseStatus(approved.referralId())).isEqualTo("BOOKED");
    JsonNode ended = api.get("/api/appointment-pairs/" + pair.get("id").asString()).body();
    assertThat(ended.get("appointments").get(0).get("status").asString()).isEqualTo("NO_SHOW");
    assertThat(api.slot(oldInjection).get("status").asString()).isEqualTo("FREE");
    assertThat(awaitEvent(approved.referralId(), AppointmentPairCancelled.class).pairId())
        .hasToString(pair.get("id").asString());
  }

  @Test
  void theContactReadsNameThePatientWithPhoneAndLanguageAndNothingClinical() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    // A contact document holding more than the contact: none of it may come out.
    jdbc.sql(
            """
            update scheduling_case
               set patient = patient || '{"diagnosis": "M72.2 Plantar fascial fibromatosis",
                                         "condition": "plantar fasciitis", "findings": ["heel spur"]}'::jsonb
             where referral_id = ?
            """)
        .param(approved.referralId())
        .update();
    clock.set(startOf(awaitBookedPair(approved.referralId()), 0).minus(Duration.ofHours(24)));

    Reply contacts =
        api.post(
            "/api/cases/contacts",
            Map.of("referralIds", List.of(approved.referralId(), UUID.randomUUID())));
    Reply found =
        api.post("/api/cases/search", Map.of("query", SchedulingFixtures.PATIENT_FAMILY_NAME));
    Reply unconfirmed = api.get("/api/pairs/unconfirmed?within=48h");

    for (Reply reply : List.of(contacts, found, unconfirmed)) {
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
      assertThat(reply.bodyText())
          .doesNotContain(
              "M72.2",
              "iagnosis",
              "ondition",
              "asciitis",
              "indings",
              "heel spur",
              SchedulingFixtures.PATIENT_EMAIL,
              "RIGHT");
    }
    assertThat(contacts.body()).hasSize(1);
    JsonNode contact = contacts.body().get(0);
    assertThat(contact.get("referralId").asString()).isEqualTo(approved.referralId().toString());
    assertThat(contact.get("shortId").asString())
        .isEqualTo(approved.referralId().toString().substring(0, 8));
    assertThat(contact.get("givenName").asString())
        .isEqualTo(SchedulingFixtures.PATIENT_GIVEN_NAME);
    assertThat(contact.get("familyName").asString())
        .isEqualTo(SchedulingFixtures.PATIENT_FAMILY_NAME);
    assertThat(contact.get("mobilePhone").asString()).isEqualTo(SchedulingFixtures.PATIENT_PHONE);
    assertThat(contact.get("language").asString()).isEqualTo("en");
    assertThat(found.body().get(0).get("patient")).isEqualTo(contact);
    assertThat(unconfirmed.status()).as("%s", unconfirmed.body()).isEqualTo(200);
    assertThat(unconfirmed.body().get(0).get("patient")).isEqualTo(contact);
    for (String token :
        List.of(
            org.cellpath.testsupport.TestTokens.admin(),
            org.cellpath.testsupport.TestTokens.reviewer(),
            org.cellpath.testsupport.TestTokens.physician(
                org.cellpath.testsupport.TestTokens.NPI))) {
      SchedulerApi other = new SchedulerApi(port, token);
      assertThat(other.post("/api/cases/search", Map.of("query", "Canary")).status())
          .isEqualTo(403);
      assertThat(
              other
                  .post(
                      "/api/cases/contacts", Map.of("referralIds", List.of(approved.referralId())))
                  .status())
          .isEqualTo(403);
      assertThat(other.get("/api/pairs/unconfirmed").status()).isEqualTo(403);
    }
  }

  @Test
  void theSearchFindsCasesByPartOfANameOrByTheShortIdAndRefusesAQueryTooShort() {
    String prefix = UUID.randomUUID().toString().substring(0, 8);
    UUID first = UUID.fromString(prefix + UUID.randomUUID().toString().substring(8));
    UUID second = UUID.fromString(prefix + UUID.randomUUID().toString().substring(8));
    publish(approvalOf(first, "Maribel", "Quintanilla-Ortiz", "es"));
    publish(approvalOf(second, "Theodore", "Blackwood", "en"));
    awaitEvent(first, CaseWaitlisted.class);
    awaitEvent(second, CaseWaitlisted.class);

    Reply byFamilyPart = api.post("/api/cases/search", Map.of("query", "quintan"));
    Reply byGivenUpper = api.post("/api/cases/search", Map.of("query", " THEODORE "));
    Reply byWholeName = api.post("/api/cases/search", Map.of("query", "maribel quintanilla"));
    Reply byShortId = api.post("/api/cases/search", Map.of("query", prefix.toUpperCase()));
    Reply byFullId = api.post("/api/cases/search", Map.of("query", second.toString()));
    Reply wildcard = api.post("/api/cases/search", Map.of("query", "%%"));
    Reply tooShort = api.post("/api/cases/search", Map.of("query", " q "));
    Reply missing = api.post("/api/cases/search", Map.of());

    assertThat(referralIds(byFamilyPart)).containsExactly(first.toString());
    assertThat(byFamilyPart.body().get(0).get("status").asString()).isEqualTo("WAITLISTED");
    assertThat(byFamilyPart.body().get(0).get("patient").get("language").asString())
        .isEqualTo("es");
    assertThat(byFamilyPart.body().get(0).get("waitlistedAt").isNull()).isFalse();
    assertThat(referralIds(byGivenUpper)).containsExactly(second.toString());
    assertThat(referralIds(byWholeName)).containsExactly(first.toString());
    assertThat(referralIds(byShortId))
        .as("a short id two cases share finds both")
        .containsExactlyInAnyOrder(first.toString(), second.toString());
    assertThat(referralIds(byFullId)).containsExactly(second.toString());
    assertThat(referralIds(wildcard)).as("a % is a character, not a wildcard").isEmpty();
    for (Reply refused : List.of(tooShort, missing)) {
      assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
      assertThat(refused.body().get("errors").findValuesAsString("field")).containsExactly("query");
    }
    assertThat(tooShort.bodyText()).doesNotContain("Maribel", "Theodore");
  }

  @Test
  void theUnconfirmedListHoldsPairsSoonNotConfirmedAsTheyStand() {
    // One pair of free slots at a time, so that each approval books the one just made.
    ReferralApproved unconfirmed = bookedAt(procedureDay, "08:00");
    ReferralApproved confirmed = bookedAt(procedureDay, "10:00");
    ReferralApproved moved = bookedAt(procedureDay, "12:00");
    ReferralApproved later = bookedAt(procedureDay.plusDays(1), "09:00");
    confirm(awaitBookedPair(confirmed.referralId()));
    JsonNode movedPair = awaitBookedPair(moved.referralId());
    confirm(movedPair);
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "14:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "15:15", 30);
    Reply move =
        api.post(
            "/api/appointment-pairs/" + movedPair.get("id").asString() + "/reschedule",
            slots(harvest, injection));
    assertThat(move.status()).as("%s", move.body()).isEqualTo(200);
    // The first harvest 24 hours away: the later pair's harvest is 49 hours away.
    Instant firstHarvest = startOf(awaitBookedPair(unconfirmed.referralId()), 0);
    clock.set(firstHarvest.minus(Duration.ofHours(24)));

    Reply list = api.get("/api/pairs/unconfirmed?within=48h");
    Reply wider = api.get("/api/pairs/unconfirmed?within=3d");
    Reply bad = api.get("/api/pairs/unconfirmed?within=48");
    Reply tooFar = api.get("/api/pairs/unconfirmed?within=15d");

    assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
    assertThat(referralIds(list))
        .containsExactly(unconfirmed.referralId().toString(), moved.referralId().toString());
    JsonNode soonest = list.body().get(0);
    assertThat(soonest.get("kind").asString()).isEqualTo("HARVEST");
    assertThat(Instant.parse(soonest.get("startsAt").asString())).isEqualTo(firstHarvest);
    assertThat(soonest.get("startTime").asString()).isEqualTo("08:00:00");
    assertThat(soonest.get("clinicianName").asString()).isEqualTo("Dr Avery");
    assertThat(soonest.get("confirmedSequence").isNull()).isTrue();
    assertThat(list.body().get(1).get("sequence").asInt()).isEqualTo(1);
    assertThat(list.body().get(1).get("confirmedSequence").asInt()).isZero();
    assertThat(referralIds(wider))
        .containsExactly(
            unconfirmed.referralId().toString(),
            moved.referralId().toString(),
            later.referralId().toString());
    for (Reply refused : List.of(bad, tooFar)) {
      assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
      assertThat(refused.body().get("errors").findValuesAsString("field"))
          .containsExactly("within");
    }
  }

  /** A case booked on the harvest and injection slots made for it, at {@code time} that day. */
  private ReferralApproved bookedAt(LocalDate day, String time) {
    java.time.LocalTime start = java.time.LocalTime.parse(time);
    api.slot(clinician, harvestRoom, "HARVEST", day, time, 45);
    api.slot(clinician, injectionRoom, "INJECTION", day, start.plusMinutes(75).toString(), 30);
    return bookedCase(CellSource.BONE_MARROW);
  }

  /** What a patient's confirmation leaves on the pair: the sequence they confirmed. */
  private void confirm(JsonNode pair) {
    jdbc.sql(
            """
            update appointment_pair
               set confirmed_sequence = sequence, confirmed_at = now(), confirmed_by = 'PATIENT_LINK'
             where id = ?
            """)
        .param(UUID.fromString(pair.get("id").asString()))
        .update();
  }

  private static List<String> referralIds(Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return java.util.stream.StreamSupport.stream(reply.body().spliterator(), false)
        .map(found -> found.get("referralId").asString())
        .toList();
  }

  private static ReferralApproved approvalOf(
      UUID referralId, String givenName, String familyName, String language) {
    ReferralApproved template =
        approval(referralId, CellSource.BONE_MARROW, SchedulingPreferences.any());
    PatientContact patient = template.patient();
    return new ReferralApproved(
        template.eventId(),
        referralId,
        template.occurredAt(),
        template.cellSource(),
        template.side(),
        template.lastCorticosteroidInjection(),
        template.preferences(),
        new PatientContact(
            givenName,
            familyName,
            patient.email(),
            patient.mobilePhone(),
            language,
            patient.preferredChannel(),
            patient.smsConsent(),
            patient.timeZone()),
        template.physician());
  }

  private ReferralApproved bookedCase(CellSource source) {
    ReferralApproved approved = approval(source);
    publish(approved);
    awaitBookedPair(approved.referralId());
    return approved;
  }

  private static Map<String, Object> slots(UUID harvest, UUID injection) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("harvestSlotId", harvest == null ? null : harvest.toString());
    body.put("injectionSlotId", injection.toString());
    return body;
  }

  private static Map<String, Object> booking(UUID referralId, UUID harvest, UUID injection) {
    Map<String, Object> body = new LinkedHashMap<>(slots(harvest, injection));
    body.put("referralId", referralId.toString());
    return body;
  }

  /** When the pair's appointment (0: the first) starts. */
  private static Instant startOf(JsonNode pair, int appointment) {
    return Instant.parse(pair.get("appointments").get(appointment).get("startsAt").asString());
  }

  private long outboxEvents(UUID referralId, String type) {
    return jdbc.sql("select count(*) from outbox_event where message_key = ? and event_type = ?")
        .param(referralId.toString())
        .param(type)
        .query(Long.class)
        .single();
  }

  private boolean triedAgainstTheLatestRelease(UUID referralId) {
    return jdbc.sql(
            """
            select c.tried_generation >= r.generation from scheduling_case c, slot_release r
             where c.referral_id = ?
            """)
        .param(referralId)
        .query(Boolean.class)
        .single();
  }

  private Reply returnCase(UUID referralId, String reason) {
    return api.post("/api/scheduling-cases/" + referralId + "/return", Map.of("reason", reason));
  }

  private String caseStatus(UUID referralId) {
    return api.get("/api/scheduling-cases/" + referralId).body().get("status").asString();
  }

  private void publish(CellPathEvent event) {
    try {
      cellpathKafkaTemplate.send(EventRecords.of(event, messaging, REFERRAL_SERVICE)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish " + event.getClass().getSimpleName(), e);
    }
  }

  private JsonNode awaitBookedPair(UUID referralId) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                api.pairsOf(referralId).stream()
                    .filter(pair -> "BOOKED".equals(pair.get("status").asString()))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private <E extends CellPathEvent> E awaitEvent(UUID referralId, Class<E> type) {
    ConsumerRecord<byte[], byte[]> record =
        schedulingEvents.awaitEvent(type.getSimpleName(), referralId.toString(), WAIT);
    assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/cellpath/scheduling-service");
    return new EventJson().read(record.value(), type);
  }
}
