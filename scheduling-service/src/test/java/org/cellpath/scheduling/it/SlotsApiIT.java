package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Reference data and slots through the HTTP API, against the real PostgreSQL. */
@IntegrationTest
class SlotsApiIT {

  @LocalServerPort int port;
  @Autowired ClinicTimeZone clinic;
  @Autowired JdbcClient jdbc;

  private SchedulerApi api;
  private UUID clinician;
  private UUID site;
  private UUID room;
  private UUID otherRoom;
  private LocalDate day;

  @BeforeEach
  void freshClinic() {
    // Waitlisted cases of other test classes would otherwise book the slots made here.
    SchedulingFixtures.clearBookings(jdbc);
    api = SchedulerApi.asScheduler(port);
    clinician = api.clinician("Dr Blake");
    site = api.site("Uptown " + UUID.randomUUID(), "America/Los_Angeles");
    room = api.room(site, "Room 1");
    otherRoom = api.room(site, "Room 2");
    day = earliestDay(clinic).plusDays(20);
  }

  @Test
  void cliniciansSitesAndRoomsAreRegisteredAndListed() {
    JsonNode sites = api.get("/api/sites").body();
    assertThat(sites.findValuesAsString("id")).contains(site.toString());
    JsonNode ourSite = api.get("/api/sites/" + site).body();
    assertThat(ourSite.get("timeZone").asString()).isEqualTo("America/Los_Angeles");
    assertThat(api.get("/api/sites/" + site + "/rooms").body().findValuesAsString("name"))
        .containsExactly("Room 1", "Room 2");
    assertThat(api.get("/api/clinicians").body().findValuesAsString("id"))
        .contains(clinician.toString());
  }

  @Test
  void aSiteWithAnUnknownTimeZoneIsRefusedNamingTheField() {
    Reply reply =
        api.post(
            "/api/sites",
            Map.of("name", "Nowhere", "address", "1 Road", "timeZone", "Mars/Olympus"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("errors").findValuesAsString("field")).containsExactly("timeZone");
  }

  @Test
  void aRoomNameIsUniqueWithinItsSite() {
    Reply reply = api.post("/api/sites/" + site + "/rooms", Map.of("name", "Room 1"));

    assertThat(reply.status()).isEqualTo(409);
  }

  @Test
  void aSlotIsCreatedFreeInItsSitesLocalTime() {
    Reply reply = api.createSlot(clinician, room, "HARVEST", day, "08:30", 45);

    assertThat(reply.status()).isEqualTo(201);
    JsonNode slot = reply.body();
    assertThat(slot.get("status").asString()).isEqualTo("FREE");
    assertThat(slot.get("date").asString()).isEqualTo(day.toString());
    assertThat(slot.get("startTime").asString()).isEqualTo("08:30:00");
    assertThat(slot.get("endTime").asString()).isEqualTo("09:15:00");
    assertThat(slot.get("timeZone").asString()).isEqualTo("America/Los_Angeles");
    assertThat(slot.get("siteId").asString()).isEqualTo(site.toString());
  }

  @Test
  void aSlotOverlappingAnotherOfTheSameClinicianIsRefusedWithProblemDetails() {
    api.slot(clinician, room, "HARVEST", day, "09:00", 60);

    Reply reply = api.createSlot(clinician, otherRoom, "INJECTION", day, "09:30", 30);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().get("type").asString())
        .isEqualTo("https://cellpath.org/problems/conflict");
    assertThat(reply.body().get("title").asString()).isEqualTo("Conflict");
    assertThat(reply.body().get("detail").asString()).contains("same clinician");
  }

