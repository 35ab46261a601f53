package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.OfferEnd;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.Topics;
import org.cellpath.contracts.WaitlistOfferEnded;
import org.cellpath.contracts.WaitlistOfferMade;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Waitlist offers (docs/domain.md §8.3), against the real broker and PostgreSQL: in OFFERS mode the
 * oldest fitting case is offered the pair, which holds its slots; the patient's link accepts it
 * (booked, once however often) or declines it (the next case is offered it, the decliner keeps its
 * place and is not offered it again); the hold's end expires it, and an accept racing the expiry is
 * decided once. Links that are forged, of another purpose or expired change nothing. Runs in the
 * self-service IT's context (same clock, same configuration).
 */
@IntegrationTest
@Import(MovableClock.Config.class)
class WaitlistOffersIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String OFFER = "/api/self-service/offer";
  private static final String SETTINGS = "/api/clinic/waitlist-settings";
  private static final MovableClock clock = MovableClock.SHARED;

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired AppointmentPairs pairs;
  @Autowired WaitlistOffers offers;
  @Autowired ExpiringOffers expiry;
  @Autowired TransactionTemplate transactions;

  private final PatientLinks links = PatientLinks.local(clock);
  private SchedulerApi api;
  private RestTestClient http;
  private TopicReader schedulingEvents;
  private UUID clinician;
  private UUID harvestRoom;
  private UUID injectionRoom;
  private LocalDate procedureDay;

  @BeforeEach
  void offersMode() {
    SchedulingFixtures.clearBookings(jdbc);
    api = SchedulerApi.asScheduler(port);
    http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    schedulingEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.SCHEDULING_EVENTS));
    SchedulerApi.TestClinic rooms = api.clinic("Dr Offerman", "Offer Hill");
    clinician = rooms.clinician();
    harvestRoom = rooms.harvestRoom();
    injectionRoom = rooms.injectionRoom();
    procedureDay = earliestDay(clinic).plusDays(2);
    Reply changed =
        api.send(HttpMethod.PUT, SETTINGS, Map.of("mode", "OFFERS", "offerHold", "PT4H"));
    assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
  }

  @AfterEach
  void backToAutomatic() {
    clock.reset();
    // Other test classes share the database: they expect automatic booking.
    jdbc.sql("update clinic_waitlist_setting set mode = 'AUTOMATIC', offer_hold_seconds = 14400")
        .update();
    schedulingEvents.close();
  }

  @Test
  void theSettingIsReadAndChangedBySchedulersAndBadValuesAreNamed() {
    Reply read = api.get(SETTINGS);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("mode").asString()).isEqualTo("OFFERS");
    assertThat(read.body().get("offerHold").asString()).isEqualTo("PT4H");

    Reply tooShort =
        api.send(HttpMethod.PUT, SETTINGS, Map.of("mode", "OFFERS", "offerHold", "PT30S"));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.bodyText()).contains("offerHold");
    Reply tooLong =
        api.send(HttpMethod.PUT, SETTINGS, Map.of("mode", "OFFERS", "offerHold", "PT73H"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.bodyText()).contains("offerHold");
    Reply wrongType = api.send(HttpMethod.PUT, SETTINGS, Map.of("mode", 5, "offerHold", "PT1H"));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.bodyText()).contains("mode");
    Reply notADuration =
        api.send(HttpMethod.PUT, SETTINGS, Map.of("mode", "OFFERS", "offerHold", "soon"));
    assertThat(notADuration.status()).isEqualTo(400);
    assertThat(notADuration.bodyText()).contains("offerHold");
    Reply missing = api.send(HttpMethod.PUT, SETTINGS, Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.bodyText()).contains("mode").contains("offerHold");
    assertThat(api.get(SETTINGS).body().get("offerHold").asString()).isEqualTo("PT4H");

    assertThat(
            new SchedulerApi(port, null)
                .send(HttpMethod.PUT, SETTINGS, Map.of("mode", "AUTOMATIC", "offerHold", "PT4H"))
                .status())
        .isEqualTo(401);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action = 'WAITLIST_SETTINGS_CHANGE' and outcome = 'ALLOWED'")
                .query(Long.class)
                .single())
        .isPositive();
  }

  @Test
  void theOfferHoldsItsSlotsAndAcceptingItTwiceBooksItOnce() throws Exception {
    ReferralApproved waiting = waitlisted();
    UUID harvest = api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    UUID injection = api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);

    WaitlistOfferMade made = awaitEvent(waiting.referralId(), WaitlistOfferMade.class);
    assertThat(caseStatus(waiting)).isEqualTo("OFFERED");
    assertThat(made.holdUntil())
        .isBetween(
            made.occurredAt().plus(Duration.ofHours(4)).minusSeconds(1),
            made.occurredAt().plus(Duration.ofHours(4)).plusSeconds(1));
    assertThat(made.appointments()).hasSize(2);
    assertThat(made.patient().givenName()).isEqualTo(SchedulingFixtures.PATIENT_GIVEN_NAME);
    assertThat(api.slot(harvest).get("status").asString()).isNotEqualTo("FREE");
    assertThat(api.slot(injection).get("status").asString()).isNotEqualTo("FREE");

    JsonNode listed =
        java.util.stream.StreamSupport.stream(api.get("/api/waitlist").body().spliterator(), false)
            .filter(c -> c.get("referralId").asString().equals(waiting.referralId().toString()))
            .findFirst()
            .orElseThrow();
    assertThat(listed.get("status").asString()).isEqualTo("OFFERED");
    assertThat(Instant.parse(listed.get("offeredUntil").asString())).isEqualTo(made.holdUntil());

    String token = offerLink(made);
    Reply page = get(OFFER, token);
    assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
    assertThat(page.headers().getCacheControl()).contains("no-store");
    assertThat(page.body().get("state").asString()).isEqualTo("OPEN");
    assertThat(page.body().get("canAnswer").asBoolean()).isTrue();
    assertThat(Instant.parse(page.body().get("holdUntil").asString())).isEqualTo(made.holdUntil());
    assertThat(page.body().get("appointments").get(0).get("clinicianName").asString())
        .isEqualTo("Dr Offerman");
    assertThat(page.bodyText())
        .doesNotContain(SchedulingFixtures.PATIENT_FAMILY_NAME)
        .doesNotContain(SchedulingFixtures.PATIENT_PHONE);

    // A forged link, an altered one and one made for the appointments' page open nothing.
    String forged = links.issue(grant(LinkPurpose.WAITLIST_OFFER, made)).substring(0, 90) + "AAAA";
    String appointmentsLink = links.issue(grant(LinkPurpose.APPOINTMENTS, made));
    for (String refused : List.of(forged, appointmentsLink, "not-a-link")) {
      Reply accepted = post(OFFER + "/acceptance", refused);
      assertThat(accepted.status()).as(refused).isIn(400, 403, 404, 410);
      assertThat(accepted.bodyText()).doesNotContain(made.pairId().toString());
    }
    assertThat(caseStatus(waiting)).isEqualTo("OFFERED");

    // The patient taps Accept twice at once: both answers show the pair booked, booked once.
    ExecutorService twice = Executors.newFixedThreadPool(2);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        replies.add(twice.submit(() -> post(OFFER + "/acceptance", token)));
      }
      for (Future<Reply> reply : replies) {
        assertThat(reply.get().status()).as("%s", reply.get().body()).isEqualTo(200);
        assertThat(reply.get().body().get("state").asString()).isEqualTo("ACCEPTED");
      }
    } finally {
      twice.shutdown();
    }
    assertThat(caseStatus(waiting)).isEqualTo("BOOKED");
    assertThat(api.pairsOf(waiting.referralId())).hasSize(1);
    assertThat(api.pairsOf(waiting.referralId()).get(0).get("status").asString())
        .isEqualTo("BOOKED");
    await()
        .atMost(WAIT)
        .until(() -> outboxEvents(waiting.referralId(), "AppointmentPairBooked") >= 1);
    assertThat(outboxEvents(waiting.referralId(), "AppointmentPairBooked")).isEqualTo(1);
    assertThat(outboxEvents(waiting.referralId(), "WaitlistOfferEnded")).isEqualTo(1);
    assertThat(awaitEvent(waiting.referralId(), WaitlistOfferEnded.class).end())
        .isEqualTo(OfferEnd.ACCEPTED);

    // Declining what was accepted is refused; nothing changes.
    assertThat(post(OFFER + "/decline", token).status()).isEqualTo(409);
    assertThat(caseStatus(waiting)).isEqualTo("BOOKED");
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action = 'OFFER_LINK_ACCEPT' and resource_id = ? and outcome = 'ALLOWED'")
                .param(made.pairId().toString())
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void onlyTheOldestFittingCaseIsOfferedThePairAndAfterItsDeclineTheNextIs() {
    ReferralApproved oldest = waitlisted();
    ReferralApproved next = waitlisted();
    Instant oldestPlace = waitlistedAt(oldest);
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);

    WaitlistOfferMade first = awaitEvent(oldest.referralId(), WaitlistOfferMade.class);
    assertThat(caseStatus(oldest)).isEqualTo("OFFERED");
    assertThat(caseStatus(next)).isEqualTo("WAITLISTED");
    assertThat(api.pairsOf(next.referralId())).isEmpty();

    String token = offerLink(first);
    Reply declined = post(OFFER + "/decline", token);
    assertThat(declined.status()).as("%s", declined.body()).isEqualTo(200);
    assertThat(declined.body().get("state").asString()).isEqualTo("DECLINED");
    assertThat(awaitEvent(oldest.referralId(), WaitlistOfferEnded.class).end())
        .isEqualTo(OfferEnd.DECLINED);

    WaitlistOfferMade second = awaitEvent(next.referralId(), WaitlistOfferMade.class);
    assertThat(second.appointments())
        .extracting(a -> a.startsAt())
        .containsExactlyElementsOf(first.appointments().stream().map(a -> a.startsAt()).toList());
    assertThat(caseStatus(next)).isEqualTo("OFFERED");
    assertThat(caseStatus(oldest))
        .as("keeps its place, not offered it again")
        .isEqualTo("WAITLISTED");
    assertThat(waitlistedAt(oldest)).isEqualTo(oldestPlace);
    assertThat(post(OFFER + "/decline", token).status()).as("declining again").isEqualTo(200);
    assertThat(post(OFFER + "/acceptance", token).status())
        .as("accepting after declining")
        .isEqualTo(409);
    assertThat(caseStatus(next)).isEqualTo("OFFERED");
    assertThat(outboxEvents(oldest.referralId(), "WaitlistOfferEnded")).isEqualTo(1);
  }

  @Test
  void theHoldsEndExpiresTheOfferOnceAndAnAcceptRacingItIsDecidedOnce() throws Exception {
    ReferralApproved waiting = waitlisted();
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    WaitlistOfferMade made = awaitEvent(waiting.referralId(), WaitlistOfferMade.class);
    String token = offerLink(made);
    UUID pairId = made.pairId();
    AppointmentPair stale = pairs.find(pairId).orElseThrow();

    // Just before the hold's end, an accept and the sweep race: exactly one changes the offer.
    clock.set(made.holdUntil().minusMillis(1));
    ExecutorService race = Executors.newFixedThreadPool(2);
    try {
      Future<Reply> accept = race.submit(() -> post(OFFER + "/acceptance", token));
      Future<Boolean> expire = race.submit((Callable<Boolean>) () -> offers.expireIfDue(pairId));
      assertThat(accept.get().status()).as("%s", accept.get().body()).isEqualTo(200);
      assertThat(expire.get())
          .as("not due yet: the accept wins, the sweep changes nothing")
          .isFalse();
    } finally {
      race.shutdown();
    }
    assertThat(caseStatus(waiting)).isEqualTo("BOOKED");

    // A transition decided on the pair as read before the accept, without its lock (the defect
    // the lock prevents), is refused by the store: the offer ends once.
    clock.set(made.holdUntil().plusSeconds(1));
    assertThatThrownBy(
            () -> transactions.executeWithoutResult(s -> pairs.save(stale.expire(clock.instant()))))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(expiry.expireDue()).isZero();
    assertThat(caseStatus(waiting)).isEqualTo("BOOKED");
    assertThat(outboxEvents(waiting.referralId(), "WaitlistOfferEnded")).isEqualTo(1);
  }

  @Test
  void anOfferNotAnsweredExpiresAtItsHoldsEndAndTheCaseWaitsAgain() {
    ReferralApproved waiting = waitlisted();
    Instant place = waitlistedAt(waiting);
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    WaitlistOfferMade made = awaitEvent(waiting.referralId(), WaitlistOfferMade.class);
    String token = offerLink(made);

    clock.set(made.holdUntil());
    Reply late = post(OFFER + "/acceptance", token);
    assertThat(late.status()).as("%s", late.body()).isEqualTo(409);
    expiry.expireDue();
    await().atMost(WAIT).until(() -> caseStatus(waiting).equals("WAITLISTED"));
    assertThat(waitlistedAt(waiting)).isEqualTo(place);
    assertThat(awaitEvent(waiting.referralId(), WaitlistOfferEnded.class).end())
        .isEqualTo(OfferEnd.EXPIRED);
    Reply page = get(OFFER, token);
    assertThat(page.body().get("state").asString()).isEqualTo("EXPIRED");
    assertThat(page.body().get("canAnswer").asBoolean()).isFalse();
    assertThat(outboxEvents(waiting.referralId(), "WaitlistOfferEnded")).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "select count(*) from appointment a join appointment_pair p on p.id = a.pair_id where p.id = ? and a.status <> 'CANCELLED'")
                .param(made.pairId())
                .query(Long.class)
                .single())
        .as("the slots went free")
        .isZero();

    // A link past its own expiry opens nothing.
    String expired =
        links.issue(
            new LinkGrant(
                LinkPurpose.WAITLIST_OFFER,
                made.pairId(),
                made.referralId(),
                made.holdUntil().minusSeconds(60)));
    assertThat(get(OFFER, expired).status()).isIn(403, 404, 410);
  }

  @Test
  void theDatabaseKeepsAnOfferedSlotFromASecondHolderAndWithoutItsIndexItWouldNot() {
    ReferralApproved waiting = waitlisted();
    api.slot(clinician, harvestRoom, "HARVEST", procedureDay, "08:00", 45);
    api.slot(clinician, injectionRoom, "INJECTION", procedureDay, "09:15", 30);
    WaitlistOfferMade made = awaitEvent(waiting.referralId(), WaitlistOfferMade.class);
    UUID slot =
        jdbc.sql("select slot_id from appointment where id = ?")
            .param(made.appointments().get(0).appointmentId())
            .query(UUID.class)
            .single();
    String secondHolder =
        """
        insert into appointment (id, pair_id, kind, slot_id, starts_at, ends_at, status)
        select gen_random_uuid(), pair_id, kind, slot_id, starts_at, ends_at, 'BOOKED'
          from appointment where slot_id = ? and status = 'BOOKED'
        """;

    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    s -> {
                      jdbc.sql(
                              "alter table appointment drop constraint appointment_one_per_kind_per_pair")
                          .update();
                      jdbc.sql(secondHolder).param(slot).update();
                    }))
        .as("a second offer or booking of the offered slot")
        .isInstanceOf(DataIntegrityViolationException.class);

    // Planted defect: without appointment_slot_held_once the same insert holds the slot twice.
    transactions.executeWithoutResult(
        s -> {
          jdbc.sql("alter table appointment drop constraint appointment_one_per_kind_per_pair")
              .update();
          jdbc.sql("drop index appointment_slot_held_once").update();
          assertThat(jdbc.sql(secondHolder).param(slot).update()).isEqualTo(1);
          s.setRollbackOnly();
        });
    assertThat(
            jdbc.sql(
                    "select count(*) from pg_indexes where indexname = 'appointment_slot_held_once'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  private ReferralApproved waitlisted() {
    ReferralApproved approved = approval(CellSource.BONE_MARROW);
    try {
      cellpathKafkaTemplate
          .send(EventRecords.of(approved, messaging, "/cellpath/referral-service"))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    awaitEvent(approved.referralId(), CaseWaitlisted.class);
    return approved;
  }

  private LinkGrant grant(LinkPurpose purpose, WaitlistOfferMade made) {
    return new LinkGrant(
        purpose, made.pairId(), made.referralId(), made.holdUntil().plus(Duration.ofDays(1)));
  }

  private String offerLink(WaitlistOfferMade made) {
    return links.issue(grant(LinkPurpose.WAITLIST_OFFER, made));
  }

  private String caseStatus(ReferralApproved approved) {
    return jdbc.sql("select status from scheduling_case where referral_id = ?")
        .param(approved.referralId())
        .query(String.class)
        .single();
  }

  private Instant waitlistedAt(ReferralApproved approved) {
    return jdbc.sql("select waitlisted_at from scheduling_case where referral_id = ?")
        .param(approved.referralId())
        .query(java.sql.Timestamp.class)
        .single()
        .toInstant();
  }

  private long outboxEvents(UUID referralId, String type) {
    return jdbc.sql("select count(*) from outbox_event where message_key = ? and event_type = ?")
        .param(referralId.toString())
        .param(type)
        .query(Long.class)
        .single();
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

  private Reply post(String path, String token) {
    return reply(
        http.post()
            .uri(path)
            .header("Patient-Link", token)
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult());
  }

  private static Reply reply(
      org.springframework.test.web.servlet.client.EntityExchangeResult<JsonNode> result) {
    return new Reply(
        result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
  }

  private <E extends CellPathEvent> E awaitEvent(UUID referralId, Class<E> type) {
    ConsumerRecord<byte[], byte[]> record =
        schedulingEvents.awaitEvent(type.getSimpleName(), referralId.toString(), WAIT);
    return new EventJson().read(record.value(), type);
  }
}
