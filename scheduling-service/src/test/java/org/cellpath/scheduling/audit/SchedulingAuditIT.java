package org.cellpath.scheduling.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.cellpath.contracts.CellSource;
import org.cellpath.scheduling.MovableClock;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.booking.WaitlistedCases;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.IntegrationTestInitializer;
import org.cellpath.testsupport.PrivilegeProbe;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Who did what in scheduling: every change a scheduler makes and every read of a case's
 * appointments is a row of the audit trail naming the caller, the record and its referral; what the
 * service does by itself (the waitlist's bookings) is no one's row. The service runs as a
 * deployment runs it: Flyway as the database's owner, the service as a role that owns nothing,
 * which cannot change or remove a row of the trail.
 */
@IntegrationTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = IntegrationTestInitializer.DATABASE_ROLES + "=separate")
class SchedulingAuditIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired ClinicTimeZone clinic;
  @Autowired ApplicationContext context;

  private SchedulerApi scheduler;
  private WaitlistedCases cases;
  private SchedulerApi.TestClinic rooms;

  /** Past the automatic search's horizon: only a scheduler books these days. */
  private LocalDate handBookedDay;

  @BeforeEach
  void freshClinic() {
    SchedulingFixtures.clearBookings(jdbc);
    scheduler = SchedulerApi.asScheduler(port);
    cases = new WaitlistedCases(context);
    rooms = scheduler.clinic("Dr Audit", "Audit Street");
    handBookedDay = earliestDay(clinic).plusDays(62);
  }

  @AfterEach
  void followTheSystemClock() {
    MovableClock.SHARED.reset();
  }

  @Test
  void everyChangeIsARowNamingTheSchedulerTheRecordAndItsReferral() {
    long last = lastRow();
    UUID clinician = scheduler.clinician("Dr Trail");
    UUID site = scheduler.site("Trail site " + UUID.randomUUID(), "America/Los_Angeles");
    UUID room = scheduler.room(site, "Trail room");
    UUID blocked =
        scheduler.slot(
            rooms.clinician(), rooms.injectionRoom(), "INJECTION", handBookedDay, "16:00", 30);
    Reply template = scheduler.post("/api/slots/template", template(handBookedDay.plusDays(1)));
    assertThat(scheduler.postEmpty("/api/slots/" + blocked + "/block").status()).isEqualTo(200);
    assertThat(scheduler.postEmpty("/api/slots/" + blocked + "/free").status()).isEqualTo(200);
    UUID referral = cases.waitlisted(SchedulingFixtures.approval(CellSource.BONE_MARROW));
    JsonNode booked = book(referral, handBookedDay);
    UUID pair = UUID.fromString(booked.get("id").asString());
    Reply moved =
        scheduler.post(
            "/api/appointment-pairs/" + pair + "/reschedule", slotsOn(handBookedDay.plusDays(2)));
    Reply cancelled =
        scheduler.post(
            "/api/appointment-pairs/" + pair + "/cancellation", Map.of("reason", "moved"));

    assertThat(List.of(template.status(), moved.status(), cancelled.status()))
        .containsExactly(201, 200, 200);
    List<UUID> templateSlots = new ArrayList<>();
    template.body().get("slotIds").forEach(id -> templateSlots.add(UUID.fromString(id.asString())));
    assertThat(templateSlots).hasSize(2);
    List<Map<String, Object>> rows = rowsAfter(last);
    assertThat(rows)
        .extracting(
            row ->
                row.get("action")
                    + " "
                    + row.get("resource_type")
                    + " "
                    + row.get("resource_id")
                    + " "
                    + row.get("referral_id"))
        .containsSubsequence(
            "CLINICIAN_ADD clinician " + clinician + " null",
            "SITE_ADD site " + site + " null",
            "ROOM_ADD room " + room + " null",
            "SLOT_ADD slot " + blocked + " null",
            "SLOT_ADD slot " + templateSlots.get(0) + " null",
            "SLOT_ADD slot " + templateSlots.get(1) + " null",
            "SLOT_BLOCK slot " + blocked + " null",
            "SLOT_FREE slot " + blocked + " null",
            "PAIR_BOOK appointment-pair " + pair + " " + referral,
            "PAIR_RESCHEDULE appointment-pair " + pair + " " + referral,
            "PAIR_CANCEL appointment-pair " + pair + " " + referral);
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("subject")).isEqualTo("scheduler-1");
              assertThat(row.get("roles")).isEqualTo("SCHEDULER");
              assertThat(row.get("outcome")).isEqualTo("ALLOWED");
              assertThat((String) row.get("remote_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            });
  }

  @Test
  void attendanceIsARowAboutEachAppointmentAndItsReferral() {
    UUID referral = cases.waitlisted(SchedulingFixtures.approval(CellSource.BONE_MARROW));
    JsonNode pair = book(referral, handBookedDay);
    UUID harvest = UUID.fromString(pair.get("appointments").get(0).get("id").asString());
    UUID injection = UUID.fromString(pair.get("appointments").get(1).get("id").asString());
    MovableClock.SHARED.set(
        Instant.parse(pair.get("appointments").get(1).get("startsAt").asString()));
    long last = lastRow();

    assertThat(scheduler.postEmpty("/api/appointments/" + harvest + "/completion").status())
        .isEqualTo(200);
    assertThat(scheduler.postEmpty("/api/appointments/" + injection + "/no-show").status())
        .isEqualTo(200);

    assertThat(rowsAfter(last))
        .extracting(
            row ->
                row.get("subject")
                    + " "
                    + row.get("action")
                    + " "
                    + row.get("resource_type")
                    + " "
                    + row.get("resource_id")
                    + " "
                    + row.get("referral_id")
                    + " "
                    + row.get("outcome"))
        .containsExactly(
            "scheduler-1 APPOINTMENT_COMPLETE appointment " + harvest + " " + referral + " ALLOWED",
            "scheduler-1 APPOINTMENT_NO_SHOW appointment "
                + injection
                + " "
                + referral
                + " ALLOWED");
  }

  @Test
  void readsOfACasesAppointmentsAreRowsNamingTheReaderAndTheReferralsDisclosed() {
    UUID booked = cases.waitlisted(SchedulingFixtures.approval(CellSource.BONE_MARROW));
    UUID pair = UUID.fromString(book(booked, handBookedDay).get("id").asString());
    UUID waiting = cases.waitlisted(SchedulingFixtures.approval(CellSource.ADIPOSE));
    SchedulerApi admin = new SchedulerApi(port, TestTokens.admin());
    long last = lastRow();

    for (String path :
        List.of(
            "/api/appointment-pairs?referralId=" + booked,
            "/api/appointment-pairs/" + pair,
            "/api/scheduling-cases/" + booked,
            "/api/waitlist",
            "/api/slots?from="
                + handBookedDay
                + "&to="
                + handBookedDay
                + "&clinicianId="
                + rooms.clinician())) {
      assertThat(admin.get(path).status()).as(path).isEqualTo(200);
    }

    List<Map<String, Object>> rows = rowsAfter(last);
    assertThat(rows)
        .extracting(row -> row.get("action") + " " + row.get("referral_id"))
        .containsExactly(
            "PAIRS_READ " + booked,
            "PAIR_READ " + booked,
            "CASE_READ " + booked,
            "WAITLIST_READ null",
            "SLOTS_LIST null");
    assertThat(rows.get(3).get("disclosed")).asString().contains(waiting.toString());
    assertThat(rows.get(4).get("disclosed")).isEqualTo(booked.toString());
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("subject")).isEqualTo("admin-1");
              assertThat(row.get("roles")).isEqualTo("ADMIN");
              assertThat(row.get("outcome")).isEqualTo("ALLOWED");
            });
  }

  @Test
  void aRefusedChangeAndAMissingRecordAreRowsThatSaySo() {
    UUID referral = cases.waitlisted(SchedulingFixtures.approval(CellSource.BONE_MARROW));
    JsonNode booked = book(referral, handBookedDay);
    UUID pair = UUID.fromString(booked.get("id").asString());
    UUID other = cases.waitlisted(SchedulingFixtures.approval(CellSource.BONE_MARROW));
    UUID unknown = UUID.randomUUID();
    long last = lastRow();

    Reply taken =
        scheduler.post(
            "/api/appointment-pairs",
            Map.of(
                "referralId",
                other.toString(),
                "harvestSlotId",
                booked.get("appointments").get(0).get("slotId").asString(),
                "injectionSlotId",
                booked.get("appointments").get(1).get("slotId").asString()));
    Reply missing = scheduler.get("/api/appointment-pairs/" + unknown);

    assertThat(List.of(taken.status(), missing.status())).containsExactly(409, 404);
    assertThat(rowsAfter(last))
        .extracting(
            row ->
                row.get("action")
                    + " "
                    + row.get("resource_id")
                    + " "
                    + row.get("referral_id")
                    + " "
                    + row.get("outcome"))
        .containsExactly(
            "PAIR_BOOK null " + other + " REFUSED", "PAIR_READ " + unknown + " null NOT_FOUND");
    assertThat(scheduler.get("/api/appointment-pairs/" + pair).status()).isEqualTo(200);
  }

  @Test
  void aBookingTheServiceMakesByItselfIsNoOnesRow() {
    UUID referral = cases.waitlisted(SchedulingFixtures.approval(CellSource.BONE_MARROW));
    LocalDate day = earliestDay(clinic).plusDays(3);
    long last = lastRow();

    // Slots the waitlist takes at once: a scheduler added them, the service booked them.
    UUID harvest =
        scheduler.slot(rooms.clinician(), rooms.harvestRoom(), "HARVEST", day, "08:00", 45);
    UUID injection =
        scheduler.slot(rooms.clinician(), rooms.injectionRoom(), "INJECTION", day, "09:15", 30);

    // Read from the table, not the API: reading the pairs through the API is a person's read, and
    // audited.
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from appointment_pair where referral_id = ?")
                        .param(referral)
                        .query(Long.class)
                        .single()
                    == 1);
    assertThat(rowsAfter(last))
        .extracting(
            row -> row.get("subject") + " " + row.get("action") + " " + row.get("resource_id"))
        .containsExactly("scheduler-1 SLOT_ADD " + harvest, "scheduler-1 SLOT_ADD " + injection);
  }

  @Test
  void theServicesRoleCannotChangeOrRemoveARowNorTheTableNorItsTrigger() {
    scheduler.clinician("Dr Tamper");
    long last = lastRow();
    Map<String, Object> before =
        jdbc.sql("select * from audit_event where id = ?").param(last).query().singleRow();

    assertThatThrownBy(
            () ->
                jdbc.sql("update audit_event set subject = 'someone-else' where id = ?")
                    .param(last)
                    .update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> jdbc.sql("alter table audit_event disable trigger all").update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("must be owner");

    assertThat(PrivilegeProbe.powersOf(dataSource)).isEmpty();
    assertThat(jdbc.sql("select * from audit_event where id = ?").param(last).query().singleRow())
        .isEqualTo(before);
  }

  /**
   * Books a waitlisted case by hand onto a new harvest and injection slot on {@code day}; the
   * pair's body.
   */
  private JsonNode book(UUID referral, LocalDate day) {
    Map<String, Object> body = new LinkedHashMap<>(slotsOn(day));
    body.put("referralId", referral.toString());
    Reply reply = scheduler.post("/api/appointment-pairs", body);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    return reply.body();
  }

  private Map<String, Object> slotsOn(LocalDate day) {
    return Map.of(
        "harvestSlotId",
            scheduler
                .slot(rooms.clinician(), rooms.harvestRoom(), "HARVEST", day, "08:00", 45)
                .toString(),
        "injectionSlotId",
            scheduler
                .slot(rooms.clinician(), rooms.injectionRoom(), "INJECTION", day, "09:15", 30)
                .toString());
  }

  private Map<String, Object> template(LocalDate day) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clinicianId", rooms.clinician().toString());
    body.put("roomId", rooms.injectionRoom().toString());
    body.put("kind", "INJECTION");
    body.put("weekdays", List.of(day.getDayOfWeek().toString()));
    body.put("startTime", "13:00");
    body.put("endTime", "14:00");
    body.put("durationMinutes", 30);
    body.put("from", day.toString());
    body.put("to", day.toString());
    return body;
  }

  private long lastRow() {
    return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
  }

  private List<Map<String, Object>> rowsAfter(long id) {
    return jdbc.sql(
            """
            select subject, roles, action, resource_type, resource_id, referral_id,
                   array_to_string(disclosed_referral_ids, ',') as disclosed, outcome, remote_address
            from audit_event where id > ? order by id
            """)
        .param(id)
        .query()
        .listOfRows();
  }
}
