package org.cellpath.scheduling.selfservice;

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
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairConfirmed;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ConfirmedBy;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.SmsConfirmationReceived;
import org.cellpath.contracts.Topics;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A patient's link to their pair, against the real broker and PostgreSQL: confirm (once per
 * sequence), move to an offered pair, cancel (the slots going to the waitlist), the calendar file;
 * links that open nothing (expired, forged, for another page, of another referral's pair) change
 * nothing; a link used too often gets 429; a YES by SMS confirms the pair once.
 */
@IntegrationTest
@Import(MovableClock.Config.class)
class PatientSelfServiceIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PAGE = "/api/self-service/appointments";
  private static final String OTHER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final MovableClock clock = MovableClock.SHARED;

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;

  private final PatientLinks links = PatientLinks.local(clock);
  private SchedulerApi api;
  private RestTestClient http;
  private TopicReader schedulingEvents;
  private UUID clinician;
  private UUID harvestRoom;
  private UUID injectionRoom;
  private LocalDate procedureDay;

  @BeforeEach
  void freshClinic() {
    SchedulingFixtures.clearBookings(jdbc);
    api = SchedulerApi.asScheduler(port);
    http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    schedulingEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.SCHEDULING_EVENTS));
    SchedulerApi.TestClinic rooms = api.clinic("Dr Selfservice", "Harborview");
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
  void theLinkShowsThePairAndConfirmingItAnnouncesItOnceHoweverOftenTheLinkIsUsed() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    String token = linkTo(pair);

    Reply page = get(PAGE, token);
    assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
    assertThat(page.headers().getCacheControl()).contains("no-store");
    assertThat(page.body().get("status").asString()).isEqualTo("BOOKED");
    assertThat(page.body().get("confirmed").asBoolean()).isFalse();
    assertThat(page.body().get("canConfirm").asBoolean()).isTrue();
    assertThat(page.body().get("canReschedule").asBoolean()).isTrue();
    assertThat(page.body().get("canCancel").asBoolean()).isTrue();
    assertThat(page.body().get("patient").get("givenName").asString())
        .isEqualTo(SchedulingFixtures.PATIENT_GIVEN_NAME);
    assertThat(page.body().get("patient").get("language").asString()).isEqualTo("en");
    assertThat(page.bodyText())
        .as("nothing clinical or for reaching the patient")
        .doesNotContain(SchedulingFixtures.PATIENT_FAMILY_NAME)
        .doesNotContain(SchedulingFixtures.PATIENT_PHONE)
        .doesNotContain(SchedulingFixtures.PATIENT_EMAIL)
        .doesNotContain("BONE_MARROW");
    JsonNode first = page.body().get("appointments").get(0);
    assertThat(first.get("kind").asString()).isEqualTo("HARVEST");
    assertThat(first.get("clinicianName").asString()).isEqualTo("Dr Selfservice");
    assertThat(first.get("siteName").asString()).startsWith("Harborview");
    assertThat(first.get("roomName").asString()).isEqualTo("Procedure room");
    assertThat(first.get("timeZone").asString()).isEqualTo("America/Los_Angeles");

    Reply confirmed = post(PAGE + "/confirmation", token, null);
    assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
    assertThat(confirmed.body().get("confirmed").asBoolean()).isTrue();
    Reply again = post(PAGE + "/confirmation", token, null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("confirmed").asBoolean()).isTrue();

    AppointmentPairConfirmed event =
        awaitEvent(approved.referralId(), AppointmentPairConfirmed.class);
    assertThat(event.pairId().toString()).isEqualTo(pair.get("id").asString());
    assertThat(event.sequence()).isZero();
    assertThat(event.confirmedBy()).isEqualTo(ConfirmedBy.PATIENT_LINK);
    assertThat(outboxEvents(approved.referralId(), "AppointmentPairConfirmed"))
        .as("a second confirmation of the same times raises nothing")
        .isEqualTo(1);
    assertThat(confirmation(pair)).containsEntry("confirmed_by", "PATIENT_LINK");

    Reply calendar = getText(PAGE + "/calendar", token);
    assertThat(calendar.status()).isEqualTo(200);
    assertThat(
            calendar.headers().getContentType().isCompatibleWith(new MediaType("text", "calendar")))
        .isTrue();
    String file = calendar.headers().getFirst("X-Test-Body");
    assertThat(file).contains("SEQUENCE:0").contains("METHOD:REQUEST");
    for (JsonNode appointment : pair.get("appointments")) {
      assertThat(file).contains("UID:" + appointment.get("id").asString() + "@cellpath");
    }
    assertThat(file).doesNotContain(SchedulingFixtures.PATIENT_FAMILY_NAME);

    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action = 'PATIENT_LINK_CONFIRM' and resource_id = ? and outcome = 'ALLOWED'")
                .param(pair.get("id").asString())
                .query(Long.class)
                .single())
        .isEqualTo(2);
    assertThat(
            jdbc.sql("select count(*) from audit_event where resource_id like ? or subject like ?")
                .param("%" + token.substring(0, 20) + "%")
                .param("%" + token.substring(0, 20) + "%")
                .query(Long.class)
                .single())
        .as("the token is in no audit row")
        .isZero();
  }

  @Test
  void linksThatOpenNothingAreRefusedAlikeAndChangeNothing() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    ReferralApproved other = bookedCase(CellSource.BONE_MARROW);
    UUID pairId = UUID.fromString(pair.get("id").asString());
    Instant start = Instant.parse(pair.get("appointments").get(0).get("startsAt").asString());

    String valid = linkTo(pair);
    String expired =
        links.issue(
            new LinkGrant(
                LinkPurpose.APPOINTMENTS,
                pairId,
                approved.referralId(),
                clock.instant().minusSeconds(60)));
    char changed = valid.charAt(40) == 'A' ? 'B' : 'A';
    String forged = valid.substring(0, 40) + changed + valid.substring(41);
    String otherKey =
        PatientLinks.fromSettings(Map.of(PatientLinks.KEY, OTHER_KEY)::get, clock)
            .issue(
                new LinkGrant(
                    LinkPurpose.APPOINTMENTS,
                    pairId,
                    approved.referralId(),
                    start.minusSeconds(1)));
    String offer =
        links.issue(
            new LinkGrant(
                LinkPurpose.WAITLIST_OFFER, pairId, approved.referralId(), start.minusSeconds(1)));
    String otherReferral =
        links.issue(
            new LinkGrant(
                LinkPurpose.APPOINTMENTS, pairId, other.referralId(), start.minusSeconds(1)));

    Reply gone = post(PAGE + "/confirmation", expired, null);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.body().get("type").asString()).endsWith("/problems/link-expired");
    for (String refused : List.of(forged, otherKey, offer, otherReferral, "not-a-token")) {
      Reply confirm = post(PAGE + "/confirmation", refused, null);
      assertThat(confirm.status()).as(refused).isEqualTo(404);
      assertThat(confirm.body().get("type").asString()).endsWith("/problems/link-invalid");
      assertThat(confirm.bodyText()).doesNotContain(pairId.toString()).doesNotContain(refused);
      Reply cancel = post(PAGE + "/cancellation", refused, Map.of("reason", "COST"));
      assertThat(cancel.status()).isEqualTo(404);
      assertThat(get(PAGE, refused).status()).isEqualTo(404);
    }
    Reply noHeader =
        reply(http.get().uri(PAGE).exchange().expectBody(JsonNode.class).returnResult());
    assertThat(noHeader.status()).isEqualTo(400);

    assertThat(confirmation(pair)).isEmpty();
    assertThat(outboxEvents(approved.referralId(), "AppointmentPairConfirmed")).isZero();
    assertThat(outboxEvents(approved.referralId(), "AppointmentPairCancelled")).isZero();
    assertThat(api.pairsOf(approved.referralId()))
        .singleElement()
        .satisfies(p -> assertThat(p.get("status").asString()).isEqualTo("BOOKED"));
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action like 'PATIENT_LINK_%' and outcome = 'DENIED'")
                .query(Long.class)
                .single())
        .isGreaterThanOrEqualTo(15);
    assertThat(get(PAGE, valid).status()).as("the genuine link still works").isEqualTo(200);
  }

  @Test
  void thePatientMovesThePairAsOneToAnOfferedPairAndAChoiceNotOfferedIsRefused() {
    UUID firstHarvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID firstInjection =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    UUID laterHarvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "13:00", 45);
    UUID laterInjection =
        api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "14:15", 30);
    // Too close to the harvest (the gap rule): never offered, and refused when asked for.
    UUID tooSoon = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "13:45", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    String token = linkTo(pair);
    assertThat(post(PAGE + "/confirmation", token, null).status()).isEqualTo(200);

    Reply options = get(PAGE + "/options", token);
    assertThat(options.status()).as("%s", options.body()).isEqualTo(200);
    List<JsonNode> offered = StreamSupport.stream(options.body().spliterator(), false).toList();
    assertThat(offered)
        .extracting(
            o -> o.get("harvestSlotId").asString() + "/" + o.get("injectionSlotId").asString())
        .contains(laterHarvest + "/" + laterInjection)
        .doesNotContain(firstHarvest + "/" + firstInjection)
        .noneMatch(choice -> choice.endsWith(tooSoon.toString()));
    assertThat(offered.get(0).get("appointments")).hasSize(2);

    Reply notOffered = post(PAGE + "/reschedule", token, choice(laterHarvest, tooSoon));
    assertThat(notOffered.status()).isEqualTo(409);
    assertThat(notOffered.body().get("detail").asString()).contains("times offered");
    Reply missing = post(PAGE + "/reschedule", token, Map.of("harvestSlotId", laterHarvest));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.bodyText()).contains("injectionSlotId");
    Reply wrongType =
        post(
            PAGE + "/reschedule",
            token,
            Map.of("harvestSlotId", 5, "injectionSlotId", laterInjection.toString()));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.bodyText()).contains("harvestSlotId");
    Reply noHarvest = post(PAGE + "/reschedule", token, Map.of("injectionSlotId", laterInjection));
    assertThat(noHarvest.status()).isEqualTo(400);
    assertThat(noHarvest.bodyText()).contains("harvestSlotId");
    assertThat(api.pairsOf(approved.referralId()).get(0).get("sequence").asInt()).isZero();

    Reply moved = post(PAGE + "/reschedule", token, choice(laterHarvest, laterInjection));
    assertThat(moved.status()).as("%s", moved.body()).isEqualTo(200);
    assertThat(moved.body().get("sequence").asInt()).isEqualTo(1);
    assertThat(moved.body().get("confirmed").asBoolean())
        .as("the new times are not confirmed yet")
        .isFalse();
    assertThat(moved.body().get("canConfirm").asBoolean()).isTrue();
    JsonNode now = api.pairsOf(approved.referralId()).get(0);
    assertThat(now.get("appointments"))
        .extracting(a -> a.get("slotId").asString())
        .containsExactly(laterHarvest.toString(), laterInjection.toString());
    assertThat(api.slot(firstHarvest).get("status").asString()).isEqualTo("FREE");
    assertThat(api.slot(firstInjection).get("status").asString()).isEqualTo("FREE");
    AppointmentPairRescheduled rescheduled =
        awaitEvent(approved.referralId(), AppointmentPairRescheduled.class);
    assertThat(rescheduled.sequence()).isEqualTo(1);
    assertThat(getText(PAGE + "/calendar", token).headers().getFirst("X-Test-Body"))
        .contains("SEQUENCE:1");
  }

  @Test
  void aCancellationWithAReasonFreesTheSlotsForTheWaitlistedCase() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved holder = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(holder.referralId());
    String token = linkTo(pair);
    ReferralApproved waiting = approval(CellSource.BONE_MARROW);
    publish(waiting, "/cellpath/referral-service");
    awaitEvent(waiting.referralId(), CaseWaitlisted.class);

    Reply badReason = post(PAGE + "/cancellation", token, Map.of("reason", "BORED"));
    assertThat(badReason.status()).isEqualTo(400);
    assertThat(badReason.bodyText()).contains("reason");
    Reply longNote =
        post(PAGE + "/cancellation", token, Map.of("reason", "OTHER", "note", "x".repeat(301)));
    assertThat(longNote.status()).isEqualTo(400);
    assertThat(longNote.bodyText()).contains("note");
    assertThat(api.pairsOf(holder.referralId()).get(0).get("status").asString())
        .isEqualTo("BOOKED");

    Reply cancelled =
        post(
            PAGE + "/cancellation",
            token,
            Map.of("reason", "TRAVEL_OR_TRANSPORT", "note", "No ride that day"));
    assertThat(cancelled.status()).as("%s", cancelled.body()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
    assertThat(cancelled.body().get("canCancel").asBoolean()).isFalse();
    assertThat(
            jdbc.sql("select cancel_reason from appointment_pair where id = ?")
                .param(UUID.fromString(pair.get("id").asString()))
                .query(String.class)
                .single())
        .contains("TRAVEL_OR_TRANSPORT")
        .contains("No ride that day");

    awaitBookedPair(waiting.referralId());
    awaitEvent(waiting.referralId(), AppointmentPairBooked.class);
    Reply confirmLate = post(PAGE + "/confirmation", token, null);
    assertThat(confirmLate.status()).isEqualTo(409);
    assertThat(confirmLate.body().get("detail").asString()).contains("no longer booked");
    assertThat(get(PAGE, token).body().get("status").asString()).isEqualTo("CANCELLED");
  }

  @Test
  void aLinkUsedTooOftenIsAnsweredTooManyRequestsWithRetryAfter() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    String token = linkTo(awaitBookedPair(approved.referralId()));
    for (int i = 0; i < 30; i++) {
      assertThat(get(PAGE, token).status()).isEqualTo(200);
    }
    Reply limited = get(PAGE, token);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat(post(PAGE + "/confirmation", token, null).status()).isEqualTo(429);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action like 'PATIENT_LINK_%' and outcome = 'RATE_LIMITED'")
                .query(Long.class)
                .single())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aYesBySmsConfirmsThePairOnceEvenWhenDeliveredTwice() {
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    ReferralApproved approved = bookedCase(CellSource.BONE_MARROW);
    JsonNode pair = awaitBookedPair(approved.referralId());
    SmsConfirmationReceived yes =
        new SmsConfirmationReceived(
            UUID.randomUUID(),
            approved.referralId(),
            Instant.now(),
            UUID.fromString(pair.get("id").asString()));

    publish(yes, "/cellpath/notification-service");
    publish(yes, "/cellpath/notification-service");
    publish(
        new SmsConfirmationReceived(
            UUID.randomUUID(), approved.referralId(), Instant.now(), yes.pairId()),
        "/cellpath/notification-service");

    AppointmentPairConfirmed event =
        awaitEvent(approved.referralId(), AppointmentPairConfirmed.class);
    assertThat(event.confirmedBy()).isEqualTo(ConfirmedBy.SMS_REPLY);
    assertThat(confirmation(pair)).containsEntry("confirmed_by", "SMS_REPLY");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .until(() -> outboxEvents(approved.referralId(), "AppointmentPairConfirmed") == 1);
    assertThat(get(PAGE, linkTo(pair)).body().get("confirmed").asBoolean()).isTrue();

    // A YES that arrives after a scheduler cancelled the pair is skipped, not dead-lettered.
    assertThat(
            api.post(
                    "/api/appointment-pairs/" + yes.pairId() + "/cancellation",
                    Map.of("reason", "clinic closed"))
                .status())
        .isEqualTo(200);
    SmsConfirmationReceived late =
        new SmsConfirmationReceived(
            UUID.randomUUID(), approved.referralId(), Instant.now(), yes.pairId());
    publish(late, "/cellpath/notification-service");
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from inbox_event where event_id = ?")
                        .param(late.eventId())
                        .query(Long.class)
                        .single()
                    == 1);
    assertThat(outboxEvents(approved.referralId(), "AppointmentPairConfirmed")).isEqualTo(1);
    assertThat(api.pairsOf(approved.referralId()).get(0).get("status").asString())
        .isEqualTo("CANCELLED");
  }

  private String linkTo(JsonNode pair) {
    UUID pairId = UUID.fromString(pair.get("id").asString());
    UUID referralId = UUID.fromString(pair.get("referralId").asString());
    Instant start = Instant.parse(pair.get("appointments").get(0).get("startsAt").asString());
    return links.issue(
        new LinkGrant(LinkPurpose.APPOINTMENTS, pairId, referralId, links.expiryBefore(start)));
  }

  private static Map<String, Object> choice(UUID harvest, UUID injection) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("harvestSlotId", harvest.toString());
    body.put("injectionSlotId", injection.toString());
    return body;
  }

  private Reply get(String path, String token) {
    return reply(
        http.get()
            .uri(path)
            .header("Patient-Link", token)
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult());
  }

  /** A text answer, its body put in the X-Test-Body header of the reply. */
  private Reply getText(String path, String token) {
    var result =
        http.get()
            .uri(path)
            .header("Patient-Link", token)
            .exchange()
            .expectBody(String.class)
            .returnResult();
    HttpHeaders headers = new HttpHeaders();
    headers.addAll(result.getResponseHeaders());
    headers.set("X-Test-Body", result.getResponseBody());
    return new Reply(result.getStatus().value(), headers, null);
  }

  private Reply post(String path, String token, Object body) {
    RestTestClient.RequestBodySpec request = http.post().uri(path).header("Patient-Link", token);
    RestTestClient.RequestHeadersSpec<?> ready =
        body == null ? request : request.contentType(MediaType.APPLICATION_JSON).body(body);
    return reply(ready.exchange().expectBody(JsonNode.class).returnResult());
  }

  private static Reply reply(
      org.springframework.test.web.servlet.client.EntityExchangeResult<JsonNode> result) {
    return new Reply(
        result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
  }

  private Map<String, Object> confirmation(JsonNode pair) {
    return jdbc
        .sql(
            "select confirmed_sequence, confirmed_by from appointment_pair where id = ? and confirmed_at is not null")
        .param(UUID.fromString(pair.get("id").asString()))
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(Map.of());
  }

  private ReferralApproved bookedCase(CellSource source) {
    ReferralApproved approved = approval(source);
    publish(approved, "/cellpath/referral-service");
    awaitBookedPair(approved.referralId());
    return approved;
  }

  private long outboxEvents(UUID referralId, String type) {
    return jdbc.sql("select count(*) from outbox_event where message_key = ? and event_type = ?")
        .param(referralId.toString())
        .param(type)
        .query(Long.class)
        .single();
  }

  private void publish(CellPathEvent event, String source) {
    try {
      cellpathKafkaTemplate.send(EventRecords.of(event, messaging, source)).get();
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
    return new EventJson().read(record.value(), type);
  }
}
