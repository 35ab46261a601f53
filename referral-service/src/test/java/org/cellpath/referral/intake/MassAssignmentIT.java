package org.cellpath.referral.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mass assignment: what the server owns (the referral's id, status, dates, version, review,
 * findings and decision, and who referred it) cannot be set through a request. An unknown field is
 * refused with 400 naming it, a physician NPI other than the caller's with 403, and stored data
 * never changes. Against a real broker and a real PostgreSQL.
 */
@IntegrationTest
class MassAssignmentIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private RestClient physician() {
    return ApiClients.physician(port);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "id",
        "status",
        "submittedAt",
        "updatedAt",
        "version",
        "timeline",
        "review",
        "findings",
        "decision",
        "physicianNpi",
        "patient.patientKey",
        "physician.verified"
      })
  void aSubmissionCarryingAServerOwnedFieldIsRefusedNamingItAndNothingIsStored(String field) {
    ObjectNode referral = referral();
    String familyName = referral.get("patient").get("familyName").asString();
    set(referral, field);

    ResponseEntity<String> response = submit(referral);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    assertThat(fieldsNamed(response)).containsExactly(field);
    assertThat(storedWithFamilyName(familyName)).isZero();
  }

  @Test
  void aSubmissionNamingAnotherReferringPhysicianIsForbiddenAndNothingIsStored() {
    ObjectNode referral = referral();
    String familyName = referral.get("patient").get("familyName").asString();
    ((ObjectNode) referral.get("physician")).put("npi", TestTokens.OTHER_NPI);

    ResponseEntity<String> response = submit(referral);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
    assertThat(response.getHeaders().getContentType())
        .isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
    assertThat(json.readTree(response.getBody()).get("detail").asString())
        .contains("physician.npi");
    assertThat(response.getBody()).doesNotContain(familyName);
    assertThat(storedWithFamilyName(familyName)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"id", "status", "submittedAt", "updatedAt", "version", "review", "decision"})
  void anAmendmentCarryingAServerOwnedFieldIsRefusedAndTheReferralStaysAsItWas(String field) {
    UUID referralId = referralWaitingForInformation();
    Map<String, Object> before = stored(referralId);
    ObjectNode amendment = referral();
    set(amendment, field);

    ResponseEntity<String> response = amend(referralId, amendment);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    assertThat(fieldsNamed(response)).containsExactly(field);
    assertThat(stored(referralId)).isEqualTo(before);
  }

  @Test
  void anAmendmentHandingTheReferralToAnotherPhysicianIsForbiddenAndChangesNothing() {
    UUID referralId = referralWaitingForInformation();
    Map<String, Object> before = stored(referralId);
    ObjectNode amendment = referral();
    ((ObjectNode) amendment.get("physician")).put("npi", TestTokens.OTHER_NPI);

    ResponseEntity<String> response = amend(referralId, amendment);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
    assertThat(stored(referralId)).isEqualTo(before);
    assertThat(amend(referralId, referral()).getStatusCode().value())
        .as("the same amendment, clean")
        .isEqualTo(200);
  }

  @Test
  void aDecisionCannotNameWhoDecidedOrSetTheReviewsState() {
    UUID referralId = referralUnderReview();
    UUID reviewId = openReview(referralId);
    RestClient reviewer = ApiClients.reviewer(port);

    ResponseEntity<String> approval =
        reviewer
            .post()
            .uri("/api/reviews/" + reviewId + "/approval")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                "{\"cellSource\":\"ADIPOSE\",\"injectionSite\":\"Left\",\"decidedBy\":\"chief-of-staff\"}")
            .retrieve()
            .toEntity(String.class);
    ResponseEntity<String> decline =
        reviewer
            .post()
            .uri("/api/reviews/" + reviewId + "/decline")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"reason\":\"No\",\"state\":\"APPROVED\"}")
            .retrieve()
            .toEntity(String.class);

    assertThat(approval.getStatusCode().value()).isEqualTo(400);
    assertThat(fieldsNamed(approval)).containsExactly("decidedBy");
    assertThat(decline.getStatusCode().value()).isEqualTo(400);
    assertThat(fieldsNamed(decline)).containsExactly("state");
    assertThat(
            jdbc.sql("select state from eligibility_review where id = ?")
                .param(reviewId)
                .query(String.class)
                .single())
        .isEqualTo("OPEN");
  }

  @Test
  void anApprovalRecordsTheCallerAsWhoDecided() {
    UUID reviewId = openReview(referralUnderReview());

    ResponseEntity<String> approved =
        ApiClients.reviewer(port)
            .post()
            .uri("/api/reviews/" + reviewId + "/approval")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"cellSource\":\"ADIPOSE\",\"injectionSite\":\"Left\"}")
            .retrieve()
            .toEntity(String.class);

    assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(200);
    assertThat(
            jdbc.sql("select decision_detail ->> 'decidedBy' from eligibility_review where id = ?")
                .param(reviewId)
                .query(String.class)
                .single())
        .isEqualTo("reviewer-1");
  }

  /**
   * A valid referral of the physician of {@link TestTokens#NPI}, for a patient of its own, as JSON.
   */
  private ObjectNode referral() {
    return json.valueToTree(
        ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles()));
  }

  /**
   * Sets a field such as {@code status} or {@code patient.patientKey} to a value a client would
   * like to force.
   */
  private static void set(ObjectNode referral, String path) {
    int dot = path.indexOf('.');
    ObjectNode target = dot < 0 ? referral : (ObjectNode) referral.get(path.substring(0, dot));
    String name = path.substring(dot + 1);
    switch (name) {
      case "id" -> target.put(name, UUID.randomUUID().toString());
      case "status" -> target.put(name, "APPROVED");
      case "submittedAt", "updatedAt" -> target.put(name, "2020-01-01T00:00:00Z");
      case "version" -> target.put(name, 99);
      case "review", "decision" ->
          target.putObject(name).put("state", "APPROVED").put("decidedBy", "me");
      case "findings", "timeline" -> target.putArray(name).addObject().put("code", "CLEAR");
      case "physicianNpi" -> target.put(name, TestTokens.OTHER_NPI);
      default -> target.put(name, true);
    }
  }

  private ResponseEntity<String> submit(JsonNode referral) {
    return physician()
        .post()
        .uri("/api/referrals")
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsString(referral))
        .retrieve()
        .toEntity(String.class);
  }

  private ResponseEntity<String> amend(UUID referralId, JsonNode amendment) {
    return physician()
        .put()
        .uri("/api/referrals/" + referralId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsString(amendment))
        .retrieve()
        .toEntity(String.class);
  }

  private UUID referralUnderReview() {
    ResponseEntity<String> created = submit(referral());
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    UUID referralId = UUID.fromString(json.readTree(created.getBody()).get("id").asString());
    await().atMost(WAIT).until(() -> stored(referralId).get("status"), "UNDER_REVIEW"::equals);
    return referralId;
  }

  private UUID referralWaitingForInformation() {
    UUID referralId = referralUnderReview();
    ResponseEntity<String> asked =
        ApiClients.reviewer(port)
            .post()
            .uri("/api/reviews/" + openReview(referralId) + "/information-request")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"items\":[\"The MRI report\"]}")
            .retrieve()
            .toEntity(String.class);
    assertThat(asked.getStatusCode().value()).as(asked.getBody()).isEqualTo(200);
    await().atMost(WAIT).until(() -> stored(referralId).get("status"), "INFO_REQUESTED"::equals);
    return referralId;
  }

  private UUID openReview(UUID referralId) {
    return jdbc.sql("select id from eligibility_review where referral_id = ? and state = 'OPEN'")
        .param(referralId)
        .query(UUID.class)
        .single();
  }

  /** Everything stored about the referral that a request could try to set. */
  private Map<String, Object> stored(UUID referralId) {
    return jdbc.sql(
            """
            select id, status, physician_npi, details::text as details, submitted_at, updated_at, version
            from referral where id = ?
            """)
        .param(referralId)
        .query()
        .singleRow();
  }

  private long storedWithFamilyName(String familyName) {
    return jdbc.sql("select count(*) from referral where details -> 'patient' ->> 'familyName' = ?")
        .param(familyName)
        .query(Long.class)
        .single();
  }

  private java.util.List<String> fieldsNamed(ResponseEntity<String> response) {
    JsonNode errors = json.readTree(response.getBody()).get("errors");
    assertThat(errors).as(response.getBody()).isNotNull();
    return java.util.stream.StreamSupport.stream(errors.spliterator(), false)
        .map(error -> error.get("field").asString())
        .toList();
  }
}