  @Test
  void aSlotOverlappingAnotherInTheSameRoomIsRefused() {
    api.slot(clinician, room, "HARVEST", day, "09:00", 60);
    UUID otherClinician = api.clinician("Dr Casey");

    Reply reply = api.createSlot(otherClinician, room, "HARVEST", day, "09:59", 30);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().get("detail").asString()).contains("same room");
  }

  @Test
  void aSlotMayStartExactlyWhenThePreviousEnds() {
    api.slot(clinician, room, "HARVEST", day, "09:00", 60);

    assertThat(api.createSlot(clinician, room, "INJECTION", day, "10:00", 30).status())
        .isEqualTo(201);
  }

  @Test
  void twentySchedulersCreatingTheSameSlotAtOnceGetExactlyOne() throws Exception {
    int schedulers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(schedulers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < schedulers; i++) {
        statuses.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.createSlot(clinician, room, "HARVEST", day, "14:00", 60).status();
                }));
      }
      start.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        results.add(status.get());
      }
      assertThat(results).filteredOn(status -> status == 201).hasSize(1);
      assertThat(results).filteredOn(status -> status == 409).hasSize(schedulers - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBadSlotRequestNamesEveryBadField() {
    Reply reply =
        api.post(
            "/api/slots", Map.of("kind", "HARVEST", "date", day.toString(), "durationMinutes", 0));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("errors").findValuesAsString("field"))
        .contains("clinicianId", "roomId", "startTime", "durationMinutes");
  }

  @Test
  void aSlotOfAFractionOfAMinuteIsRefusedRatherThanCutToWholeMinutes() {
    assertRefusedAsWrongType(slotRequest("durationMinutes", 45.5), "durationMinutes");
  }

  @Test
  void aSlotKindGivenAsANumberIsRefusedRatherThanReadAsAPositionInTheList() {
    assertRefusedAsWrongType(slotRequest("kind", 1), "kind");
  }

  @Test
  void aSlotDurationGivenAsTextIsRefused() {
    assertRefusedAsWrongType(slotRequest("durationMinutes", "45"), "durationMinutes");
  }

  @Test
  void aSlotForAnUnknownClinicianOrRoomIsRefusedNamingThem() {
    Reply reply = api.createSlot(UUID.randomUUID(), UUID.randomUUID(), "HARVEST", day, "08:00", 45);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("errors").findValuesAsString("field"))
        .containsExactly("clinicianId", "roomId");
  }

  @Test
  void aSlotInThePastIsRefused() {
    Reply reply =
        api.createSlot(
            clinician, room, "HARVEST", LocalDate.now(clinic.timeZone()).minusDays(1), "08:00", 45);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("errors").findValuesAsString("field")).containsExactly("startTime");
  }

  @Test
  void aBlockedSlotShowsBlockedAndFreeingItMakesItFreeAgain() {
    UUID slot = api.slot(clinician, room, "INJECTION", day, "11:00", 30);

    assertThat(api.postEmpty("/api/slots/" + slot + "/block").body().get("status").asString())
        .isEqualTo("BLOCKED");
    assertThat(api.postEmpty("/api/slots/" + slot + "/free").body().get("status").asString())
        .isEqualTo("FREE");
    assertThat(api.postEmpty("/api/slots/" + UUID.randomUUID() + "/block").status()).isEqualTo(404);
  }

  @Test
  void slotsAreListedByLocalDayClinicianAndRoom() {
    UUID first = api.slot(clinician, room, "HARVEST", day, "08:00", 45);
    UUID second = api.slot(clinician, otherRoom, "INJECTION", day, "09:15", 30);
    UUID nextDay = api.slot(clinician, room, "HARVEST", day.plusDays(1), "08:00", 45);

    JsonNode byClinician =
        api.get("/api/slots?from=" + day + "&to=" + day + "&clinicianId=" + clinician).body();
    assertThat(byClinician.findValuesAsString("id"))
        .containsExactly(first.toString(), second.toString());

    JsonNode byRoom =
        api.get("/api/slots?from=" + day + "&to=" + day.plusDays(1) + "&roomId=" + room).body();
    assertThat(byRoom.findValuesAsString("id"))
        .containsExactly(first.toString(), nextDay.toString());

    assertThat(api.get("/api/slots?from=" + day + "&to=" + day.minusDays(1)).status())
        .isEqualTo(400);
  }

  /** A slot request the service accepts, but for {@code field}, which holds {@code value}. */
  private Map<String, Object> slotRequest(String field, Object value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clinicianId", clinician.toString());
    body.put("roomId", room.toString());
    body.put("kind", "HARVEST");
    body.put("date", day.toString());
    body.put("startTime", "08:30");
    body.put("durationMinutes", 45);
    body.put(field, value);
    return body;
  }

  /** A 400 problem naming exactly {@code field} as of the wrong JSON type, and no slot created. */
  private void assertRefusedAsWrongType(Map<String, Object> request, String field) {
    long before = jdbc.sql("select count(*) from slot").query(Long.class).single();

    Reply reply = api.post("/api/slots", request);

    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(400);
    assertThat(reply.body().get("errors").findValuesAsString("field")).containsExactly(field);
    assertThat(reply.body().get("errors").findValuesAsString("message"))
        .containsExactly("has the wrong type or format");
    assertThat(jdbc.sql("select count(*) from slot").query(Long.class).single()).isEqualTo(before);
  }
}
