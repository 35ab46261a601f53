package org.cellpath.referral.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
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
 * The 12-week review on the real broker and database (docs/domain.md §9.4, docs/outcomes.md "The
 * clinician's task at 12 weeks"): the patient submits the baseline and the 12-week questionnaire
 * through their link, and the scores open one clinician task or none; the worklist API shows it
 * with its findings and scores, and a reviewing clinician records what was done, once. The context
 * is OutcomeSurveysIT's (same configuration): the 12-week questionnaire is opened here directly,
 * its planning being that test's subject.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "cellpath.outcomes.sweep-interval=1h")
@ExtendWith(OutputCaptureExtension.class)
class TwelveWeekTasksIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final MutableClock clock = MutableClock.SHARED;

  /** A clinical note no log line or audit row may carry. */
  private static final String NOTE = "Called Ms Quillfeather; swelling worse after hiking";

  @LocalServerPort int port;

  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired PatientLinks links;
  @Autowired SurveySweep sweep;
  @Autowired TransactionTemplate transactions;
  @Autowired ApplicationEventPublisher publisher;

  private RestClient physician;
  private RestClient reviewer;
  private RestClient patient;

  @BeforeEach
  void connect() {
    clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    physician = ApiClients.physician(port);
    reviewer = ApiClients.reviewer(port);
    patient = ApiClients.anonymous(port);
  }

  @Test
  void painUpByTwoOpensATaskThatTheClinicianResolvesOnceWithNothingInTheLogs(
      CapturedOutput output) {
    UUID referralId = approvedReferral();
    answer(referralId, SurveyTimePoint.BASELINE, 6, 3);
    UUID week12 = answer(referralId, openWeek12(referralId), 8, 1);

    JsonNode task = taskOf(referralId).orElseThrow();
    assertThat(task.get("state").asString()).isEqualTo("OPEN");
    assertThat(task.get("timePoint").asString()).isEqualTo("WEEK_12");
    assertThat(task.get("shortId").asString()).isEqualTo(referralId.toString().substring(0, 8));
    assertThat(task.get("patientName").asString()).isNotBlank();
    assertThat(task.get("condition").asString()).isEqualTo("ACHILLES_TENDON_INJURY");
    assertThat(stream(task.get("findings")).map(f -> f.get("code").asString()))
        .as("FAOS improved by 50 on every subscale: pain alone asks for a look")
        .containsExactly("PAIN_UP");
    JsonNode finding = task.get("findings").get(0);
    assertThat(finding.get("baseline").decimalValue()).isEqualByComparingTo("6");
    assertThat(finding.get("twelveWeeks").decimalValue()).isEqualByComparingTo("8");
    assertThat(finding.get("sentence").asString())
        .isEqualTo("Worst pain in the last week rose from 6 to 8 out of 10 since baseline.");
    Map<String, JsonNode> scores =
        stream(task.get("scores"))
            .collect(Collectors.toMap(s -> s.get("subscale").asString(), s -> s));
    assertThat(stream(task.get("scores")).map(s -> s.get("subscale").asString()))
        .containsExactly(
            "NRS_PAIN", "FAOS_PAIN", "FAOS_SYMPTOMS", "FAOS_ADL", "FAOS_SPORT_REC", "FAOS_QOL");
    assertThat(scores.get("NRS_PAIN").get("change").decimalValue()).isEqualByComparingTo("-2");
    assertThat(scores.get("FAOS_QOL").get("baseline").decimalValue()).isEqualByComparingTo("25");
    assertThat(scores.get("FAOS_QOL").get("twelveWeeks").decimalValue()).isEqualByComparingTo("75");
    assertThat(scores.get("FAOS_QOL").get("meaningful").asBoolean()).isTrue();
    UUID taskId = UUID.fromString(task.get("id").asString());
    assertThat(body(reviewer.get().uri("/api/outcome-tasks/" + taskId), 200).get("id").asString())
        .isEqualTo(taskId.toString());

    JsonNode resolved =
        body(resolve(taskId, "{\"action\":\"CONTACTED_PATIENT\",\"note\":\"" + NOTE + "\"}"), 200);
    assertThat(resolved.get("state").asString()).isEqualTo("RESOLVED");
    assertThat(resolved.get("resolution").get("action").asString()).isEqualTo("CONTACTED_PATIENT");
    assertThat(resolved.get("resolution").get("note").asString()).isEqualTo(NOTE);
    assertThat(resolved.get("resolution").get("resolvedBy").asString()).isEqualTo("reviewer-1");
    ResponseEntity<String> again = resolve(taskId, "{\"action\":\"OTHER\",\"note\":\"later\"}");
    assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);
    assertThat(
            body(reviewer.get().uri("/api/outcome-tasks/" + taskId), 200)
                .get("resolution")
                .get("action")
                .asString())
        .as("what was recorded first stands")
        .isEqualTo("CONTACTED_PATIENT");
    assertThat(ids(worklist("OPEN"))).doesNotContain(taskId.toString());
    assertThat(ids(worklist("RESOLVED"))).contains(taskId.toString());

    assertThat(
            jdbc.sql(
                    """
                    select action || ' ' || outcome from audit_event
                    where resource_type = 'outcome-task' and resource_id = ? order by id
                    """)
                .param(taskId.toString())
                .query(String.class)
                .list())
        .containsExactly(
            "OUTCOME_TASK_READ ALLOWED",
            "OUTCOME_TASK_RESOLVE ALLOWED",
            "OUTCOME_TASK_RESOLVE REFUSED",
            "OUTCOME_TASK_READ ALLOWED");
    assertThat(
            jdbc.sql("select count(*) from audit_event where audit_event::text like ?")
                .param("%" + NOTE.substring(0, 12) + "%")
                .query(Long.class)
                .single())
        .as("the note in no audit row")
        .isZero();
    assertThat(output.getAll())
        .as("the note, the findings and the scores are in no log line")
        .doesNotContain(NOTE.substring(0, 12), "rose from", "PAIN_UP", "75.00", "25.00");
    assertThat(week12).isNotNull();
  }

  @Test
  void anImprovementOfAtLeastTheDifferenceOnEverySubscaleOpensNoTask() {
    UUID referralId = approvedReferral();
    answer(referralId, SurveyTimePoint.BASELINE, 7, 3);
    UUID week12 = answer(referralId, openWeek12(referralId), 5, 2);

    assertThat(state(week12)).isEqualTo("COMPLETED");
    assertThat(tasksOf(referralId))
        .as("NRS down by exactly 2, every FAOS subscale up by 25")
        .isZero();
  }

  @Test
  void aSubmissionHandledTwiceOpensOneTask() {
    UUID referralId = approvedReferral();
    answer(referralId, SurveyTimePoint.BASELINE, 5, 2);
    UUID week12 = answer(referralId, openWeek12(referralId), 5, 2);
    assertThat(tasksOf(referralId)).isEqualTo(1);
    assertThat(
            stream(taskOf(referralId).orElseThrow().get("findings"))
                .map(f -> f.get("subscale").asString()))
        .as("nothing changed: every subscale below its difference")
        .containsExactly(
            "NRS_PAIN", "FAOS_PAIN", "FAOS_SYMPTOMS", "FAOS_ADL", "FAOS_SPORT_REC", "FAOS_QOL");

    // The same submission delivered to the listener again, as a retry or a second instance would.
    for (int i = 0; i < 2; i++) {
      transactions.executeWithoutResult(
          status ->
              publisher.publishEvent(
                  new SurveySubmitted(
                      week12, referralId, SurveyTimePoint.WEEK_12, clock.instant())));
    }

    assertThat(tasksOf(referralId)).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from outcome_task_finding f join outcome_task t on t.id = f.task_id
                    where t.referral_id = ?
                    """)
                .param(referralId)
                .query(Long.class)
                .single())
        .as("its findings not doubled either")
        .isEqualTo(6);
  }

  @Test
  void withoutABaselineOrWithoutAnAnswerAtTwelveWeeksAClinicianStillLooks() {
    UUID unanswered = approvedReferral();
    answer(unanswered, openWeek12(unanswered), 2, 0);
    assertThat(stream(taskOf(unanswered).orElseThrow().get("findings")))
        .singleElement()
        .satisfies(f -> assertThat(f.get("code").asString()).isEqualTo("NO_BASELINE"));

    UUID missed = approvedReferral();
    answer(missed, SurveyTimePoint.BASELINE, 6, 2);
    UUID week12 = openWeek12(missed);
    jdbc.sql("update outcome_survey set closes_at = ?, reminded_at = ? where id = ?")
        .params(
            Timestamp.from(clock.instant().minusSeconds(60)),
            Timestamp.from(clock.instant().minusSeconds(120)),
            week12)
        .update();
    await().atMost(WAIT).until(() -> sweep.sweepPage() < SurveySweep.PAGE);

    assertThat(state(week12)).isEqualTo("MISSED");
    JsonNode task = taskOf(missed).orElseThrow();
    assertThat(stream(task.get("findings")).map(f -> f.get("code").asString()))
        .containsExactly("NO_ANSWER");
    assertThat(stream(task.get("scores")).map(s -> s.get("twelveWeeks").isNull()))
        .as("the baseline's scores, none at 12 weeks")
        .isNotEmpty()
        .allMatch(Boolean::booleanValue);
  }

  @Test
  void aResolutionWithBadFieldsIsRefusedNamingEachAndChangesNothing() {
    UUID referralId = approvedReferral();
    answer(referralId, openWeek12(referralId), 3, 1);
    UUID taskId = UUID.fromString(taskOf(referralId).orElseThrow().get("id").asString());

    assertThat(fields(body(resolve(taskId, "{\"note\":\"" + "x".repeat(1001) + "\"}"), 400)))
        .containsExactlyInAnyOrder("action", "note");
    assertThat(fields(body(resolve(taskId, "{\"action\":\"FLEW_TO_THE_MOON\"}"), 400)))
        .containsExactly("action");
    assertThat(fields(body(resolve(taskId, "{\"action\":[\"OTHER\"],\"note\":{}}"), 400)))
        .contains("action");
    assertThat(fields(body(resolve(taskId, "{\"action\":\"OTHER\",\"note\":{\"a\":1}}"), 400)))
        .containsExactly("note");
    ResponseEntity<String> unknown =
        resolve(UUID.randomUUID(), "{\"action\":\"OTHER\",\"note\":\"x\"}");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    ResponseEntity<String> physicians =
        physician
            .post()
            .uri("/api/outcome-tasks/" + taskId + "/resolution")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"action\":\"OTHER\"}")
            .retrieve()
            .toEntity(String.class);
    assertThat(physicians.getStatusCode().value()).isEqualTo(403);

    assertThat(
            body(reviewer.get().uri("/api/outcome-tasks/" + taskId), 200).get("state").asString())
        .isEqualTo("OPEN");
  }

  // --- the patient's side, through the questionnaire API

  /** Opens the case's 12-week questionnaire now, as the sweep would once it falls due. */
  private UUID openWeek12(UUID referralId) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into outcome_survey (id, referral_id, time_point, state, injection_done, due_at, remind_at,
                                        closes_at, opened_at)
            values (?, ?, 'WEEK_12', 'OPEN', true, ?, ?, ?, ?)
            """)
        .params(
            id,
            referralId,
            Timestamp.from(now),
            Timestamp.from(now.plus(Survey.REMIND_AFTER)),
            Timestamp.from(now.plus(Survey.OPEN_FOR)),
            Timestamp.from(now))
        .update();
    return id;
  }

  private UUID answer(UUID referralId, SurveyTimePoint point, int pain, int faos) {
    return answer(
        referralId,
        jdbc.sql("select id from outcome_survey where referral_id = ? and time_point = ?")
            .params(referralId, point.name())
            .query(UUID.class)
            .single(),
        pain,
        faos);
  }

  /** Answers every item (the NRS {@code pain}, each FAOS item {@code faos}) and submits. */
  private UUID answer(UUID referralId, UUID surveyId, int pain, int faos) {
    Instant closes =
        jdbc.sql("select closes_at from outcome_survey where id = ?")
            .param(surveyId)
            .query(Timestamp.class)
            .single()
            .toInstant();
    String token =
        links.issue(new LinkGrant(LinkPurpose.OUTCOME_SURVEY, surveyId, referralId, closes));
    String items =
        Stream.of(
                IntStream.rangeClosed(1, 9).mapToObj(i -> "P" + i),
                IntStream.rangeClosed(1, 7).mapToObj(i -> "S" + i),
                IntStream.rangeClosed(1, 17).mapToObj(i -> "A" + i),
                IntStream.rangeClosed(1, 5).mapToObj(i -> "SP" + i),
                IntStream.rangeClosed(1, 4).mapToObj(i -> "Q" + i))
            .flatMap(s -> s)
            .map(item -> "\"" + item + "\":" + faos)
            .collect(Collectors.joining(","));
    body(
        call(
            HttpMethod.PUT,
            "/api/self-service/survey/answers",
            token,
            "{\"answers\":{\"FAOS\":{" + items + "},\"PAIN_NRS\":{\"PAIN\":" + pain + "}}}"),
        200);
    body(call(HttpMethod.POST, "/api/self-service/survey/submission", token, null), 200);
    return surveyId;
  }

  private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
    var request = patient.method(method).uri(path).header("Patient-Link", token);
    if (body != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(String.class);
  }

  // --- the clinician's side

  private ResponseEntity<String> resolve(UUID taskId, String body) {
    return reviewer
        .post()
        .uri("/api/outcome-tasks/" + taskId + "/resolution")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(String.class);
  }

  private JsonNode worklist(String state) {
    return body(reviewer.get().uri("/api/outcome-tasks?state=" + state + "&limit=500"), 200);
  }

  private Optional<JsonNode> taskOf(UUID referralId) {
    return stream(body(reviewer.get().uri("/api/outcome-tasks?limit=500"), 200))
        .filter(t -> t.get("referralId").asString().equals(referralId.toString()))
        .findFirst();
  }

  private long tasksOf(UUID referralId) {
    return jdbc.sql("select count(*) from outcome_task where referral_id = ?")
        .param(referralId)
        .query(Long.class)
        .single();
  }

  private String state(UUID surveyId) {
    return jdbc.sql("select state from outcome_survey where id = ?")
        .param(surveyId)
        .query(String.class)
        .single();
  }

  private static List<String> ids(JsonNode tasks) {
    return stream(tasks).map(t -> t.get("id").asString()).toList();
  }

  private JsonNode body(RestClient.RequestHeadersSpec<?> request, int status) {
    return body(request.retrieve().toEntity(String.class), status);
  }

  private JsonNode body(ResponseEntity<String> response, int status) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    return json.readTree(response.getBody());
  }

  private static List<String> fields(JsonNode problem) {
    return stream(problem.get("errors")).map(e -> e.get("field").asString()).toList();
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
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
    UUID referralId = UUID.fromString(json.readTree(submitted.getBody()).get("id").asString());
    String reviewId =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    stream(body(reviewer.get().uri("/api/reviews?limit=500"), 200))
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
