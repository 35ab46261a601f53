package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.booking.WaitlistedCases;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Manual booking is limited per scheduler (the token's subject): with two attempts an hour, a
 * scheduler's third attempt is refused with 429 and Retry-After and books nothing, whatever became
 * of the first two, while another scheduler still books. The same context runs the clinic that puts
 * cases a scheduler cancelled back on the waitlist (the setting's default is off, which every other
 * test runs with).
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "cellpath.scheduling.manual-booking-rate.permits=2",
      "cellpath.scheduling.manual-booking-rate.period=1h",
      "cellpath.scheduling.cancelled-cases-rejoin-waitlist=true"
    })
class ManualBookingRateLimitIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired ApplicationContext context;

  @Test
  void aSchedulersThirdBookingAttemptInThePeriodIsRefusedWhileAnotherSchedulerStillBooks() {
    SchedulingFixtures.clearBookings(jdbc);
    SchedulerApi first = SchedulerApi.asScheduler(port);
    SchedulerApi second =
        new SchedulerApi(port, TestTokens.issuer().token("scheduler-2", null, "SCHEDULER"));
    WaitlistedCases cases = new WaitlistedCases(context);
    UUID clinician = first.clinician("Dr Busy");
    UUID site = first.site("Rate limit " + UUID.randomUUID(), "America/Los_Angeles");
    UUID harvestRoom = first.room(site, "Procedure room");
    UUID injectionRoom = first.room(site, "Injection room");
    // Past the automatic search's horizon: only schedulers book these slots.
    LocalDate day = earliestDay(clinic).plusDays(70);
    UUID[] monday = {
      first.slot(clinician, harvestRoom, "HARVEST", day, "08:00", 45),
      first.slot(clinician, injectionRoom, "INJECTION", day, "09:15", 30)
    };
    UUID[] tuesday = {
      first.slot(clinician, harvestRoom, "HARVEST", day.plusDays(1), "08:00", 45),
      first.slot(clinician, injectionRoom, "INJECTION", day.plusDays(1), "09:15", 30)
    };
    UUID booked = cases.waitlisted(approval(CellSource.BONE_MARROW));
    UUID waiting = cases.waitlisted(approval(CellSource.BONE_MARROW));

    Reply firstAttempt = first.post("/api/appointment-pairs", booking(booked, monday));
    Reply secondAttempt = first.post("/api/appointment-pairs", booking(UUID.randomUUID(), tuesday));
    Reply thirdAttempt = first.post("/api/appointment-pairs", booking(waiting, tuesday));

    assertThat(firstAttempt.status()).as("%s", firstAttempt.body()).isEqualTo(201);
    assertThat(secondAttempt.status()).as("an attempt counts whatever its outcome").isEqualTo(404);
    assertThat(thirdAttempt.status()).as("%s", thirdAttempt.body()).isEqualTo(429);
    assertThat(Long.parseLong(thirdAttempt.headers().getFirst(HttpHeaders.RETRY_AFTER)))
        .isBetween(1L, 3600L);
    assertThat(thirdAttempt.body().get("status").asInt()).isEqualTo(429);
    assertThat(thirdAttempt.bodyText())
        .doesNotContain(
            SchedulingFixtures.PATIENT_GIVEN_NAME,
            SchedulingFixtures.PATIENT_FAMILY_NAME,
            SchedulingFixtures.PATIENT_EMAIL,
            SchedulingFixtures.PATIENT_PHONE);
    assertThat(first.get("/api/scheduling-cases/" + waiting).body().get("status").asString())
        .as("the refused attempt booked nothing")
        .isEqualTo("WAITLISTED");
    assertThat(first.slot(tuesday[0]).get("status").asString()).isEqualTo("FREE");
    assertThat(first.get("/api/waitlist").status()).as("only booking is limited").isEqualTo(200);

    Reply byAnotherScheduler = second.post("/api/appointment-pairs", booking(waiting, tuesday));

    assertThat(byAnotherScheduler.status()).as("%s", byAnotherScheduler.body()).isEqualTo(201);
    assertThat(first.get("/api/scheduling-cases/" + waiting).body().get("status").asString())
        .isEqualTo("BOOKED");
    assertThat(first.post("/api/appointment-pairs", booking(UUID.randomUUID(), tuesday)).status())
        .as("the first scheduler is still limited")
        .isEqualTo(429);
  }

  @Test
  void withTheSettingOnACaseWhosePairASchedulerCancelledRejoinsTheWaitlistAndAFreedPairBooksIt() {
    SchedulingFixtures.clearBookings(jdbc);
    // A subject of its own: this test's bookings count against nobody else's limit.
    SchedulerApi api =
        new SchedulerApi(port, TestTokens.issuer().token("scheduler-rejoin", null, "SCHEDULER"));
    WaitlistedCases cases = new WaitlistedCases(context);
    UUID clinician = api.clinician("Dr Rejoin");
    UUID site = api.site("Rejoin " + UUID.randomUUID(), "America/Los_Angeles");
    UUID harvestRoom = api.room(site, "Procedure room");
    UUID injectionRoom = api.room(site, "Injection room");
    UUID holder = cases.waitlisted(approval(CellSource.BONE_MARROW));
    LocalDate soon = earliestDay(clinic).plusDays(2);
    UUID[] near = {
      api.slot(clinician, harvestRoom, "HARVEST", soon, "08:00", 45),
      api.slot(clinician, injectionRoom, "INJECTION", soon, "09:15", 30)
    };
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status(api, holder)).isEqualTo("BOOKED"));
    String holderPair = api.slot(near[0]).get("pairId").asString();
    // Past the automatic search's horizon: the waitlist never books these back.
    LocalDate far = earliestDay(clinic).plusDays(70);
    UUID[] distant = {
      api.slot(clinician, harvestRoom, "HARVEST", far, "08:00", 45),
      api.slot(clinician, injectionRoom, "INJECTION", far, "09:15", 30)
    };
    UUID cancelled = cases.waitlisted(approval(CellSource.BONE_MARROW));
    Reply heldFar = api.post("/api/appointment-pairs", booking(cancelled, distant));
    assertThat(heldFar.status()).as("%s", heldFar.body()).isEqualTo(201);

    Reply cancel =
        api.post(
            "/api/appointment-pairs/" + heldFar.body().get("id").asString() + "/cancellation",
            Map.of("reason", "clinician away"));

    assertThat(cancel.status()).as("%s", cancel.body()).isEqualTo(200);
    assertThat(status(api, cancelled)).isEqualTo("WAITLISTED");
    assertThat(outboxEvents(cancelled, "CaseWaitlisted")).isEqualTo(1);
    assertThat(api.slot(distant[0]).get("status").asString()).isEqualTo("FREE");

    Reply freeNear =
        api.post(
            "/api/appointment-pairs/" + holderPair + "/cancellation",
            Map.of("reason", "patient asked"));

    assertThat(freeNear.status()).as("%s", freeNear.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status(api, cancelled)).isEqualTo("BOOKED"));
    assertThat(api.slot(near[1]).get("referralId").asString()).isEqualTo(cancelled.toString());
    assertThat(status(api, holder))
        .as("the holder rejoined too, behind the case that waited longer")
        .isEqualTo("WAITLISTED");
  }

  private static String status(SchedulerApi api, UUID referralId) {
    return api.get("/api/scheduling-cases/" + referralId).body().get("status").asString();
  }

  private long outboxEvents(UUID referralId, String type) {
    return jdbc.sql("select count(*) from outbox_event where message_key = ? and event_type = ?")
        .param(referralId.toString())
        .param(type)
        .query(Long.class)
        .single();
  }

  private static Map<String, Object> booking(UUID referralId, UUID[] slots) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("referralId", referralId.toString());
    body.put("harvestSlotId", slots[0].toString());
    body.put("injectionSlotId", slots[1].toString());
    return body;
  }
}
