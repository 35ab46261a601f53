package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.cellpath.contracts.CellSource;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.booking.WaitlistedCases;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Mass assignment: a scheduler's request that also sends a field the server owns (an id, a status,
 * who booked, the referral holding a slot, the calendar sequence, a timestamp) is refused with 400
 * naming that field, and nothing stored changes: the record the field points at reads back as
 * before, and no record is created.
 */
@IntegrationTest
class MassAssignmentIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired ApplicationContext context;

  private SchedulerApi api;
  private UUID clinician;
  private UUID harvestRoom;
  private UUID injectionRoom;
  private LocalDate day;
  private UUID existingSlot;

  @BeforeEach
  void freshClinic() {
    SchedulingFixtures.clearBookings(jdbc);
    api = SchedulerApi.asScheduler(port);
    clinician = api.clinician("Dr Owner");
    UUID site = api.site("Mass assignment " + UUID.randomUUID(), "America/Los_Angeles");
    harvestRoom = api.room(site, "Procedure room");
    injectionRoom = api.room(site, "Injection room");
    // Past the automatic search's horizon: only schedulers book these slots.
    day = earliestDay(clinic).plusDays(70);
    existingSlot = api.slot(clinician, injectionRoom, "INJECTION", day, "07:00", 30);
  }

  static Stream<Arguments> slotFields() {
    return Stream.of(
        Arguments.of("id", "existing slot"),
        Arguments.of("status", "BLOCKED"),
        Arguments.of("bookedBy", "scheduler-2"),
        Arguments.of("referralId", UUID.randomUUID().toString()),
        Arguments.of("pairId", UUID.randomUUID().toString()),
        Arguments.of("siteId", UUID.randomUUID().toString()),
        Arguments.of("startsAt", Instant.now().toString()),
        Arguments.of("createdAt", Instant.now().toString()));
  }

  @ParameterizedTest(name = "a slot sent with {0}")
  @MethodSource("slotFields")
  void aNewSlotCarryingAServerOwnedFieldIsRefusedAndNothingIsStored(String field, String value) {
    JsonNode before = api.slot(existingSlot);
    List<JsonNode> slotsBefore = slotsOfTheDay();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clinicianId", clinician.toString());
    body.put("roomId", injectionRoom.toString());
    body.put("kind", "INJECTION");
    body.put("date", day.toString());
    body.put("startTime", "10:00");
    body.put("durationMinutes", 30);
    body.put(field, value.equals("existing slot") ? existingSlot.toString() : value);

    Reply reply = api.post("/api/slots", body);

    assertRefusedNaming(reply, field);
    assertThat(api.slot(existingSlot)).isEqualTo(before);
    assertThat(slotsOfTheDay()).isEqualTo(slotsBefore);
  }

  static Stream<Arguments> templateFields() {
    return Stream.of(
        Arguments.of("id", UUID.randomUUID().toString()),
        Arguments.of("status", "BLOCKED"),
        Arguments.of("created", 99),
        Arguments.of("slotIds", List.of(UUID.randomUUID().toString())),
        Arguments.of("createdAt", Instant.now().toString()));
  }

  @ParameterizedTest(name = "a template sent with {0}")
  @MethodSource("templateFields")
  void aTemplateCarryingAServerOwnedFieldIsRefusedAndCreatesNoSlot(String field, Object value) {
    List<JsonNode> slotsBefore = slotsOfTheDay();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clinicianId", clinician.toString());
    body.put("roomId", injectionRoom.toString());
    body.put("kind", "INJECTION");
    body.put("weekdays", List.of(day.getDayOfWeek().toString()));
    body.put("startTime", "13:00");
    body.put("endTime", "15:00");
    body.put("durationMinutes", 30);
    body.put("from", day.toString());
    body.put("to", day.toString());
    body.put(field, value);

    Reply reply = api.post("/api/slots/template", body);

    assertRefusedNaming(reply, field);
    assertThat(slotsOfTheDay()).isEqualTo(slotsBefore);
  }

  static Stream<Arguments> bookingFields() {
    return Stream.of(
        Arguments.of("id", UUID.randomUUID().toString()),
        Arguments.of("status", "COMPLETED"),
        Arguments.of("sequence", 7),
        Arguments.of("bookedBy", "scheduler-2"),
        Arguments.of("bookedAt", Instant.now().toString()),
        Arguments.of("cancelledAt", Instant.now().toString()),
        Arguments.of("appointments", List.of(Map.of("status", "COMPLETED"))));
  }

  @ParameterizedTest(name = "a manual booking sent with {0}")
  @MethodSource("bookingFields")
  void aManualBookingCarryingAServerOwnedFieldIsRefusedAndBooksNothing(String field, Object value) {
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", day, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", day, "09:15", 30);
    UUID referralId = new WaitlistedCases(context).waitlisted(approval(CellSource.BONE_MARROW));
    JsonNode caseBefore = api.get("/api/scheduling-cases/" + referralId).body();
    List<JsonNode> slotsBefore = slotsOfTheDay();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("referralId", referralId.toString());
    body.put("harvestSlotId", harvest.toString());
    body.put("injectionSlotId", injection.toString());
    body.put(field, value);

    Reply reply = api.post("/api/appointment-pairs", body);

    assertRefusedNaming(reply, field);
    assertThat(api.get("/api/scheduling-cases/" + referralId).body()).isEqualTo(caseBefore);
    assertThat(api.pairsOf(referralId)).isEmpty();
    assertThat(slotsOfTheDay()).isEqualTo(slotsBefore);
  }

  private static void assertRefusedNaming(Reply reply, String field) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
    assertThat(reply.body().get("errors")).hasSize(1);
    assertThat(reply.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
    assertThat(reply.body().get("detail").asString()).contains(field);
  }

  private List<JsonNode> slotsOfTheDay() {
    Reply reply = api.get("/api/slots?from=" + day + "&to=" + day + "&clinicianId=" + clinician);
    assertThat(reply.status()).isEqualTo(200);
    return List.copyOf(reply.body().valueStream().toList());
  }
}
