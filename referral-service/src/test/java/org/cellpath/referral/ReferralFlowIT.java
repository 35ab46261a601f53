package org.cellpath.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.SchedulingEvent;
import org.cellpath.contracts.Topics;
import org.cellpath.contracts.fixtures.Contacts;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.Npi;
import org.cellpath.domain.PhoneNumber;
import org.cellpath.messaging.EventJson;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The referral side of a case, against a real broker and a real PostgreSQL. */
@IntegrationTest
class ReferralFlowIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  /** The referring physician of the fixtures' cases. */
  private RestClient http;

  private RestClient reviewer;
  private TopicReader referralEvents;

  @BeforeEach
  void connect() {
    http = ApiClients.physician(port);
    reviewer = ApiClients.reviewer(port);
    referralEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS));
  }

  @AfterEach
  void disconnect() {
    referralEvents.close();
  }

  @Test
  void aSubmittedReferralIsPreScreenedAndWaitsInTheReviewersQueue() {
    String referralId =
        submit(ReferralFixtures.likelyEligibleAchilles(), null).get("id").asString();

    awaitStatus(referralId, "UNDER_REVIEW");
    JsonNode queue = get("/api/reviews");
    JsonNode review =
        stream(queue)
            .filter(r -> r.get("referralId").asString().equals(referralId))
            .findFirst()
            .orElseThrow();
    assertThat(review.get("recommendation").asString()).isEqualTo("LIKELY_ELIGIBLE");
    JsonNode stored = get("/api/referrals/" + referralId).get("details");
    assertThat(stored.get("patient").has("reachable"))
        .as("validation helpers are not data")
        .isFalse();
    assertThat(stored.get("conservativeCare").get(0).has("chronological")).isFalse();
    assertThat(referralEvents.awaitEvent("ReferralSubmitted", referralId, WAIT)).isNotNull();
    // The recommendation and findings stay in referral-service: the event only says a review
    // opened.
    String opened =
        TopicReader.value(referralEvents.awaitEvent("EligibilityReviewOpened", referralId, WAIT));
    assertThat(opened)
        .contains(review.get("id").asString())
        .doesNotContain("LIKELY_ELIGIBLE", "finding");
  }

  @Test
  void approvingAReviewAnnouncesWhatSchedulingNeedsWithoutTheDiagnosis() {
    String referralId =
        submit(ReferralFixtures.likelyEligibleAchilles(), null).get("id").asString();
    String reviewId = awaitOpenReview(referralId);

    ResponseEntity<String> approved =
        post(
            "/api/reviews/" + reviewId + "/approval",
            "{\"cellSource\":\"ADIPOSE\",\"injectionSite\":\"Left Achilles insertion\"}");

    assertThat(approved.getStatusCode().value()).isEqualTo(200);
    awaitStatus(referralId, "APPROVED");
    ConsumerRecord<byte[], byte[]> event =
        referralEvents.awaitEvent("ReferralApproved", referralId, WAIT);
    JsonNode payload = json.readTree(TopicReader.value(event));
    assertThat(payload.get("cellSource").asString()).isEqualTo("ADIPOSE");
    // The patient's contact travels sealed under a key id (ADR 13, 23): only a service holding the
    // key reads it.
    assertThat(payload.get("patient").asString()).startsWith("v2.");
    assertThat(TopicReader.value(event)).doesNotContain("ana.rivera@example.org", "Rivera");
    assertThat(
            new EventJson()
                .read(TopicReader.value(event), ReferralApproved.class)
                .patient()
                .email())
        .isEqualTo("ana.rivera@example.org");
    assertThat(TopicReader.value(event)).doesNotContain("ACHILLES", "M76.62", "1971-03-14");
    assertThat(TopicReader.header(event, "ce_id")).isEqualTo(payload.get("eventId").asString());
    assertThat(TopicReader.header(event, "ce_source")).isEqualTo("/cellpath/referral-service");
    assertThat(TopicReader.header(event, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void thePhysicianReadsThePreScreensFindingsWithTheirEffectAndSentence() {
    String referralId = submit(ReferralFixtures.outOfScope(), null).get("id").asString();
    awaitStatus(referralId, "UNDER_REVIEW");

    JsonNode findings = get("/api/referrals/" + referralId).get("findings");

    assertThat(findings.valueStream().map(f -> f.get("code").asString()))
        .contains("CONDITION_OUT_OF_SCOPE");
    JsonNode outOfScope =
        findings
            .valueStream()
            .filter(f -> f.get("code").asString().equals("CONDITION_OUT_OF_SCOPE"))
            .findFirst()
            .orElseThrow();
    assertThat(outOfScope.get("level").asString()).isEqualTo("NOT_ELIGIBLE");
    assertThat(outOfScope.get("sentence").asString())
        .isEqualTo("The condition is outside what the clinic treats with stem cell therapy.");
  }

  @Test
  void aDeclineTellsThePhysicianWhyAndEndsTheCase() {
    String referralId =
        submit(ReferralFixtures.likelyEligibleAchilles(), null).get("id").asString();
    String reviewId = awaitOpenReview(referralId);

    ResponseEntity<String> declined =
        post(
            "/api/reviews/" + reviewId + "/decline",
            "{\"reason\":\"Imaging shows a complete rupture: surgical repair first.\"}");

    assertThat(declined.getStatusCode().value()).isEqualTo(200);
    JsonNode read = get("/api/referrals/" + referralId);
    assertThat(read.get("status").asString()).isEqualTo("DECLINED");
    // The physician reads the reason on the timeline; the event, read by other services, does not
    // carry it.
    assertThat(
            read.get("timeline")
                .valueStream()
                .filter(entry -> entry.get("status").asString().equals("DECLINED"))
                .map(entry -> entry.get("note").asString()))
        .containsExactly("Imaging shows a complete rupture: surgical " + "repair first.");
    JsonNode event =
        json.readTree(
            TopicReader.value(referralEvents.awaitEvent("ReferralDeclined", referralId, WAIT)));
    assertThat(event.has("reason")).isFalse();
    assertThat(event.toString()).doesNotContain("rupture");
    assertThat(event.get("physician").get("email").asString()).isEqualTo("lee@bayview.example");
    assertThat(
            post(
                    "/api/reviews/" + reviewId + "/approval",
                    "{\"cellSource\":\"ADIPOSE\",\"injectionSite\":\"Left\"}")
                .getStatusCode()
                .value())
        .isEqualTo(409);
  }

  @Test
  void theQueueFiltersByRecommendation() {
    String likely = submit(ReferralFixtures.likelyEligibleAchilles(), null).get("id").asString();
    String needsClinician =
        submit(
                ReferralFixtures.achilles(
                    ReferralFixtures.likelyEligibleAchilles().conservativeCare(),
                    Set.of(HealthFactor.PREGNANCY),
                    true),
                null)
            .get("id")
            .asString();
    awaitOpenReview(likely);
    awaitOpenReview(needsClinician);

    List<String> needing =
        stream(get("/api/reviews?recommendation=NEEDS_CLINICIAN_REVIEW&limit=500"))
            .map(r -> r.get("referralId").asString())
            .toList();

    assertThat(needing).contains(needsClinician).doesNotContain(likely);
  }

  @Test
  void approvalIsRefusedUntilThePatientAcknowledgedSelfPay() {
    var unacknowledged =
        ReferralFixtures.achilles(
            ReferralFixtures.likelyEligibleAchilles().conservativeCare(), Set.of(), false);
    String referralId = submit(unacknowledged, null).get("id").asString();
    String reviewId = awaitOpenReview(referralId);

    ResponseEntity<String> refused =
        post(
            "/api/reviews/" + reviewId + "/approval",
            "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles\"}");

    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat(json.readTree(refused.getBody()).get("detail").asString()).contains("self-pay");
    assertThat(get("/api/referrals/" + referralId).get("status").asString())
        .isEqualTo("UNDER_REVIEW");
  }

  @Test
  void aBadReferralIsRefusedFieldByFieldAndNothingIsStored() {
    long before = jdbc.sql("select count(*) from referral").query(Long.class).single();
    String bad =
        """
        {"patient":{"givenName":"","familyName":"Rivera","dateOfBirth":"2999-01-01","sex":"FEMALE",
                    "mobilePhone":"555-0123","language":"fr","smsConsent":true},
         "physician":{"name":"Dr. Lee","npi":"1234567890","practice":"Bayview","email":"lee@bayview.example"},
         "side":"LEFT","conservativeCare":[],"healthFactors":[],"preferredCellSource":"BONE_MARROW",
         "expectedCoverage":"UNKNOWN","selfPayAcknowledged":true}
        """;

    ResponseEntity<String> response = post("/api/referrals", bad);

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.has("errors")).as(response.getBody()).isTrue();
    assertThat(
            stream(problem.get("errors")).map(e -> e.get("field").asString()).distinct().toList())
        .containsExactlyInAnyOrder(
            "condition",
            "patient.givenName",
            "patient.dateOfBirth",
            "patient.mobilePhone",
            "patient.language",
            "physician.npi");
    assertThat(response.getBody()).doesNotContain("555-0123", "2999-01-01", "1234567890");
    assertThat(jdbc.sql("select count(*) from referral").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameReferral() {
    String key = UUID.randomUUID().toString();
    ReferralDetails referral =
        ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());

    JsonNode first = submitAsIs(referral, key);
    ResponseEntity<String> again =
        http.post()
            .uri("/api/referrals")
            .header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json.writeValueAsString(referral))
            .retrieve()
            .toEntity(String.class);

    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(again.getBody()).get("id").asString())
        .isEqualTo(first.get("id").asString());
    assertThat(
            jdbc.sql("select count(*) from referral where idempotency_key = ?")
                .param(key)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aBookedPairMovesTheReferralToScheduledOnceHoweverOftenItIsDelivered() throws Exception {
    String referralId =
        submit(ReferralFixtures.likelyEligibleAchilles(), null).get("id").asString();
    String reviewId = awaitOpenReview(referralId);
    post(
        "/api/reviews/" + reviewId + "/approval",
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left\"}");
    awaitStatus(referralId, "APPROVED");
    var booked =
        new AppointmentPairBooked(
            UUID.randomUUID(),
            UUID.fromString(referralId),
            Instant.now(),
            UUID.randomUUID(),
            List.of(
                new Appointment(
                    UUID.randomUUID(),
                    AppointmentKind.HARVEST,
                    Instant.parse("2026-12-07T16:00:00Z"),
                    Instant.parse("2026-12-07T16:45:00Z"),
                    "America/Los_Angeles",
                    "Dr. Patel",
                    "Main clinic",
                    "100 Market St",
                    "Room 1")),
            Contacts.patient().build());

    cellpathKafkaTemplate
        .send(EventRecords.of(booked, messaging, "/cellpath/scheduling-service"))
        .get();
    cellpathKafkaTemplate
        .send(EventRecords.of(booked, messaging, "/cellpath/scheduling-service"))
        .get();

    awaitStatus(referralId, "SCHEDULED");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from inbox_event where event_id = ?")
                        .param(booked.eventId())
                        .query(Long.class)
                        .single()
                    == 1);
    JsonNode timeline = get("/api/referrals/" + referralId).get("timeline");
    assertThat(stream(timeline).map(e -> e.get("status").asString()).toList())
        .containsExactly("SUBMITTED", "UNDER_REVIEW", "APPROVED", "SCHEDULED");
  }

  @Test
  void theSameReferralWithin24HoursIsReportedAsADuplicateNotStoredTwice() {
    ReferralDetails referral =
        ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
    String first = submitAsIs(referral, null).get("id").asString();

    ResponseEntity<String> again = post("/api/referrals", json.writeValueAsString(referral));

    assertThat(again.getStatusCode().value()).isEqualTo(409);
    assertThat(json.readTree(again.getBody()).get("detail").asString()).contains(first);
    assertThat(again.getBody()).doesNotContain(referral.patient().familyName());
    assertThat(
            jdbc.sql(
                    "select count(*) from referral where details -> 'patient' ->> 'familyName' = ?")
                .param(referral.patient().familyName())
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void anInformationRequestIsAnsweredByAnAmendmentThatReopensTheReview() {
    ReferralDetails referral =
        ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
    String referralId = submitAsIs(referral, null).get("id").asString();
    String firstReview = awaitOpenReview(referralId);

    ResponseEntity<String> asked =
        post(
            "/api/reviews/" + firstReview + "/information-request",
            "{\"items\":[\"The MRI report of the last 6 months\"]}");
    assertThat(asked.getStatusCode().value()).isEqualTo(200);
    awaitStatus(referralId, "INFO_REQUESTED");
    JsonNode infoRequested =
        json.readTree(
            TopicReader.value(
                referralEvents.awaitEvent("ReferralInfoRequested", referralId, WAIT)));
    assertThat(infoRequested.toString()).doesNotContain("MRI");
    assertThat(
            get("/api/referrals/" + referralId)
                .get("timeline")
                .valueStream()
                .filter(entry -> entry.get("status").asString().equals("INFO_REQUESTED"))
                .map(entry -> entry.get("note").asString()))
        .containsExactly("The MRI report of the last 6 months");

    ResponseEntity<String> amended =
        http.put()
            .uri("/api/referrals/" + referralId)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json.writeValueAsString(referral))
            .retrieve()
            .toEntity(String.class);

    assertThat(amended.getStatusCode().value()).isEqualTo(200);
    referralEvents.awaitEvent("ReferralAmended", referralId, WAIT);
    awaitStatus(referralId, "UNDER_REVIEW");
    String secondReview = awaitOpenReview(referralId);
    assertThat(secondReview).isNotEqualTo(firstReview);
    assertThat(get("/api/reviews/" + firstReview).get("state").asString())
        .isEqualTo("INFO_REQUESTED");
    assertThat(statuses(referralId))
        .containsExactly(
            "SUBMITTED", "UNDER_REVIEW", "INFO_REQUESTED", "INFO_REQUESTED", "UNDER_REVIEW");
  }

  @Test
  void aReferralCanBeAmendedOnlyWhenInformationWasRequested() {
    ReferralDetails referral =
        ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
    String referralId = submitAsIs(referral, null).get("id").asString();
    awaitStatus(referralId, "UNDER_REVIEW");

    ResponseEntity<String> refused =
        http.put()
            .uri("/api/referrals/" + referralId)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json.writeValueAsString(referral))
            .retrieve()
            .toEntity(String.class);

    assertThat(refused.getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void withdrawingClosesTheOpenReviewAndTellsScheduling() {
    String referralId =
        submit(ReferralFixtures.likelyEligibleAchilles(), null).get("id").asString();
    String reviewId = awaitOpenReview(referralId);

    ResponseEntity<String> withdrawn = post("/api/referrals/" + referralId + "/withdrawal", "");

    assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
    assertThat(get("/api/referrals/" + referralId).get("status").asString()).isEqualTo("WITHDRAWN");
    // Read from the database: a review closed without a decision is no reviewer's to read any more.
    assertThat(
            jdbc.sql("select state from eligibility_review where id = ?")
                .param(UUID.fromString(reviewId))
                .query(String.class)
                .single())
        .isEqualTo("CLOSED");
    referralEvents.awaitEvent("ReferralWithdrawn", referralId, WAIT);
    assertThat(post("/api/referrals/" + referralId + "/withdrawal", "").getStatusCode().value())
        .isEqualTo(409);
    assertThat(
            post("/api/reviews/" + reviewId + "/decline", "{\"reason\":\"too late\"}")
                .getStatusCode()
                .value())
        .isEqualTo(409);
  }

  @Test
  void aPhysicianListsTheirReferralsNewestFirstAndByStatus() {
    String npi = "1245319599";
    var physician =
        new ReferralDetails.Physician(
            "Dr. Ada Kim",
            new Npi(npi),
            "Kim Podiatry",
            new PhoneNumber("+14155550777"),
            new EmailAddress("kim@podiatry.example"));
    RestClient kim = ApiClients.as(port, TestTokens.physician(npi));
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ReferralDetails d =
          ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
      ids.add(
          submitAs(
                  kim,
                  new ReferralDetails(
                      d.patient(),
                      physician,
                      d.condition(),
                      d.side(),
                      d.icd10Code(),
                      d.symptomOnset(),
                      d.kellgrenLawrenceGrade(),
                      d.fractureDate(),
                      d.conservativeCare(),
                      d.lastCorticosteroidInjection(),
                      d.healthFactors(),
                      d.priorSurgery(),
                      d.priorSurgeryNote(),
                      d.preferredCellSource(),
                      d.expectedCoverage(),
                      d.selfPayAcknowledged(),
                      d.schedulingPreferences()),
                  null)
              .get("id")
              .asString());
    }
    kim.post().uri("/api/referrals/" + ids.get(0) + "/withdrawal").retrieve().toBodilessEntity();

    JsonNode firstPage =
        json.readTree(
            kim.get()
                .uri("/api/referrals?physicianNpi=" + npi + "&size=2")
                .retrieve()
                .body(String.class));
    JsonNode withdrawn =
        json.readTree(
            kim.get().uri("/api/referrals?status=WITHDRAWN").retrieve().body(String.class));

    assertThat(firstPage.get("total").asLong()).isEqualTo(3);
    assertThat(stream(firstPage.get("items")).map(r -> r.get("id").asString()).toList())
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(stream(withdrawn.get("items")).map(r -> r.get("id").asString()).toList())
        .containsExactly(ids.get(0));
    ResponseEntity<String> badNpi =
        kim.get().uri("/api/referrals?physicianNpi=12345").retrieve().toEntity(String.class);
    assertThat(badNpi.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(badNpi.getBody()).get("errors").get(0).get("field").asString())
        .isEqualTo("physicianNpi");
    ResponseEntity<String> badStatus =
        kim.get()
            .uri("/api/referrals?physicianNpi=" + npi + "&status=LOST")
            .retrieve()
            .toEntity(String.class);
    assertThat(json.readTree(badStatus.getBody()).get("errors").get(0).get("field").asString())
        .isEqualTo("status");
  }

  @Test
  void schedulingReportsReplayedTwiceAndOutOfOrderLeaveTheSameTimelineAndStatus() throws Exception {
    String inOrder = approvedReferral();
    String shuffled = approvedReferral();
    Instant booked = Instant.now().plusSeconds(1);
    Instant moved = booked.plusSeconds(60);
    Instant cancelled = moved.plusSeconds(60);

    List<SchedulingEvent> forInOrder = reports(inOrder, booked, moved, cancelled);
    List<SchedulingEvent> forShuffled = reports(shuffled, booked, moved, cancelled);
    for (SchedulingEvent event : forInOrder) {
      publish(event);
    }
    for (int i : new int[] {2, 0, 1, 0, 2, 1}) {
      publish(forShuffled.get(i));
    }

    List<UUID> shuffledIds = forShuffled.stream().map(SchedulingEvent::eventId).toList();
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                            """
        select count(*) from inbox_event where consumer = 'referral-timeline' and event_id in (:ids)
        """)
                        .param("ids", shuffledIds)
                        .query(Long.class)
                        .single()
                    == 3);
    await()
        .atMost(WAIT)
        .until(() -> statuses(shuffled).size() == 6 && statuses(inOrder).size() == 6);
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> statuses(shuffled).size() == 6);
    assertThat(statuses(shuffled))
        .isEqualTo(statuses(inOrder))
        .containsExactly(
            "SUBMITTED", "UNDER_REVIEW", "APPROVED", "SCHEDULED", "RESCHEDULED", "CANCELLED");
    assertThat(get("/api/referrals/" + shuffled).get("status").asString()).isEqualTo("CANCELLED");
    assertThat(get("/api/referrals/" + inOrder).get("status").asString()).isEqualTo("CANCELLED");
  }

  private String approvedReferral() {
    String referralId =
        submit(ReferralFixtures.likelyEligibleAchilles(), null).get("id").asString();
    String reviewId = awaitOpenReview(referralId);
    post(
        "/api/reviews/" + reviewId + "/approval",
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left\"}");
    awaitStatus(referralId, "APPROVED");
    return referralId;
  }

  private List<SchedulingEvent> reports(
      String referralId, Instant booked, Instant moved, Instant cancelled) {
    UUID referral = UUID.fromString(referralId);
    UUID pair = UUID.randomUUID();
    PatientContact patient = Contacts.patient().build();
    return List.of(
        new AppointmentPairBooked(UUID.randomUUID(), referral, booked, pair, List.of(), patient),
        new AppointmentPairRescheduled(
            UUID.randomUUID(), referral, moved, pair, 1, List.of(), patient),
        new AppointmentPairCancelled(
            UUID.randomUUID(), referral, cancelled, pair, 2, List.of(), patient));
  }

  private void publish(SchedulingEvent event) throws Exception {
    cellpathKafkaTemplate
        .send(EventRecords.of(event, messaging, "/cellpath/scheduling-service"))
        .get();
  }

  private List<String> statuses(String referralId) {
    return stream(get("/api/referrals/" + referralId).get("timeline"))
        .map(e -> e.get("status").asString())
        .toList();
  }

  private JsonNode submit(ReferralDetails details, String idempotencyKey) {
    return submitAsIs(ReferralFixtures.forAnotherPatient(details), idempotencyKey);
  }

  private JsonNode submitAsIs(ReferralDetails details, String idempotencyKey) {
    return submitAs(http, details, idempotencyKey);
  }

  private JsonNode submitAs(RestClient physician, ReferralDetails details, String idempotencyKey) {
    var request = physician.post().uri("/api/referrals").contentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    ResponseEntity<String> response =
        request.body(json.writeValueAsString(details)).retrieve().toEntity(String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
    return json.readTree(response.getBody());
  }

  /**
   * The referral's open review; an amended referral is under review a moment before its review
   * reopens.
   */
  private String awaitOpenReview(String referralId) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                stream(get("/api/reviews?limit=500"))
                    .filter(r -> r.get("referralId").asString().equals(referralId))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow()
        .get("id")
        .asString();
  }

  private void awaitStatus(String referralId, String status) {
    await()
        .atMost(WAIT)
        .until(() -> get("/api/referrals/" + referralId).get("status").asString(), status::equals);
  }

  private JsonNode get(String path) {
    return json.readTree(as(path).get().uri(path).retrieve().body(String.class));
  }

  private ResponseEntity<String> post(String path, String body) {
    return as(path)
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(String.class);
  }

  /**
   * Each API as the role that uses it: reviews as the reviewer, referrals as their referring
   * physician.
   */
  private RestClient as(String path) {
    return path.startsWith("/api/reviews") ? reviewer : http;
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}
