package org.cellpath.referral.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.PhoneNumber;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.Sex;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcomes summary and the similar cases beside a review, on the embedded database, over cases
 * seeded straight into {@code outcome_survey} and {@code outcome_score} (the questionnaires' own
 * path is OutcomeSurveysIT's). In this context no other test answers or misses a questionnaire, and
 * every figure asserted here is read under a condition only this test seeds.
 *
 * <p>The hand-computed set, chronic lateral ankle instability, age 40-59, approved with ADIPOSE
 * cells (though BONE_MARROW was preferred): six cases, all answered baseline; at 6 weeks A-E
 * answered and F missed (response rate 5/6 = 0.8333); pain NRS 8, 7, 6, 8, 5 at baseline and 4, 6,
 * 4, 8, 2 at 6 weeks: improvements 4, 1, 2, 0, 3, sorted 0 1 2 3 4: median 2, quartiles 1 and 3, 3
 * of 5 (0.6000) reaching the 2 points that matter. FAOS QOL 12.34 to 98.76 in A-E (each +86.42, all
 * meaningful); FAOS Pain in four cases only: too few. At 12 weeks two answered and one missed, the
 * others still open: 3 counted, too few. One of the six is synthetic. Beside them, four tendon or
 * ligament tears under 40, all smokers (one also diabetic): a group of four, too few.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OutcomeInsightsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant SUBMITTED = Instant.parse("2026-06-01T10:00:00Z");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private static boolean seeded;

  @BeforeEach
  void seedOnce() {
    if (seeded) {
      return;
    }
    String[] nrsBefore = {"8", "7", "6", "8", "5", "9"};
    String[] nrsAfter = {"4", "6", "4", "8", "2", null};
    String[] painBefore = {"40", "50", "30", "60", "45", "55"};
    String[] painAfter = {"60", "55", "30", "75", null, null};
    for (int i = 0; i < 6; i++) {
      UUID referral =
          referral(
              "CHRONIC_LATERAL_ANKLE_INSTABILITY",
              i == 5 ? "Synthetic-Ruiz" : "Case" + i,
              "1975-05-05",
              "[]",
              "ADIPOSE");
      survey(
          referral,
          "BASELINE",
          "COMPLETED",
          Map.of("NRS_PAIN", nrsBefore[i], "FAOS_PAIN", painBefore[i], "FAOS_QOL", "12.34"));
      if (i < 5) {
        Map<String, String> later = new java.util.HashMap<>();
        later.put("NRS_PAIN", nrsAfter[i]);
        later.put("FAOS_QOL", "98.76");
        if (painAfter[i] != null) {
          later.put("FAOS_PAIN", painAfter[i]);
        }
        survey(referral, "WEEK_6", "COMPLETED", later);
      } else {
        survey(referral, "WEEK_6", "MISSED", Map.of());
      }
      survey(referral, "WEEK_12", i < 2 ? "COMPLETED" : i == 2 ? "MISSED" : "OPEN", Map.of());
    }
    for (int i = 0; i < 4; i++) {
      UUID referral =
          referral(
              "TENDON_OR_LIGAMENT_TEAR",
              "Tear" + i,
              "1995-01-01",
              i == 0 ? "[\"SMOKING\", \"DIABETES\"]" : "[\"SMOKING\"]",
              "BONE_MARROW");
      survey(referral, "BASELINE", "COMPLETED", Map.of("NRS_PAIN", "7"));
      survey(referral, "WEEK_6", "COMPLETED", Map.of("NRS_PAIN", "3"));
    }
    seeded = true;
  }

  @Test
  void theSummaryGivesTheHandComputedFiguresOfAGroupOfSix() {
    JsonNode summary = summary("?condition=CHRONIC_LATERAL_ANKLE_INSTABILITY");

    assertThat(summary.get("cases").asInt()).isEqualTo(6);
    assertThat(summary.get("syntheticCases").asInt()).isEqualTo(1);
    JsonNode all = group(summary, "ALL", "ALL");
    assertThat(all.get("tooFew").asBoolean()).isFalse();
    assertThat(all.get("cases").asInt()).isEqualTo(6);
    JsonNode baseline = timePoint(all, "BASELINE");
    assertThat(baseline.get("answered").asInt()).isEqualTo(6);
    assertThat(baseline.get("responseRate").decimalValue()).isEqualByComparingTo("1");
    JsonNode week6 = timePoint(all, "WEEK_6");
    assertThat(week6.get("answered").asInt()).isEqualTo(5);
    assertThat(week6.get("missed").asInt()).isEqualTo(1);
    assertThat(week6.get("responseRate").decimalValue()).isEqualByComparingTo("0.8333");
    JsonNode pain = subscale(week6, "NRS_PAIN");
    assertThat(pain.get("tooFew").asBoolean()).isFalse();
    assertThat(pain.get("n").asInt()).isEqualTo(5);
    assertThat(pain.get("medianChange").decimalValue()).isEqualByComparingTo("2");
    assertThat(pain.get("lowerQuartile").decimalValue()).isEqualByComparingTo("1");
    assertThat(pain.get("upperQuartile").decimalValue()).isEqualByComparingTo("3");
    assertThat(pain.get("shareMeaningful").decimalValue()).isEqualByComparingTo("0.6");
    assertThat(subscale(week6, "FAOS_QOL").get("medianChange").decimalValue())
        .isEqualByComparingTo("86.42");
    JsonNode faosPain = subscale(week6, "FAOS_PAIN");
    assertThat(faosPain.get("tooFew").asBoolean()).as("four cases scored").isTrue();
    assertThat(faosPain.get("n").isNull()).isTrue();
    assertThat(faosPain.get("medianChange").isNull()).isTrue();
    JsonNode week12 = timePoint(all, "WEEK_12");
    assertThat(week12.get("tooFew").asBoolean())
        .as("2 answered + 1 missed; open not counted")
        .isTrue();
    assertThat(week12.get("responseRate").isNull()).isTrue();
    assertThat(week12.get("answered").isNull()).isTrue();
    assertThat(group(summary, "CELL_SOURCE", "ADIPOSE").get("cases").asInt())
        .as("the approved cell source, not the preferred one")
        .isEqualTo(6);
    assertThat(group(summary, "AGE_BAND", "FROM_40_TO_59").get("cases").asInt()).isEqualTo(6);
    assertThat(group(summary, "HEALTH_FACTOR", "NONE").get("cases").asInt()).isEqualTo(6);
  }

  @Test
  void aGroupOfFourIsTooFewToJudgeAndCarriesNoNumber() {
    JsonNode summary = summary("?condition=TENDON_OR_LIGAMENT_TEAR");

    JsonNode all = group(summary, "ALL", "ALL");
    assertThat(all.get("tooFew").asBoolean()).isTrue();
    assertThat(all.get("cases").isNull()).isTrue();
    JsonNode week6 = timePoint(all, "WEEK_6");
    assertThat(week6.get("tooFew").asBoolean()).isTrue();
    assertThat(week6.get("responseRate").isNull()).isTrue();
    assertThat(subscale(week6, "NRS_PAIN").get("tooFew").asBoolean()).isTrue();
    assertThat(subscale(week6, "NRS_PAIN").get("medianChange").isNull()).isTrue();
    JsonNode diabetes = group(summary, "HEALTH_FACTOR", "DIABETES");
    assertThat(diabetes.get("tooFew").asBoolean()).isTrue();
    assertThat(group(summary, "HEALTH_FACTOR", "SMOKING").get("tooFew").asBoolean())
        .as("a case with two factors counts in each: still four smokers")
        .isTrue();
  }

  @Test
  void filtersNarrowTheCasesAndTimePoints() {
    JsonNode byAge = summary("?ageBand=UNDER_40&healthFactor=SMOKING");
    assertThat(byAge.get("cases").asInt()).isEqualTo(4);
    assertThat(values(byAge, "CONDITION")).containsExactly("TENDON_OR_LIGAMENT_TEAR");

    JsonNode bySource = summary("?cellSource=ADIPOSE&condition=CHRONIC_LATERAL_ANKLE_INSTABILITY");
    assertThat(bySource.get("cases").asInt()).isEqualTo(6);
    assertThat(
            summary("?cellSource=BONE_MARROW&condition=CHRONIC_LATERAL_ANKLE_INSTABILITY")
                .get("cases")
                .asInt())
        .isZero();

    JsonNode week6 = summary("?condition=CHRONIC_LATERAL_ANKLE_INSTABILITY&timePoint=WEEK_6");
    List<String> points = new ArrayList<>();
    group(week6, "ALL", "ALL")
        .get("timePoints")
        .forEach(p -> points.add(p.get("timePoint").asString()));
    assertThat(points).containsExactly("WEEK_6");

    JsonNode unfiltered = summary("");
    assertThat(values(unfiltered, "CONDITION"))
        .contains("CHRONIC_LATERAL_ANKLE_INSTABILITY", "TENDON_OR_LIGAMENT_TEAR");
  }

  @Test
  void everyFilterOfAWrongValueIsRefusedByNameWithoutRepeatingIt() {
    ResponseEntity<String> refused =
        ApiClients.reviewer(port)
            .get()
            .uri("/api/outcomes/summary?condition=BROKEN_HEART&ageBand=old")
            .retrieve()
            .toEntity(String.class);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    json.readTree(refused.getBody())
        .get("errors")
        .forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("condition", "ageBand");
    assertThat(refused.getBody()).doesNotContain("BROKEN_HEART");
  }

  @Test
  void theCsvHoldsTheSameFiguresAndNoRowPerPatient() {
    ResponseEntity<String> csv =
        ApiClients.as(port, TestTokens.admin())
            .get()
            .uri("/api/outcomes/summary.csv?condition=CHRONIC_LATERAL_ANKLE_INSTABILITY")
            .retrieve()
            .toEntity(String.class);

    assertThat(csv.getStatusCode().value()).isEqualTo(200);
    assertThat(
            csv.getHeaders()
                .getContentType()
                .isCompatibleWith(MediaType.parseMediaType("text/csv")))
        .isTrue();
    List<String> lines = csv.getBody().lines().toList();
    assertThat(lines.get(0)).isEqualTo(SummaryCsv.HEADER);
    assertThat(lines)
        .contains(
            "ALL,ALL,WEEK_6,,,5,1,0.8333,,,,,,,,1",
            "ALL,ALL,WEEK_6,PAIN_NRS,NRS_PAIN,,,,5,2.00,1.00,3.00,0.6000,2,,1",
            "ALL,ALL,WEEK_6,FAOS,FAOS_PAIN,,,,,,,,,10,too few to judge,1",
            "ALL,ALL,WEEK_12,,,,,,,,,,,,too few to judge,1");
    assertThat(csv.getBody()).doesNotContain("Case0", "Synthetic-Ruiz", "1975-05-05");
  }

  @Test
  void similarPastCasesBesideAReviewOrNotEnoughOfThem() {
    for (int i = 0; i < 5; i++) {
      // Over 60: the other questionnaire tests of this context answer for Achilles patients of 55.
      UUID past = referral("ACHILLES_TENDON_INJURY", "Past" + i, "1950-01-01", "[]", "BONE_MARROW");
      survey(past, "BASELINE", "COMPLETED", Map.of("NRS_PAIN", "8"));
      survey(past, "WEEK_6", "COMPLETED", Map.of("NRS_PAIN", String.valueOf(7 - i)));
    }
    UUID unlike = referral("ACHILLES_TENDON_INJURY", "Unlike", "1950-01-01", "[]", "ADIPOSE");
    survey(unlike, "BASELINE", "COMPLETED", Map.of("NRS_PAIN", "8"));
    survey(unlike, "WEEK_6", "COMPLETED", Map.of("NRS_PAIN", "0"));
    UUID review = underReview("1955-03-14");
    UUID young = underReview("1999-03-14");

    JsonNode similar = similar(review);
    assertThat(similar.get("enough").asBoolean()).isTrue();
    assertThat(similar.get("cases").asInt()).as("the ADIPOSE case is not alike").isEqualTo(5);
    assertThat(similar.at("/criteria/condition").asString()).isEqualTo("ACHILLES_TENDON_INJURY");
    assertThat(similar.at("/criteria/ageBand").asString()).isEqualTo("FROM_60");
    assertThat(similar.at("/criteria/cellSource").asString()).isEqualTo("BONE_MARROW");
    assertThat(similar.at("/criteria/gradeBand").asString()).isEqualTo("NOT_GRADED");
    JsonNode week6 = timePoint(similar, "WEEK_6");
    // improvements 1, 2, 3, 4, 5
    assertThat(subscale(week6, "NRS_PAIN").get("medianChange").decimalValue())
        .isEqualByComparingTo("3");
    assertThat(subscale(week6, "NRS_PAIN").get("lowerQuartile").decimalValue())
        .isEqualByComparingTo("2");
    assertThat(subscale(week6, "NRS_PAIN").get("upperQuartile").decimalValue())
        .isEqualByComparingTo("4");

    JsonNode none = similar(young);
    assertThat(none.get("enough").asBoolean()).isFalse();
    assertThat(none.get("cases").isNull()).isTrue();
    assertThat(none.get("timePoints")).isEmpty();

    ResponseEntity<String> unknown =
        ApiClients.reviewer(port)
            .get()
            .uri("/api/reviews/" + UUID.randomUUID() + "/similar-outcomes")
            .retrieve()
            .toEntity(String.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void noScoreReachesTheServicesOutput(CapturedOutput output) {
    summary("?condition=CHRONIC_LATERAL_ANKLE_INSTABILITY");
    ApiClients.as(port, TestTokens.admin())
        .get()
        .uri("/api/outcomes/summary.csv")
        .retrieve()
        .toEntity(String.class);

    assertThat(output.getAll()).doesNotContain("12.34", "98.76", "86.42", "0.8333");
  }

  private JsonNode summary(String query) {
    ResponseEntity<String> response =
        ApiClients.reviewer(port)
            .get()
            .uri("/api/outcomes/summary" + query)
            .retrieve()
            .toEntity(String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  private JsonNode similar(UUID reviewId) {
    ResponseEntity<String> response =
        ApiClients.reviewer(port)
            .get()
            .uri("/api/reviews/" + reviewId + "/similar-outcomes")
            .retrieve()
            .toEntity(String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  private static JsonNode group(JsonNode summary, String dimension, String value) {
    for (JsonNode group : summary.get("groups")) {
      if (group.get("dimension").asString().equals(dimension)
          && group.get("value").asString().equals(value)) {
        return group;
      }
    }
    throw new AssertionError("no group " + dimension + " " + value + " in " + summary);
  }

  private static List<String> values(JsonNode summary, String dimension) {
    List<String> values = new ArrayList<>();
    summary
        .get("groups")
        .forEach(
            group -> {
              if (group.get("dimension").asString().equals(dimension)) {
                values.add(group.get("value").asString());
              }
            });
    return values;
  }

  private static JsonNode timePoint(JsonNode holder, String timePoint) {
    for (JsonNode point : holder.get("timePoints")) {
      if (point.get("timePoint").asString().equals(timePoint)) {
        return point;
      }
    }
    throw new AssertionError("no time point " + timePoint + " in " + holder);
  }

  private static JsonNode subscale(JsonNode timePoint, String subscale) {
    for (JsonNode figures : timePoint.get("subscales")) {
      if (figures.get("subscale").asString().equals(subscale)) {
        return figures;
      }
    }
    throw new AssertionError("no subscale " + subscale + " in " + timePoint);
  }

  /** A past case, approved with {@code cellSource}; BONE_MARROW preferred. */
  private UUID referral(
      String condition,
      String familyName,
      String dateOfBirth,
      String healthFactors,
      String cellSource) {
    UUID id = UUID.randomUUID();
    String details =
        """
        {"patient": {"givenName": "Seeded", "familyName": "%s", "dateOfBirth": "%s"},
         "condition": "%s", "healthFactors": %s, "preferredCellSource": "BONE_MARROW"}
        """
            .formatted(familyName, dateOfBirth, condition, healthFactors);
    jdbc.sql(
            """
            insert into referral (id, status, physician_npi, details, submitted_at, updated_at, patient_key,
                                  condition, side)
            values (?, 'APPROVED', '0000000000', cast(? as jsonb), ?, ?, ?, ?, 'LEFT')
            """)
        .params(
            id,
            details,
            Timestamp.from(SUBMITTED),
            Timestamp.from(SUBMITTED),
            id.toString(),
            condition)
        .update();
    jdbc.sql(
            """
            insert into eligibility_review (id, referral_id, state, recommendation, findings, opened_at,
                                            decided_at, decision, decision_detail)
            values (?, ?, 'APPROVED', 'LIKELY_ELIGIBLE', '[]', ?, ?, 'APPROVED', cast(? as jsonb))
            """)
        .params(
            UUID.randomUUID(),
            id,
            Timestamp.from(SUBMITTED),
            Timestamp.from(SUBMITTED),
            "{\"cellSource\": \"%s\", \"injectionSite\": \"left\", \"decidedBy\": \"reviewer-9\"}"
                .formatted(cellSource))
        .update();
    return id;
  }

  /** A questionnaire in {@code state} with these scores (subscale to score, null none). */
  private void survey(UUID referral, String timePoint, String state, Map<String, String> scores) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into outcome_survey (id, referral_id, time_point, state, due_at, completed_at)
            values (?, ?, ?, ?, ?, ?)
            """)
        .params(
            id,
            referral,
            timePoint,
            state,
            Timestamp.from(SUBMITTED),
            "COMPLETED".equals(state) ? Timestamp.from(SUBMITTED) : null)
        .update();
    scores.forEach(
        (subscale, score) ->
            jdbc.sql(
                    """
                    insert into outcome_score (survey_id, instrument, subscale, score, answered)
                    values (?, ?, ?, ?, 1)
                    """)
                .params(
                    id,
                    subscale.startsWith("NRS") ? "PAIN_NRS" : "FAOS",
                    subscale,
                    score == null ? null : new BigDecimal(score))
                .update());
  }

  /** A referral of this patient's date of birth, under review; its review's id. */
  private UUID underReview(String dateOfBirth) {
    ReferralDetails.Patient patient =
        new ReferralDetails.Patient(
            "Alike",
            "Case-" + UUID.randomUUID().toString().substring(0, 8),
            LocalDate.parse(dateOfBirth),
            Sex.FEMALE,
            new PhoneNumber("+14155550177"),
            new EmailAddress("alike@example.org"),
            "en",
            ContactChannel.EMAIL,
            true,
            "America/Los_Angeles");
    ResponseEntity<String> submitted =
        ApiClients.physician(port)
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                json.writeValueAsString(
                    ReferralFixtures.forPatient(
                        ReferralFixtures.likelyEligibleAchilles(), patient)))
            .retrieve()
            .toEntity(String.class);
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
    UUID referralId = UUID.fromString(json.readTree(submitted.getBody()).get("id").asString());
    return await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                        "select id from eligibility_review where referral_id = ? and state = 'OPEN'")
                    .param(referralId)
                    .query(UUID.class)
                    .optional()
                    .orElse(null),
            id -> id != null);
  }
}
