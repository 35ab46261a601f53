package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.PATIENT_EMAIL;
import static org.cellpath.scheduling.SchedulingFixtures.PATIENT_FAMILY_NAME;
import static org.cellpath.scheduling.SchedulingFixtures.PATIENT_GIVEN_NAME;
import static org.cellpath.scheduling.SchedulingFixtures.PATIENT_PHONE;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.approvalPreferring;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;
import static org.cellpath.scheduling.SchedulingFixtures.withdrawal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
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
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TopicReader;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The booking flow against the real broker and PostgreSQL: slots through the HTTP API, approvals
 * and withdrawals as Kafka records from "referral-service", results through the API and on the
 * scheduling-events topic.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BookingOnApprovalIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REFERRAL_SERVICE = "/cellpath/referral-service";

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired MeterRegistry meters;

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
    schedulingEvents.close();
  }

  @Test
  void anApprovedBoneMarrowCaseIsBookedIntoTheEarliestFittingPairAndAnnounced(
      CapturedOutput output) {
    UUID laterHarvest =
        api.slot(clinician, harvestRoom, "HARVEST", procedureDay.plusDays(1), "08:00", 60);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay.plusDays(1), "09:30", 30);
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 60);
    // The harvest ends at 08:45 (45 minutes, though its slot is an hour): 09:00 is inside the
    // 30-minute processing.
    UUID tooEarly = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:00", 30);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:30", 30);
    ReferralApproved approved = approval(CellSource.BONE_MARROW);

    publish(approved);

    JsonNode pair = awaitBookedPair(approved.referralId());
    assertThat(pair.get("appointments")).hasSize(2);
    JsonNode harvestAppointment = pair.get("appointments").get(0);
    JsonNode injectionAppointment = pair.get("appointments").get(1);
    assertThat(harvestAppointment.get("kind").asString()).isEqualTo("HARVEST");
    assertThat(harvestAppointment.get("slotId").asString()).isEqualTo(harvest.toString());
    assertThat(harvestAppointment.get("date").asString()).isEqualTo(procedureDay.toString());
    assertThat(harvestAppointment.get("startTime").asString()).isEqualTo("08:00:00");
    assertThat(harvestAppointment.get("endTime").asString()).isEqualTo("08:45:00");
    assertThat(injectionAppointment.get("kind").asString()).isEqualTo("INJECTION");
    assertThat(injectionAppointment.get("slotId").asString()).isEqualTo(injection.toString());
    assertThat(injectionAppointment.get("clinician").get("id").asString())
        .isEqualTo(clinician.toString());

    assertThat(api.slot(harvest).get("status").asString()).isEqualTo("BOOKED");
    assertThat(api.slot(harvest).get("referralId").asString())
        .isEqualTo(approved.referralId().toString());
    assertThat(api.slot(injection).get("status").asString()).isEqualTo("BOOKED");
    assertThat(api.slot(tooEarly).get("status").asString()).isEqualTo("FREE");
    assertThat(api.slot(laterHarvest).get("status").asString()).isEqualTo("FREE");

    AppointmentPairBooked booked = awaitEvent(approved.referralId(), AppointmentPairBooked.class);
    assertThat(booked.pairId().toString()).isEqualTo(pair.get("id").asString());
    assertThat(booked.patient()).isEqualTo(approved.patient());
    assertThat(booked.appointments())
        .extracting(appointment -> appointment.kind())
        .containsExactly(AppointmentKind.HARVEST, AppointmentKind.INJECTION);
    assertThat(booked.appointments())
        .allSatisfy(
            appointment -> {
              assertThat(appointment.clinicianName()).isEqualTo("Dr Avery");
              assertThat(appointment.timeZone()).isEqualTo("America/Los_Angeles");
              assertThat(appointment.siteAddress()).isEqualTo("1 Test Street, Los Angeles, CA");
            });
    assertThat(booked.appointments().get(0).startsAt())
        .isEqualTo(
            ZonedDateTime.of(procedureDay, java.time.LocalTime.of(8, 0), clinic.timeZone())
                .toInstant());
    assertThat(booked.appointments().get(1).roomName()).isEqualTo("Injection room");

    assertThat(output.getAll())
        .contains(approved.referralId().toString())
        .doesNotContain(PATIENT_GIVEN_NAME, PATIENT_FAMILY_NAME, PATIENT_EMAIL, PATIENT_PHONE);
  }

  @Test
  void theSameApprovalDeliveredTwiceBooksOnce() throws Exception {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    ReferralApproved approved = approval(CellSource.BONE_MARROW);
    double duplicatesBefore = duplicates();

    publish(approved);
    publish(approved);

    awaitBookedPair(approved.referralId());
    await().atMost(WAIT).until(() -> duplicates() > duplicatesBefore);
    assertThat(api.pairsOf(approved.referralId())).hasSize(1);
    assertThat(outboxEvents(approved.referralId(), "AppointmentPairBooked")).isEqualTo(1);
  }

  @Test
  void aRepeatedApprovalWithANewEventIdDoesNotBookAgain() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    ReferralApproved first = approval(CellSource.BONE_MARROW);
    ReferralApproved again =
        approval(first.referralId(), CellSource.BONE_MARROW, first.preferences());

    publish(first);
    awaitBookedPair(first.referralId());
    publish(again);

    await().atMost(WAIT).until(() -> handled(again.eventId()));
    assertThat(api.pairsOf(first.referralId())).hasSize(1);
    assertThat(outboxEvents(first.referralId(), "AppointmentPairBooked")).isEqualTo(1);
  }

  @Test
  void anApprovalNoPairFitsIsWaitlistedAndAnnounced() {
    // Only slots before the earliest day: the NSAID pause rules them out.
    LocalDate tooSoon = earliestDay(clinic).minusDays(3);
    api.slot(clinician, harvestRoom, "HARVEST", tooSoon, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", tooSoon, "09:15", 30);
    ReferralApproved approved = approval(CellSource.BONE_MARROW);

    publish(approved);

    CaseWaitlisted waitlisted = awaitEvent(approved.referralId(), CaseWaitlisted.class);
    assertThat(waitlisted.searchedFrom()).isEqualTo(earliestDay(clinic));
    assertThat(waitlisted.searchedUntil()).isEqualTo(earliestDay(clinic).plusDays(59));
    JsonNode schedulingCase = api.get("/api/scheduling-cases/" + approved.referralId()).body();
    assertThat(schedulingCase.get("status").asString()).isEqualTo("WAITLISTED");
    assertThat(api.get("/api/waitlist").body().findValuesAsString("referralId"))
        .contains(approved.referralId().toString());
    assertThat(api.pairsOf(approved.referralId())).isEmpty();
  }

  @Test
  void aWaitlistedCaseIsBookedAsSoonAsFittingSlotsAreAdded() {
    ReferralApproved approved =
        approvalPreferring(CellSource.ADIPOSE, Set.of(), Set.of(DayPart.AFTERNOON));
    publish(approved);
    awaitEvent(approved.referralId(), CaseWaitlisted.class);

    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 60);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "15:00", 30);

    JsonNode pair = awaitBookedPair(approved.referralId());
    assertThat(pair.get("appointments").get(0).get("startTime").asString()).isEqualTo("13:00:00");
    AppointmentPairBooked booked = awaitEvent(approved.referralId(), AppointmentPairBooked.class);
    assertThat(booked.appointments()).hasSize(2);
    assertThat(
            api.get("/api/scheduling-cases/" + approved.referralId())
                .body()
                .get("status")
                .asString())
        .isEqualTo("BOOKED");
  }

  @Test
  void aPairNearTheEndOfTheWindowIsFoundThoughTheFirstDaysAreReadFirst() {
    LocalDate first = earliestDay(clinic);
    // The first days have slots but no pair: the injection starts before the harvest ends.
    api.slot(clinician, harvestRoom, "HARVEST", first, "10:00", 60);
    api.slot(clinician, injectionRoom, "INJECTION", first, "09:00", 30);
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", first.plusDays(50), "08:00", 60);
    UUID injection =
        api.slot(clinician, injectionRoom, "INJECTION", first.plusDays(50), "09:30", 30);
    UUID pastTheWindow =
        api.slot(clinician, harvestRoom, "HARVEST", first.plusDays(60), "08:00", 60);
    api.slot(clinician, injectionRoom, "INJECTION", first.plusDays(60), "09:30", 30);
    ReferralApproved approved = approval(CellSource.BONE_MARROW);

    publish(approved);

    JsonNode pair = awaitBookedPair(approved.referralId());
    assertThat(pair.get("appointments").findValuesAsString("slotId"))
        .containsExactly(harvest.toString(), injection.toString());
    assertThat(api.slot(pastTheWindow).get("status").asString()).isEqualTo("FREE");
  }

  @Test
  void aPairOnAnEarlierLocalDayIsFoundThoughAnotherZonesFreeHarvestStartsSooner() {
    // Reading starts near the day of the first free harvest. At a site on UTC+14, the first free
    // harvest starts
    // sooner (as an instant) than a pair at a site on UTC-10, yet on a later local day: the pair
    // must still win.
    LocalDate day = earliestDay(clinic).plusDays(10);
    UUID kiritimatiClinician = api.clinician("Dr Teuea");
    UUID kiritimati = api.site("Line Islands " + UUID.randomUUID(), "Pacific/Kiritimati");
    UUID honoluluClinician = api.clinician("Dr Kahale");
    UUID honolulu = api.site("Honolulu " + UUID.randomUUID(), "Pacific/Honolulu");
    UUID honoluluHarvestRoom = api.room(honolulu, "Procedure room");
    UUID honoluluInjectionRoom = api.room(honolulu, "Injection room");
    // 08:00 on day + 1 at UTC+14 is 18:00 UTC on day; 10:00 on day at UTC-10 is 20:00 UTC on day.
    api.slot(
        kiritimatiClinician,
        api.room(kiritimati, "Procedure room"),
        "HARVEST",
        day.plusDays(1),
        "08:00",
        60);
    UUID harvest = api.slot(honoluluClinician, honoluluHarvestRoom, "HARVEST", day, "10:00", 60);
    UUID injection =
        api.slot(honoluluClinician, honoluluInjectionRoom, "INJECTION", day, "11:30", 30);
    ReferralApproved approved = approval(CellSource.BONE_MARROW);

    publish(approved);

    JsonNode pair = awaitBookedPair(approved.referralId());
    assertThat(pair.get("appointments").findValuesAsString("slotId"))
        .containsExactly(harvest.toString(), injection.toString());
  }

  @Test
  void aDonatedProductIsBookedAsASingleInjection() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "10:00", 30);
    ReferralApproved approved = approval(CellSource.UMBILICAL_CORD);

    publish(approved);

    JsonNode pair = awaitBookedPair(approved.referralId());
    assertThat(pair.get("appointments")).hasSize(1);
    assertThat(pair.get("appointments").get(0).get("slotId").asString())
        .isEqualTo(injection.toString());
    assertThat(awaitEvent(approved.referralId(), AppointmentPairBooked.class).appointments())
        .singleElement()
        .satisfies(
            appointment -> assertThat(appointment.kind()).isEqualTo(AppointmentKind.INJECTION));
  }

  @Test
  void aWithdrawnReferralsPairIsCancelledAndBothSlotsAreFreed() {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = approval(CellSource.BONE_MARROW);
    publish(approved);
    String pairId = awaitBookedPair(approved.referralId()).get("id").asString();

    publish(withdrawal(approved.referralId()));

    AppointmentPairCancelled cancelled =
        awaitEvent(approved.referralId(), AppointmentPairCancelled.class);
    assertThat(cancelled.pairId().toString()).isEqualTo(pairId);
    assertThat(cancelled.sequence()).isEqualTo(1);
    assertThat(cancelled.appointments()).hasSize(2);
    JsonNode pair = api.get("/api/appointment-pairs/" + pairId).body();
    assertThat(pair.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(api.slot(harvest).get("status").asString()).isEqualTo("FREE");
    assertThat(api.slot(injection).get("status").asString()).isEqualTo("FREE");
    assertThat(
            api.get("/api/scheduling-cases/" + approved.referralId())
                .body()
                .get("status")
                .asString())
        .isEqualTo("WITHDRAWN");
  }

  @Test
  void anApprovalThatArrivesAfterItsReferralsWithdrawalBooksNothingAndAnnouncesNothing(
      CapturedOutput output) {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = approval(CellSource.BONE_MARROW);
    // The same approval again under a new event id: what a replay of a dead-lettered copy, or a
    // second approval
    // message, looks like after the first one was handled.
    ReferralApproved replayed =
        approval(approved.referralId(), CellSource.BONE_MARROW, approved.preferences());

    publish(withdrawal(approved.referralId()));
    publish(approved);
    publish(replayed);

    await().atMost(WAIT).until(() -> handled(approved.eventId()) && handled(replayed.eventId()));
    assertThat(api.pairsOf(approved.referralId())).isEmpty();
    assertThat(api.get("/api/waitlist").body().findValuesAsString("referralId"))
        .doesNotContain(approved.referralId().toString());
    assertThat(
            jdbc.sql("select count(*) from outbox_event where message_key = ?")
                .param(approved.referralId().toString())
                .query(Long.class)
                .single())
        .as("events about the referral")
        .isZero();
    assertThat(api.slot(harvest).get("status").asString()).isEqualTo("FREE");
    assertThat(api.slot(injection).get("status").asString()).isEqualTo("FREE");

    // The outbox relay sends events in the order they were written: once a later case's booking is
    // on the topic,
    // anything about the withdrawn referral would be there too. The later case gets the slots it
    // would have had.
    ReferralApproved later = approval(CellSource.BONE_MARROW);
    publish(later);
    awaitEvent(later.referralId(), AppointmentPairBooked.class);
    for (int i = 0; i < 5; i++) {
      schedulingEvents.records();
    }
    assertThat(schedulingEvents.records())
        .as("scheduling-events about the withdrawn referral")
        .noneMatch(record -> approved.referralId().toString().equals(TopicReader.key(record)));
    assertThat(output.getAll())
        .contains(approved.referralId().toString())
        .doesNotContain(PATIENT_GIVEN_NAME, PATIENT_FAMILY_NAME, PATIENT_EMAIL, PATIENT_PHONE);
  }

  @Test
  void slotsFreedByAWithdrawalGoToTheLongestWaitingCaseFirst() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved holder = approval(CellSource.BONE_MARROW);
    publish(holder);
    awaitBookedPair(holder.referralId());
    ReferralApproved waitingLongest = approval(CellSource.BONE_MARROW);
    publish(waitingLongest);
    awaitEvent(waitingLongest.referralId(), CaseWaitlisted.class);
    // Fits the freed slots just as well, but joined the waitlist later.
    ReferralApproved waitingLess = approval(CellSource.BONE_MARROW);
    publish(waitingLess);
    awaitEvent(waitingLess.referralId(), CaseWaitlisted.class);

    publish(withdrawal(holder.referralId()));

    awaitBookedPair(waitingLongest.referralId());
    awaitEvent(waitingLongest.referralId(), AppointmentPairBooked.class);
    assertThat(
            api.get("/api/scheduling-cases/" + waitingLess.referralId())
                .body()
                .get("status")
                .asString())
        .isEqualTo("WAITLISTED");
  }

  @Test
  void anApprovalWithoutAChosenCellSourceIsDeadLetteredAtOnceWithoutPatientData() {
    ReferralApproved unplannable = approval(CellSource.NO_PREFERENCE);

    publish(unplannable);

    try (TopicReader deadLetters =
        new TopicReader(
            bootstrapServers,
            messaging.topic(Topics.REFERRAL_EVENTS) + ".scheduling-service.dlq")) {
      ConsumerRecord<byte[], byte[]> dead =
          deadLetters.awaitRecord(
              record ->
                  unplannable.eventId().toString().equals(TopicReader.header(record, "ce_id")),
              WAIT);
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-message"))
          .contains(unplannable.referralId().toString());
      for (Header header : dead.headers()) {
        assertThat(new String(header.value(), StandardCharsets.UTF_8))
            .as(header.key())
            .doesNotContain(PATIENT_GIVEN_NAME, PATIENT_EMAIL, PATIENT_PHONE);
      }
    }
    assertThat(api.get("/api/scheduling-cases/" + unplannable.referralId()).status())
        .isEqualTo(404);
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
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private <E extends CellPathEvent> E awaitEvent(UUID referralId, Class<E> type) {
    ConsumerRecord<byte[], byte[]> record =
        schedulingEvents.awaitEvent(type.getSimpleName(), referralId.toString(), WAIT);
    assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/cellpath/scheduling-service");
    return new EventJson().read(record.value(), type);
  }

  private double duplicates() {
    Counter counter =
        meters
            .find("cellpath.inbox.events")
            .tag("outcome", "duplicate")
            .tag("type", "ReferralApproved")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private boolean handled(UUID eventId) {
    return jdbc.sql("select count(*) from inbox_event where event_id = ?")
            .param(eventId)
            .query(Long.class)
            .single()
        == 1;
  }

  private long outboxEvents(UUID referralId, String type) {
    return jdbc.sql("select count(*) from outbox_event where message_key = ? and event_type = ?")
        .param(referralId.toString())
        .param(type)
        .query(Long.class)
        .single();
  }
}
