package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Weekly slot templates through the HTTP API, against the real database (and the broker, for the
 * waitlist).
 */
@IntegrationTest
class SlotTemplateIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;

  private SchedulerApi api;
  private TopicReader schedulingEvents;
  private UUID clinician;
  private UUID harvestRoom;
  private UUID injectionRoom;
  private LocalDate firstMonday;

  @BeforeEach
  void freshClinic() {
    SchedulingFixtures.clearBookings(jdbc);
    api = SchedulerApi.asScheduler(port);
    schedulingEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.SCHEDULING_EVENTS));
    SchedulerApi.TestClinic rooms = api.clinic("Dr Template", "Uptown");
    clinician = rooms.clinician();
    harvestRoom = rooms.harvestRoom();
    injectionRoom = rooms.injectionRoom();
    firstMonday = earliestDay(clinic).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  @AfterEach
  void closeReader() {
    schedulingEvents.close();
  }

  @Test
  void aTemplateCreatesBackToBackSlotsOnItsWeekdaysAndSkipsThoseOverlappingExistingOnes() {
    // The clinician is busy elsewhere on the first Monday from 09:00 to 09:30: the 08:45 slot
    // cannot be made.
    UUID existing = api.slot(clinician, injectionRoom, "INJECTION", firstMonday, "09:00", 30);

    Reply reply =
        api.post(
            "/api/slots/template",
            template(
                harvestRoom,
                "HARVEST",
                "08:00",
                "12:00",
                45,
                firstMonday,
                firstMonday.plusDays(13),
                "MONDAY",
                "THURSDAY"));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    // Two Mondays and two Thursdays, 08:00 08:45 09:30 10:15 11:00 each (11:45 would end after
    // 12:00), less one.
    assertThat(reply.body().get("created").asInt()).isEqualTo(19);
    assertThat(reply.body().get("skipped").asInt()).isEqualTo(1);
    List<JsonNode> listed = list(firstMonday, firstMonday.plusDays(13));
    assertThat(listed).hasSize(20);
    assertThat(listed.stream().filter(slot -> slot.get("kind").asString().equals("HARVEST")))
        .allSatisfy(
            slot -> {
              assertThat(slot.get("durationMinutes").asInt()).isEqualTo(45);
              assertThat(slot.get("status").asString()).isEqualTo("FREE");
              assertThat(LocalDate.parse(slot.get("date").asString()).getDayOfWeek())
                  .isIn(DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
            });
    assertThat(
            listed.stream()
                .filter(slot -> slot.get("date").asString().equals(firstMonday.toString()))
                .map(slot -> slot.get("startTime").asString()))
        .containsExactly("08:00:00", "09:00:00", "09:30:00", "10:15:00", "11:00:00");
    assertThat(api.slot(existing).get("status").asString()).isEqualTo("FREE");

    Reply again =
        api.post(
            "/api/slots/template",
            template(
                harvestRoom,
                "HARVEST",
                "08:00",
                "12:00",
                45,
                firstMonday,
                firstMonday.plusDays(13),
                "MONDAY",
                "THURSDAY"));
    assertThat(again.body().get("created").asInt()).isZero();
    assertThat(again.body().get("skipped").asInt()).isEqualTo(20);
  }

  @Test
  void slotsFromATemplateWakeTheWaitlist() {
    ReferralApproved waiting = approval(CellSource.BONE_MARROW);
    publish(waiting);
    schedulingEvents.awaitEvent(
        CaseWaitlisted.class.getSimpleName(), waiting.referralId().toString(), WAIT);

    api.post(
        "/api/slots/template",
        template(harvestRoom, "HARVEST", "08:00", "08:45", 45, firstMonday, firstMonday, "MONDAY"));
    Reply injections =
        api.post(
            "/api/slots/template",
            template(
                injectionRoom,
                "INJECTION",
                "09:15",
                "10:15",
                30,
                firstMonday,
                firstMonday,
                "MONDAY"));

    assertThat(injections.body().get("created").asInt()).isEqualTo(2);
    schedulingEvents.awaitEvent(
        AppointmentPairBooked.class.getSimpleName(), waiting.referralId().toString(), WAIT);
    await().atMost(WAIT).until(() -> api.pairsOf(waiting.referralId()).size() == 1);
    JsonNode pair = api.pairsOf(waiting.referralId()).get(0);
    assertThat(pair.get("appointments").get(0).get("date").asString())
        .isEqualTo(firstMonday.toString());
    assertThat(pair.get("appointments").get(1).get("startTime").asString()).isEqualTo("09:15:00");
  }

  @Test
  void anInvalidTemplateIsRefusedWithoutCreatingAnything() {
    Reply backwards =
        api.post(
            "/api/slots/template",
            template(
                harvestRoom,
                "HARVEST",
                "12:00",
                "08:00",
                45,
                firstMonday,
                firstMonday.plusDays(7),
                "MONDAY"));
    Reply noDays =
        api.post(
            "/api/slots/template",
            template(
                harvestRoom,
                "HARVEST",
                "08:00",
                "12:00",
                45,
                firstMonday,
                firstMonday.plusDays(7)));
    Reply reversed =
        api.post(
            "/api/slots/template",
            template(
                harvestRoom,
                "HARVEST",
                "08:00",
                "12:00",
                45,
                firstMonday,
                firstMonday.minusDays(1),
                "MONDAY"));

    assertThat(backwards.status()).isEqualTo(400);
    assertThat(noDays.status()).isEqualTo(400);
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(list(firstMonday.minusDays(1), firstMonday.plusDays(7))).isEmpty();
  }

  private Map<String, Object> template(
      UUID room,
      String kind,
      String start,
      String end,
      int minutes,
      LocalDate from,
      LocalDate to,
      String... weekdays) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clinicianId", clinician.toString());
    body.put("roomId", room.toString());
    body.put("kind", kind);
    body.put("weekdays", List.of(weekdays));
    body.put("startTime", start);
    body.put("endTime", end);
    body.put("durationMinutes", minutes);
    body.put("from", from.toString());
    body.put("to", to.toString());
    return body;
  }

  private List<JsonNode> list(LocalDate from, LocalDate to) {
    Reply reply = api.get("/api/slots?from=" + from + "&to=" + to + "&clinicianId=" + clinician);
    assertThat(reply.status()).isEqualTo(200);
    return StreamSupport.stream(reply.body().spliterator(), false).toList();
  }

  private void publish(ReferralApproved event) {
    try {
      cellpathKafkaTemplate
          .send(EventRecords.of(event, messaging, "/cellpath/referral-service"))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish the approval", e);
    }
  }
}
