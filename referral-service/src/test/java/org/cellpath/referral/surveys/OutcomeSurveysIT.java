package org.cellpath.referral.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.SchedulingEvent;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.contracts.Topics;
import org.cellpath.contracts.fixtures.Contacts;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.MutableClock;
import org.cellpath.testsupport.TopicReader;
import org.cellpath.time.ClinicTimeZone;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patient's questionnaires on the real broker and database (docs/domain.md §9.2,
 * docs/outcomes.md): the follow-ups planned from the booked injection, moved with the pair,
 * re-anchored when the injection is done and opened only then; the sweep opens, reminds once and
 * closes as missed, each event once even when two sweeps race; withdrawals and cancellations stop
 * them; and the patient's questionnaire API (docs/api.md). The service's clock is the test's: the
 * physician and reviewer act at the wall clock's time (their tokens are checked against it), then
 * the clock moves weeks ahead and the test runs the sweep itself (its own rounds wait an hour).
 */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "cellpath.outcomes.sweep-interval=1h")
@ExtendWith(OutputCaptureExtension.class)
class OutcomeSurveysIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final MutableClock clock = MutableClock.SHARED;

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired SurveySweep sweep;
  @Autowired Surveys surveys;
  @Autowired Referrals referrals;
  @Autowired TransactionTemplate transactions;
  @Autowired PatientLinks links;
  @Autowired ClinicTimeZone clinic;

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
  void theFollowUpsArePlannedFromTheInjectionMovedWithThePairAndOpenOnlyOnceItIsDone() {
    UUID referralId = approvedReferral(false);
    Row baseline = survey(referralId, SurveyTimePoint.BASELINE);
    assertThat(baseline.state()).as("the baseline opens with the approval").isEqualTo("OPEN");
    assertThat(dueEvents(baseline.id(), false)).isEqualTo(1);
    UUID pairId = UUID.randomUUID();
    Instant injection = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);

    publish(booked(referralId, pairId, injection));

    await().atMost(WAIT).until(() -> find(referralId, SurveyTimePoint.WEEK_24).isPresent());
    assertThat(survey(referralId, SurveyTimePoint.WEEK_6).dueAt()).isEqualTo(due(injection, 42));
    assertThat(survey(referralId, SurveyTimePoint.WEEK_12).dueAt()).isEqualTo(due(injection, 84));
    assertThat(survey(referralId, SurveyTimePoint.WEEK_24).dueAt()).isEqualTo(due(injection, 168));
    assertThat(survey(referralId, SurveyTimePoint.BASELINE).closesAt())
        .as("the baseline closes when the harvest starts, before its fortnight ends")
        .isEqualTo(injection.minus(Duration.ofHours(3)));

    Instant moved = injection.plus(Duration.ofDays(2));
    publish(rescheduled(referralId, pairId, moved));
    await()
        .atMost(WAIT)
        .until(() -> survey(referralId, SurveyTimePoint.WEEK_6).dueAt(), due(moved, 42)::equals);
    assertThat(survey(referralId, SurveyTimePoint.WEEK_24).dueAt()).isEqualTo(due(moved, 168));
    // The booking's report again, older than the move, arriving late: the move stands.
    publish(
        new AppointmentPairBooked(
            UUID.randomUUID(),
            referralId,
            Instant.now().minus(Duration.ofHours(1)),
            pairId,
            appointments(injection),
            Contacts.patient().build()));
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                        "select count(*) from referral_timeline where referral_id = ? and note = 'Procedure booked'")
                    .param(referralId)
                    .query(Long.class)
                    .single(),
            count -> count == 2);
    assertThat(survey(referralId, SurveyTimePoint.WEEK_6).dueAt()).isEqualTo(due(moved, 42));

    clock.set(due(moved, 42).plus(Duration.ofHours(1)));
    sweep.sweepPage();
    assertThat(survey(referralId, SurveyTimePoint.WEEK_6).state())
        .as("due, but the injection is not recorded done: not asked")
        .isEqualTo("PLANNED");
    assertThat(dueEvents(survey(referralId, SurveyTimePoint.WEEK_6).id(), false)).isZero();

    // Done a day later than booked: the follow-ups count from the day it took place.
    Instant actual = moved.plus(Duration.ofDays(1));
    publish(completed(referralId, pairId, actual));
    await()
        .atMost(WAIT)
        .until(() -> survey(referralId, SurveyTimePoint.WEEK_6).dueAt(), due(actual, 42)::equals);

    Instant opening = due(actual, 42).plus(Duration.ofMinutes(1));
    clock.set(opening);
    sweep.sweepPage();
    Row week6 = survey(referralId, SurveyTimePoint.WEEK_6);
    assertThat(week6.state()).isEqualTo("OPEN");
    assertThat(week6.closesAt()).isEqualTo(opening.plus(Duration.ofDays(14)));
    assertThat(survey(referralId, SurveyTimePoint.WEEK_12).state()).isEqualTo("PLANNED");
    assertThat(dueEvents(week6.id(), false)).isEqualTo(1);
    ConsumerRecord<byte[], byte[]> sent =
        referralEvents.awaitRecord(
            r ->
                "OutcomeSurveyDue".equals(TopicReader.header(r, "ce_type"))
                    && TopicReader.value(r).contains(week6.id().toString()),
            WAIT);
    JsonNode event = json.readTree(TopicReader.value(sent));
    assertThat(event.get("timePoint").asString()).isEqualTo("WEEK_6");
    assertThat(event.get("reminder").asBoolean()).isFalse();
    assertThat(Instant.parse(event.get("closesAt").asString())).isEqualTo(week6.closesAt());
    assertThat(TopicReader.value(sent)).doesNotContain("ana.rivera@example.org", "ACHILLES");

    clock.set(opening.plus(Duration.ofDays(3)));
    sweep.sweepPage();
    clock.set(opening.plus(Duration.ofDays(4)));
    sweep.sweepPage();
    assertThat(dueEvents(week6.id(), true)).as("one reminder, 3 days after opening").isEqualTo(1);
    assertThat(dueEvents(week6.id(), false)).isEqualTo(1);

    clock.set(opening.plus(Duration.ofDays(14)));
    sweep.sweepPage();
    assertThat(survey(referralId, SurveyTimePoint.WEEK_6).state()).isEqualTo("MISSED");
    assertThat(dueEvents(week6.id(), true)).isEqualTo(1);
  }

  @Test
  void aWithdrawalStopsEveryQuestionnaireAndACancellationTheFollowUpsUntilTheNextBooking() {
    UUID withdrawn = approvedReferral(false);
    publish(booked(withdrawn, UUID.randomUUID(), Instant.now().plus(Duration.ofDays(10))));
    await().atMost(WAIT).until(() -> find(withdrawn, SurveyTimePoint.WEEK_24).isPresent());
    ResponseEntity<String> withdrawal =
        physician
            .post()
            .uri("/api/referrals/" + withdrawn + "/withdrawal")
            .retrieve()
            .toEntity(String.class);
    assertThat(withdrawal.getStatusCode().value()).as(withdrawal.getBody()).isEqualTo(200);
    assertThat(states(withdrawn))
        .as("the open baseline too")
        .containsOnlyKeys(SurveyTimePoint.values())
        .allSatisfy((point, state) -> assertThat(state).isEqualTo("STOPPED"));

    UUID cancelled = approvedReferral(false);
    UUID pairId = UUID.randomUUID();
    Instant injection = Instant.now().plus(Duration.ofDays(10));
    publish(booked(cancelled, pairId, injection));
    await().atMost(WAIT).until(() -> find(cancelled, SurveyTimePoint.WEEK_24).isPresent());
    publish(
        new AppointmentPairCancelled(
            UUID.randomUUID(),
            cancelled,
            Instant.now(),
            pairId,
            1,
            appointments(injection),
            Contacts.patient().build()));
    await()
        .atMost(WAIT)
        .until(() -> survey(cancelled, SurveyTimePoint.WEEK_6).state(), "STOPPED"::equals);
    assertThat(states(cancelled))
        .containsEntry(SurveyTimePoint.BASELINE, "OPEN")
        .containsEntry(SurveyTimePoint.WEEK_12, "STOPPED")
        .containsEntry(SurveyTimePoint.WEEK_24, "STOPPED");

    Instant rebooked = injection.plus(Duration.ofDays(7));
    publish(booked(cancelled, UUID.randomUUID(), rebooked));
    await()
        .atMost(WAIT)
        .until(() -> survey(cancelled, SurveyTimePoint.WEEK_6).state(), "PLANNED"::equals);
    assertThat(survey(cancelled, SurveyTimePoint.WEEK_24).dueAt()).isEqualTo(due(rebooked, 168));

    clock.set(due(rebooked, 170));
    sweep.sweepPage();
    for (SurveyTimePoint point :
        List.of(SurveyTimePoint.WEEK_6, SurveyTimePoint.WEEK_12, SurveyTimePoint.WEEK_24)) {
      assertThat(dueEvents(survey(withdrawn, point).id(), false)).isZero();
      assertThat(survey(withdrawn, point).state()).isEqualTo("STOPPED");
    }
  }

  /**
   * Two instances' sweeps at the same moment: each survey is claimed by one of them ({@code FOR
   * UPDATE SKIP LOCKED}), so each link and reminder is sent once.
   */
  @Test
  void twoSweepsRacingRaiseEachEventExactlyOnce() throws Exception {
    Instant now = clock.instant();
    List<UUID> ids = new ArrayList<>();
    transactions.executeWithoutResult(
        status -> {
          for (int i = 0; i < 10; i++) {
            Referral referral =
                Referral.submit(
                    UUID.randomUUID(),
                    ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles()),
                    now,
                    clinic.timeZone());
            referrals.add(referral, "race-" + referral.id());
            Survey baseline = Survey.baseline(referral.id(), now);
            surveys.add(baseline, List.of());
            ids.add(baseline.id());
            for (SurveyTimePoint point :
                List.of(SurveyTimePoint.WEEK_6, SurveyTimePoint.WEEK_12, SurveyTimePoint.WEEK_24)) {
              Survey followUp =
                  Survey.followUp(referral.id(), point, now.minusSeconds(60)).plannedAfter(true);
              surveys.add(followUp, List.of());
              ids.add(followUp.id());
            }
          }
        });
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService instances = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> rounds = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        rounds.add(
            instances.submit(
                () -> {
                  together.await();
                  return sweep.sweepPage();
                }));
      }
      for (Future<Integer> round : rounds) {
        round.get();
      }
    } finally {
      instances.shutdownNow();
    }

    for (UUID id : ids) {
      assertThat(dueEvents(id, false)).as("links sent for survey %s", id).isEqualTo(1);
    }
  }

  @Test
  void thePatientReadsSavesResumesAndSubmitsAndTheScoresAreKeptOutOfTheLogs(CapturedOutput output) {
    UUID referralId = approvedReferral(false);
    Row baseline = survey(referralId, SurveyTimePoint.BASELINE);
    String token = link(LinkPurpose.OUTCOME_SURVEY, baseline.id(), referralId, baseline.closesAt());

    JsonNode page = body(call("GET", "/api/self-service/survey", token, null), 200);
    assertThat(page.get("timePoint").asString()).isEqualTo("BASELINE");
    assertThat(page.get("state").asString()).isEqualTo("OPEN");
    assertThat(page.get("canAnswer").asBoolean()).isTrue();
    assertThat(page.get("patient").get("givenName").asString()).isEqualTo("Ana");
    assertThat(page.get("patient").get("language").asString()).isEqualTo("en");
    assertThat(stream(page.get("instruments")).map(i -> i.get("instrument").asString()))
        .containsExactly("PAIN_NRS", "FAOS");
    assertThat(stream(page.get("notOffered")).map(JsonNode::asString)).containsExactly("VISA-A");
    assertThat(page.get("total").asInt()).isEqualTo(43);
    assertThat(page.get("answered").asInt()).isZero();
    JsonNode nrs = page.get("instruments").get(0).get("sections").get(0).get("items").get(0);
    assertThat(nrs.get("options").size()).isEqualTo(11);
    assertThat(nrs.get("options").get(0).get("label").asString()).isEqualTo("No pain");
    assertThat(nrs.get("options").get(5).get("label").isNull()).isTrue();

    // The guide's example: Pain answered 2, 1, 0, 3, 2, 1, 0, 1, 2 scores 66.67.
    String faosPain =
        "\"P1\":2,\"P2\":1,\"P3\":0,\"P4\":3,\"P5\":2,\"P6\":1,\"P7\":0,\"P8\":1,\"P9\":4";
    JsonNode saved =
        body(
            call(
                "PUT",
                "/api/self-service/survey/answers",
                token,
                "{\"answers\":{\"FAOS\":{" + faosPain + "},\"PAIN_NRS\":{\"PAIN\":7}}}"),
            200);
    assertThat(saved.get("answered").asInt()).isEqualTo(10);
    body(
        call(
            "PUT",
            "/api/self-service/survey/answers",
            token,
            "{\"answers\":{\"FAOS\":{\"P9\":2,\"S1\":null},\"PAIN_NRS\":{\"PAIN\":null}}}"),
        200);

    // Another device, later: the same link opens the answers as saved.
    JsonNode resumed = body(call("GET", "/api/self-service/survey", token, null), 200);
    assertThat(resumed.get("answered").asInt()).isEqualTo(9);
    JsonNode faos = resumed.get("instruments").get(1);
    JsonNode pain =
        stream(faos.get("sections"))
            .filter(s -> "Pain".equals(s.get("title").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(stream(pain.get("items")).map(i -> i.get("answer").asInt()))
        .containsExactly(2, 1, 0, 3, 2, 1, 0, 1, 2);
    assertThat(
            resumed
                .get("instruments")
                .get(0)
                .get("sections")
                .get(0)
                .get("items")
                .get(0)
                .get("answer")
                .isNull())
        .as("cleared")
        .isTrue();

    JsonNode submitted =
        body(call("POST", "/api/self-service/survey/submission", token, null), 200);
    assertThat(submitted.get("state").asString()).isEqualTo("COMPLETED");
    assertThat(submitted.get("canAnswer").asBoolean()).isFalse();
    Map<String, BigDecimal> scores = surveys.scores(baseline.id());
    assertThat(scores.get("FAOS_PAIN")).isEqualByComparingTo("66.67");
    assertThat(scores).containsEntry("FAOS_SYMPTOMS", null).containsEntry("NRS_PAIN", null);
    assertThat(scores).hasSize(6);

    body(call("POST", "/api/self-service/survey/submission", token, null), 200);
    assertThat(surveys.scores(baseline.id()))
        .as("a second submission changes nothing")
        .isEqualTo(scores);
    ResponseEntity<String> late =
        call(
            "PUT",
            "/api/self-service/survey/answers",
            token,
            "{\"answers\":{\"FAOS\":{\"P1\":4}}}");
    assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(409);
    assertThat(late.getHeaders().getCacheControl()).contains("no-store");

    // Scores and answers are clinical: nowhere in the service's output, nor the token.
    assertThat(
            jdbc.sql(
                    """
                    select action || ' ' || outcome from audit_event
                    where resource_type = 'outcome-survey' and resource_id = ? and referral_id = ?
                    order by id
                    """)
                .params(baseline.id().toString(), referralId)
                .query(String.class)
                .list())
        .containsExactly(
            "SURVEY_LINK_READ ALLOWED",
            "SURVEY_LINK_ANSWER ALLOWED",
            "SURVEY_LINK_ANSWER ALLOWED",
            "SURVEY_LINK_READ ALLOWED",
            "SURVEY_LINK_SUBMIT ALLOWED",
            "SURVEY_LINK_SUBMIT ALLOWED",
            "SURVEY_LINK_ANSWER REFUSED");
    assertThat(output.getAll()).doesNotContain("66.67", "\"P4\":3", "FAOS_PAIN", token);
  }

  @Test
  void aLinkThatOpensNoSurveyOfItsReferralIsOneAnswerAndAnExpiredOneIsGone() {
    UUID referralId = approvedReferral(false);
    Row baseline = survey(referralId, SurveyTimePoint.BASELINE);
    Instant closes = baseline.closesAt();

    String forged = link(LinkPurpose.OUTCOME_SURVEY, baseline.id(), referralId, closes);
    forged =
        forged.substring(0, 40) + (forged.charAt(40) == 'A' ? 'B' : 'A') + forged.substring(41);
    assertLinkInvalid(forged);
    assertLinkInvalid(link(LinkPurpose.APPOINTMENTS, baseline.id(), referralId, closes));
    assertLinkInvalid(link(LinkPurpose.OUTCOME_SURVEY, baseline.id(), UUID.randomUUID(), closes));
    assertLinkInvalid(link(LinkPurpose.OUTCOME_SURVEY, UUID.randomUUID(), referralId, closes));
    // Each refused use is in the audit trail, naming nothing the link did not open.
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from audit_event
                    where action = 'SURVEY_LINK_READ' and outcome = 'DENIED' and subject = 'anonymous'
                      and resource_id is null and referral_id is null and occurred_at >= ?
                    """)
                .param(java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single())
        .isGreaterThanOrEqualTo(4);
    ResponseEntity<String> noHeader =
        patient.get().uri("/api/self-service/survey").retrieve().toEntity(String.class);
    assertThat(noHeader.getStatusCode().value()).isEqualTo(400);

    String token = link(LinkPurpose.OUTCOME_SURVEY, baseline.id(), referralId, closes);
    JsonNode wrongType =
        body(
            call(
                "PUT",
                "/api/self-service/survey/answers",
                token,
                "{\"answers\":{\"FAOS\":{\"P1\":\"two\"}}}"),
            400);
    assertThat(fields(wrongType)).containsExactly("answers.FAOS.P1");
    JsonNode unknown =
        body(
            call(
                "PUT",
                "/api/self-service/survey/answers",
                token,
                "{\"answers\":{\"FAOS\":{\"P99\":1,\"P2\":5},\"VISA_A\":{\"1\":3},\"KOOS\":{}}}"),
            400);
    assertThat(fields(unknown))
        .containsExactlyInAnyOrder(
            "answers.FAOS.P99", "answers.FAOS.P2", "answers.VISA_A", "answers.KOOS");
    assertThat(
            body(call("GET", "/api/self-service/survey", token, null), 200).get("answered").asInt())
        .as("a refused save saves nothing")
        .isZero();

    clock.set(closes.plusSeconds(1));
    ResponseEntity<String> expired = call("GET", "/api/self-service/survey", token, null);
    assertThat(expired.getStatusCode().value()).isEqualTo(410);
    assertThat(body(expired, 410).get("type").asString())
        .isEqualTo("https://cellpath.org/problems/link-expired");
  }

  @Test
  void aSpanishPatientIsAskedInTheEnglishWordsTheClinicHasAndTheConsoleIsToldSo() {
    UUID referralId = approvedReferral(true);
    Row baseline = survey(referralId, SurveyTimePoint.BASELINE);
    String token = link(LinkPurpose.OUTCOME_SURVEY, baseline.id(), referralId, baseline.closesAt());

    JsonNode page = body(call("GET", "/api/self-service/survey", token, null), 200);

    assertThat(page.get("patient").get("language").asString()).isEqualTo("es");
    assertThat(stream(page.get("instruments")).map(i -> i.get("wordingLanguage").asString()))
        .containsExactly("en", "en");
    assertThat(
            page.get("instruments")
                .get(1)
                .get("sections")
                .get(0)
                .get("items")
                .get(0)
                .get("text")
                .asString())
        .isEqualTo("Do you have swelling in your foot/ankle?");
  }

  private void assertLinkInvalid(String token) {
    ResponseEntity<String> refused = call("GET", "/api/self-service/survey", token, null);
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(404);
    assertThat(body(refused, 404).get("type").asString())
        .isEqualTo("https://cellpath.org/problems/link-invalid");
  }

  private String link(LinkPurpose purpose, UUID subject, UUID referralId, Instant expiry) {
    return links.issue(new LinkGrant(purpose, subject, referralId, expiry));
  }

  private ResponseEntity<String> call(String method, String path, String token, String body) {
    var request =
        patient
            .method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(path)
            .header("Patient-Link", token);
    if (body != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(String.class);
  }

  private JsonNode body(ResponseEntity<String> response, int status) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    return json.readTree(response.getBody());
  }

  private static List<String> fields(JsonNode problem) {
    return stream(problem.get("errors")).map(e -> e.get("field").asString()).toList();
  }

  /** The moment a follow-up {@code days} after the injection's clinic day is sent. */
  private Instant due(Instant injection, int days) {
    return LocalDate.ofInstant(injection, clinic.timeZone())
        .plusDays(days)
        .atTime(LocalTime.of(10, 0))
        .atZone(clinic.timeZone())
        .toInstant();
  }

  private long dueEvents(UUID surveyId, boolean reminder) {
    return jdbc.sql(
            """
            select count(*) from outbox_event
            where event_type = 'OutcomeSurveyDue' and payload ->> 'surveyId' = :survey
              and (payload ->> 'reminder')::boolean = :reminder
            """)
        .param("survey", surveyId.toString())
        .param("reminder", reminder)
        .query(Long.class)
        .single();
  }

  record Row(UUID id, String state, Instant dueAt, Instant closesAt) {}

  private Optional<Row> find(UUID referralId, SurveyTimePoint point) {
    return jdbc.sql(
            "select id, state, due_at, closes_at from outcome_survey where referral_id = ? and time_point = ?")
        .params(referralId, point.name())
        .query(
            (rs, row) ->
                new Row(
                    rs.getObject("id", UUID.class),
                    rs.getString("state"),
                    rs.getTimestamp("due_at").toInstant(),
                    rs.getTimestamp("closes_at") == null
                        ? null
                        : rs.getTimestamp("closes_at").toInstant()))
        .optional();
  }

  private Row survey(UUID referralId, SurveyTimePoint point) {
    return find(referralId, point).orElseThrow();
  }

  private Map<SurveyTimePoint, String> states(UUID referralId) {
    Map<SurveyTimePoint, String> states = new java.util.EnumMap<>(SurveyTimePoint.class);
    for (SurveyTimePoint point : SurveyTimePoint.values()) {
      find(referralId, point).ifPresent(row -> states.put(point, row.state()));
    }
    return states;
  }

  private UUID approvedReferral(boolean spanish) {
    String details =
        json.writeValueAsString(
            ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles()));
    if (spanish) {
      assertThat(details).contains("\"language\":\"en\"");
      details = details.replace("\"language\":\"en\"", "\"language\":\"es\"");
    }
    ResponseEntity<String> submitted =
        physician
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(details)
            .retrieve()
            .toEntity(String.class);
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
    UUID referralId = UUID.fromString(json.readTree(submitted.getBody()).get("id").asString());
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
    ResponseEntity<String> approved =
        reviewer
            .post()
            .uri("/api/reviews/" + reviewId + "/approval")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left\"}")
            .retrieve()
            .toEntity(String.class);
    assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(200);
    return referralId;
  }

  private static AppointmentPairBooked booked(UUID referralId, UUID pairId, Instant injection) {
    return new AppointmentPairBooked(
        UUID.randomUUID(),
        referralId,
        Instant.now(),
        pairId,
        appointments(injection),
        Contacts.patient().build());
  }

  private static AppointmentPairRescheduled rescheduled(
      UUID referralId, UUID pairId, Instant injection) {
    return new AppointmentPairRescheduled(
        UUID.randomUUID(),
        referralId,
        Instant.now(),
        pairId,
        2,
        appointments(injection),
        Contacts.patient().build());
  }

  private static AppointmentCompleted completed(UUID referralId, UUID pairId, Instant injection) {
    return new AppointmentCompleted(
        UUID.randomUUID(),
        referralId,
        Instant.now(),
        pairId,
        appointment(AppointmentKind.INJECTION, injection),
        "LOT-1",
        Contacts.patient().build());
  }

  /** A harvest 3 hours before the injection. */
  private static List<Appointment> appointments(Instant injection) {
    return List.of(
        appointment(AppointmentKind.HARVEST, injection.minus(Duration.ofHours(3))),
        appointment(AppointmentKind.INJECTION, injection));
  }

  private static Appointment appointment(AppointmentKind kind, Instant startsAt) {
    return new Appointment(
        UUID.randomUUID(),
        kind,
        startsAt,
        startsAt.plus(Duration.ofHours(1)),
        "America/Los_Angeles",
        "Dr. Ana Ruiz",
        "Bayview Clinic",
        "1 Harbor Way, San Francisco",
        "Procedure room 2");
  }

  private void publish(SchedulingEvent event) {
    try {
      cellpathKafkaTemplate
          .send(EventRecords.of(event, messaging, "/cellpath/scheduling-service"))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
