package org.cellpath.referral.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.contracts.Topics;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.surveys.SurveySubmitted;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.MutableClock;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.testsupport.TopicReader;
import org.cellpath.work.BackgroundWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reports to the referring physician on the real broker and database (docs/outcomes.md,
 * "Reports to the referring physician", ADR 42): the 6-week submission makes the interim report
 * ready and the 24-week one the final, each raising one {@code OutcomeReportReady} read from
 * referral-events even when the submission is handled twice; the physician reads the scores over
 * time with the change from baseline, another physician gets what a missing referral gets; no score
 * reaches the service's output. The same context as OutcomeSurveysIT (its clock and sweep
 * interval), so no new Spring context is started. The follow-ups are opened by writing their rows:
 * how they open is OutcomeSurveysIT's subject, what their submission causes is this one's.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "cellpath.outcomes.sweep-interval=1h")
@ExtendWith(OutputCaptureExtension.class)
class OutcomeReportsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final MutableClock clock = MutableClock.SHARED;

  /** The guide's FAOS Pain example, 66.67 (docs/outcomes.md, "Scoring"). */
  private static final String FAOS_PAIN_EXAMPLE =
      "\"P1\":2,\"P2\":1,\"P3\":0,\"P4\":3,\"P5\":2,\"P6\":1,\"P7\":0,\"P8\":1,\"P9\":2";

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired PatientLinks links;
  @Autowired IssuingReports issuing;
  @Autowired TransactionTemplate transactions;
  @Autowired List<BackgroundWorker> workers;

  private RestClient physician;
  private RestClient reviewer;
  private RestClient patient;
  private TopicReader referralEvents;

  @BeforeEach
  void connect() {
    clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    physician = ApiClients.physician(port);
    reviewer = ApiClients.reviewer(port);
    patient = ApiClients.anonymous(port);
    referralEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS));
  }

  @AfterEach
  void disconnect() {
    referralEvents.close();
  }

  @Test
  void theSixWeekSubmissionMakesTheInterimReportReadyOnceAndThePhysicianReadsTheScoresOverTime(
      CapturedOutput output) {
    UUID referralId = approvedReferral();
    answer(referralId, SurveyTimePoint.BASELINE, 7, FAOS_PAIN_EXAMPLE);
    assertThat(reports(referralId)).as("the baseline makes no report").isEmpty();
    assertThat(readyEvents(referralId)).isZero();

    answer(referralId, open(referralId, SurveyTimePoint.WEEK_6), 3, allPain(0));

    assertThat(reports(referralId)).containsExactly("INTERIM");
    assertThat(readyEvents(referralId)).isEqualTo(1);
    ConsumerRecord<byte[], byte[]> sent =
        referralEvents.awaitRecord(
            r ->
                "OutcomeReportReady".equals(TopicReader.header(r, "ce_type"))
                    && TopicReader.value(r).contains(referralId.toString()),
            WAIT);
    JsonNode event = json.readTree(TopicReader.value(sent));
    assertThat(event.get("report").asString()).isEqualTo("INTERIM");
    assertThat(event.get("physician").get("email").asString()).isEqualTo("lee@bayview.example");
    assertThat(event.get("physician").get("name").asString()).isEqualTo("Dr. Sam Lee");
    assertThat(TopicReader.value(sent))
        .as("the email says a report is ready, nothing of it")
        .doesNotContain("66.67", "FAOS", "NRS", "PAIN", "ana.rivera@example.org", "ACHILLES");

    // The submission handled again (a retried listener, a replay): still one report, one event.
    Instant submittedAt = clock.instant();
    transactions.executeWithoutResult(
        status ->
            issuing.on(
                new SurveySubmitted(
                    UUID.randomUUID(), referralId, SurveyTimePoint.WEEK_6, submittedAt)));
    assertThat(reports(referralId)).containsExactly("INTERIM");
    assertThat(readyEvents(referralId)).as("handled twice, raised once").isEqualTo(1);

    ResponseEntity<String> read =
        physician
            .get()
            .uri("/api/referrals/" + referralId + "/outcomes")
            .retrieve()
            .toEntity(String.class);
    JsonNode outcomes = body(read, 200);
    assertThat(read.getHeaders().getCacheControl()).contains("no-store");
    assertThat(stream(outcomes.get("reports")).map(r -> r.get("kind").asString()))
        .containsExactly("INTERIM");
    assertThat(stream(outcomes.get("timePoints")).map(t -> t.get("timePoint").asString()))
        .containsExactly("BASELINE", "WEEK_6", "WEEK_12", "WEEK_24");
    assertThat(stream(outcomes.get("timePoints")).map(t -> t.get("state")))
        .extracting(state -> state.isNull() ? "not planned" : state.asString())
        .containsExactly("COMPLETED", "COMPLETED", "not planned", "not planned");
    assertThat(stream(outcomes.get("subscales")).map(s -> s.get("subscale").asString()))
        .as("the subscales scored, in the instruments' order")
        .containsExactly(
            "NRS_PAIN", "FAOS_PAIN", "FAOS_SYMPTOMS", "FAOS_ADL", "FAOS_SPORT_REC", "FAOS_QOL");
    JsonNode baseline = outcomes.get("timePoints").get(0);
    assertThat(score(baseline, "FAOS_PAIN").get("score").decimalValue())
        .isEqualByComparingTo("66.67");
    assertThat(score(baseline, "FAOS_PAIN").get("change").isNull()).isTrue();
    JsonNode week6 = outcomes.get("timePoints").get(1);
    JsonNode pain = score(week6, "NRS_PAIN");
    assertThat(pain.get("score").decimalValue()).isEqualByComparingTo("3");
    assertThat(pain.get("change").get("improvement").decimalValue())
        .as("pain down by 4 is an improvement of 4")
        .isEqualByComparingTo("4");
    assertThat(pain.get("change").get("reachesMeaningfulDifference").asBoolean()).isTrue();
    JsonNode faosPain = score(week6, "FAOS_PAIN");
    assertThat(faosPain.get("score").decimalValue()).isEqualByComparingTo("100");
    assertThat(faosPain.get("change").get("improvement").decimalValue())
        .isEqualByComparingTo("33.33");
    assertThat(faosPain.get("change").get("reachesMeaningfulDifference").asBoolean()).isTrue();
    JsonNode symptoms = score(week6, "FAOS_SYMPTOMS");
    assertThat(symptoms.get("score").isNull()).as("unanswered: no score, never 0").isTrue();
    assertThat(symptoms.get("change").isNull()).as("nothing to compare").isTrue();
    assertThat(auditRows(referralId)).containsExactly("OUTCOMES_READ ALLOWED");

    // Scores are clinical: nowhere in the service's output.
    assertThat(output.getAll()).doesNotContain("66.67", "33.33", "FAOS_PAIN", "NRS_PAIN");
  }

  @Test
  void theTwentyFourWeekSubmissionMakesTheFinalReportReady() {
    UUID referralId = approvedReferral();
    answer(referralId, SurveyTimePoint.BASELINE, 7, FAOS_PAIN_EXAMPLE);
    answer(referralId, open(referralId, SurveyTimePoint.WEEK_12), 5, allPain(1));
    assertThat(reports(referralId)).as("the 12-week questionnaire makes no report").isEmpty();

    answer(referralId, open(referralId, SurveyTimePoint.WEEK_24), 6, allPain(1));

    assertThat(reports(referralId)).containsExactly("FINAL");
    assertThat(readyEvents(referralId)).isEqualTo(1);
    ConsumerRecord<byte[], byte[]> sent =
        referralEvents.awaitRecord(
            r ->
                "OutcomeReportReady".equals(TopicReader.header(r, "ce_type"))
                    && TopicReader.value(r).contains(referralId.toString()),
            WAIT);
    assertThat(json.readTree(TopicReader.value(sent)).get("report").asString()).isEqualTo("FINAL");
    JsonNode week24 =
        body(
                physician
                    .get()
                    .uri("/api/referrals/" + referralId + "/outcomes")
                    .retrieve()
                    .toEntity(String.class),
                200)
            .get("timePoints")
            .get(3);
    JsonNode pain = score(week24, "NRS_PAIN");
    assertThat(pain.get("change").get("improvement").decimalValue()).isEqualByComparingTo("1");
    assertThat(pain.get("change").get("reachesMeaningfulDifference").asBoolean())
        .as("1 point is less than the NRS's 2")
        .isFalse();
    assertThat(score(week24, "FAOS_PAIN").get("change").get("improvement").decimalValue())
        .isEqualByComparingTo("8.33");
    assertThat(
            score(week24, "FAOS_PAIN").get("change").get("reachesMeaningfulDifference").asBoolean())
        .isFalse();
  }

  @Test
  void aMissedSixWeekQuestionnaireStillMakesTheInterimReportReadyAtItsClose() {
    UUID referralId = approvedReferral();
    answer(referralId, SurveyTimePoint.BASELINE, 7, FAOS_PAIN_EXAMPLE);
    UUID week6 = open(referralId, SurveyTimePoint.WEEK_6);

    clock.set(clock.instant().plus(Duration.ofDays(15)));
    workers.stream()
        .filter(worker -> worker.name().equals("survey-sweep"))
        .findFirst()
        .orElseThrow()
        .wakeUp();
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select state from outcome_survey where id = ?")
                    .param(week6)
                    .query(String.class)
                    .single(),
            "MISSED"::equals);

    assertThat(reports(referralId))
        .as("the physician is not left waiting for an answer that will not come")
        .containsExactly("INTERIM");
    assertThat(readyEvents(referralId)).isEqualTo(1);
    // The physician's token is checked against the service's clock: back to the wall clock's time.
    clock.set(Instant.now());
    JsonNode outcomes =
        body(
            physician
                .get()
                .uri("/api/referrals/" + referralId + "/outcomes")
                .retrieve()
                .toEntity(String.class),
            200);
    JsonNode missed = outcomes.get("timePoints").get(1);
    assertThat(missed.get("state").asString()).isEqualTo("MISSED");
    assertThat(missed.get("scores").isEmpty()).isTrue();
    assertThat(stream(outcomes.get("reports")).map(r -> r.get("kind").asString()))
        .containsExactly("INTERIM");
  }

  @Test
  void anotherPhysicianIsAnsweredAsForAReferralThatDoesNotExistAndOthersAreRefused() {
    UUID referralId = approvedReferral();
    RestClient other = ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI));
    UUID unknown = UUID.randomUUID();

    ResponseEntity<String> theirs =
        other
            .get()
            .uri("/api/referrals/" + referralId + "/outcomes")
            .retrieve()
            .toEntity(String.class);
    ResponseEntity<String> missing =
        other
            .get()
            .uri("/api/referrals/" + unknown + "/outcomes")
            .retrieve()
            .toEntity(String.class);
    ResponseEntity<String> reviewing =
        reviewer
            .get()
            .uri("/api/referrals/" + referralId + "/outcomes")
            .retrieve()
            .toEntity(String.class);

    assertThat(theirs.getStatusCode().value()).isEqualTo(404);
    assertThat(missing.getStatusCode().value()).isEqualTo(404);
    assertThat(theirs.getBody().replace(referralId.toString(), "ID"))
        .isEqualTo(missing.getBody().replace(unknown.toString(), "ID"));
    assertThat(reviewing.getStatusCode().value()).isEqualTo(403);
    assertThat(auditRows(referralId)).containsExactly("OUTCOMES_READ DENIED");
  }

  /** Opens the follow-up at {@code point} now, as the sweep does once the injection is done. */
  private UUID open(UUID referralId, SurveyTimePoint point) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into outcome_survey (id, referral_id, time_point, state, injection_done, due_at, remind_at,
                                        closes_at, opened_at)
            values (?, ?, ?, 'OPEN', true, ?, ?, ?, ?)
            """)
        .params(
            id,
            referralId,
            point.name(),
            Timestamp.from(now),
            Timestamp.from(now.plus(Duration.ofDays(3))),
            Timestamp.from(now.plus(Duration.ofDays(14))),
            Timestamp.from(now))
        .update();
    return id;
  }

  private void answer(UUID referralId, SurveyTimePoint point, int pain, String faos) {
    answer(
        referralId,
        jdbc.sql("select id from outcome_survey where referral_id = ? and time_point = ?")
            .params(referralId, point.name())
            .query(UUID.class)
            .single(),
        pain,
        faos);
  }

  /** Answers the NRS and the FAOS items given and submits, through the patient's link. */
  private void answer(UUID referralId, UUID surveyId, int pain, String faos) {
    String token =
        links.issue(
            new LinkGrant(
                LinkPurpose.OUTCOME_SURVEY,
                surveyId,
                referralId,
                clock.instant().plus(Duration.ofDays(14))));
    body(
        call(
            HttpMethod.PUT,
            "/api/self-service/survey/answers",
            token,
            "{\"answers\":{\"FAOS\":{" + faos + "},\"PAIN_NRS\":{\"PAIN\":" + pain + "}}}"),
        200);
    body(call(HttpMethod.POST, "/api/self-service/survey/submission", token, null), 200);
  }

  private static String allPain(int score) {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 9; i++) {
      items.append(i > 1 ? "," : "").append("\"P").append(i).append("\":").append(score);
    }
    return items.toString();
  }

  private List<String> reports(UUID referralId) {
    return jdbc.sql("select kind from outcome_report where referral_id = ? order by ready_at")
        .param(referralId)
        .query(String.class)
        .list();
  }

  private long readyEvents(UUID referralId) {
    return jdbc.sql(
            """
            select count(*) from outbox_event
            where event_type = 'OutcomeReportReady' and payload ->> 'referralId' = ?
            """)
        .param(referralId.toString())
        .query(Long.class)
        .single();
  }

  private List<String> auditRows(UUID referralId) {
    return jdbc.sql(
            """
            select action || ' ' || outcome from audit_event
            where action = 'OUTCOMES_READ' and referral_id = ? order by id
            """)
        .param(referralId)
        .query(String.class)
        .list();
  }

  private static JsonNode score(JsonNode timePoint, String subscale) {
    return stream(timePoint.get("scores"))
        .filter(s -> subscale.equals(s.get("subscale").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(subscale + " not in " + timePoint));
  }

  private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
    var request = patient.method(method).uri(path).header("Patient-Link", token);
    if (body != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(String.class);
  }

  private JsonNode body(ResponseEntity<String> response, int status) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    return json.readTree(response.getBody());
  }

  private UUID approvedReferral() {
    ResponseEntity<String> submitted =
        physician
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                json.writeValueAsString(
                    ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles())))
            .retrieve()
            .toEntity(String.class);
    UUID referralId = UUID.fromString(body(submitted, 201).get("id").asString());
    String reviewId =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    stream(
                            json.readTree(
                                reviewer
                                    .get()
                                    .uri("/api/reviews?limit=500")
                                    .retrieve()
                                    .body(String.class)))
                        .filter(r -> r.get("referralId").asString().equals(referralId.toString()))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow()
            .get("id")
            .asString();
    body(
        reviewer
            .post()
            .uri("/api/reviews/" + reviewId + "/approval")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left\"}")
            .retrieve()
            .toEntity(String.class),
        200);
    return referralId;
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
