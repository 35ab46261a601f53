package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.referral.ApiClients;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Separation of duties: a person who holds both PHYSICIAN and REVIEWER refers patients and reviews
 * other physicians' referrals, but never decides one they referred. Approving, declining or asking
 * for information on their own referral is 403 with a problem detail; the review, the referral and
 * the outbox stay as they were, and the refusal is in the audit trail. Their own cases are not in
 * their review queue; another reviewer decides them.
 */
@IntegrationTest
class SeparationOfDutiesIT {

  /**
   * A physician who is also a reviewing clinician, known by the same NPI as the fixtures' referrer.
   */
  private static final String BOTH = "dr-both-roles";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private RestClient both() {
    return ApiClients.as(
        port, TestTokens.issuer().token(BOTH, TestTokens.NPI, "PHYSICIAN", "REVIEWER"));
  }

  private CasesUnderReview cases() {
    return new CasesUnderReview(jdbc, json);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "approval            | APPROVE      | {\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}",
        "decline             | DECLINE      | {\"reason\":\"Not a candidate.\"}",
        "information-request | REQUEST_INFO | {\"items\":[\"The MRI report\"]}"
      })
  void nobodyDecidesAReferralTheyReferred(String decision, String action, String body) {
    CasesUnderReview.Case own = cases().submittedBy(both(), TestTokens.NPI);
    long outbox = cases().outboxEvents(own.referralId());
    long lastAuditRow = lastAuditRow();

    ResponseEntity<String> refused =
        both()
            .post()
            .uri("/api/reviews/" + own.reviewId() + "/" + decision)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .retrieve()
            .toEntity(String.class);

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(403);
    assertThat(refused.getHeaders().getContentType())
        .isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
    JsonNode problem = json.readTree(refused.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(403);
    assertThat(problem.get("detail").asString())
        .contains("never decided by the physician who referred it");
    assertThat(refused.getBody()).doesNotContain("Ilse", "Vandermeer", "Achilles");
    assertThat(cases().reviewState(own.reviewId())).as("the review is unchanged").isEqualTo("OPEN");
    assertThat(cases().status(own.referralId()))
        .as("the referral is unchanged")
        .isEqualTo("UNDER_REVIEW");
    assertThat(cases().outboxEvents(own.referralId())).as("no event").isEqualTo(outbox);
    assertThat(auditRowsAfter(lastAuditRow))
        .anySatisfy(
            row -> {
              assertThat(row.get("subject")).isEqualTo(BOTH);
              assertThat(row.get("action")).isEqualTo(action);
              assertThat(row.get("outcome")).isEqualTo("DENIED");
              assertThat(row.get("referral_id")).isEqualTo(own.referralId());
            });
  }

  @Test
  void anotherReviewerDecidesItAndThePhysicianReviewerDecidesOthersReferrals() {
    CasesUnderReview.Case own = cases().submittedBy(both(), TestTokens.NPI);
    CasesUnderReview.Case others =
        cases()
            .submittedBy(
                ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI)),
                TestTokens.OTHER_NPI);
    String approval =
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}";

    ResponseEntity<String> byAnother =
        ApiClients.reviewer(port)
            .post()
            .uri("/api/reviews/" + own.reviewId() + "/approval")
            .contentType(MediaType.APPLICATION_JSON)
            .body(approval)
            .retrieve()
            .toEntity(String.class);
    ResponseEntity<String> ofAnother =
        both()
            .post()
            .uri("/api/reviews/" + others.reviewId() + "/approval")
            .contentType(MediaType.APPLICATION_JSON)
            .body(approval)
            .retrieve()
            .toEntity(String.class);

    assertThat(byAnother.getStatusCode().value()).as(byAnother.getBody()).isEqualTo(200);
    assertThat(ofAnother.getStatusCode().value()).as(ofAnother.getBody()).isEqualTo(200);
    assertThat(decidedBy(own.reviewId())).isEqualTo("reviewer-1");
    assertThat(decidedBy(others.reviewId())).isEqualTo(BOTH);
  }

  @Test
  void theirOwnReferralsAreNotInTheirReviewQueue() {
    CasesUnderReview.Case own = cases().submittedBy(both(), TestTokens.NPI);

    String theirQueue = both().get().uri("/api/reviews?limit=500").retrieve().body(String.class);
    String anotherReviewersQueue =
        ApiClients.reviewer(port).get().uri("/api/reviews?limit=500").retrieve().body(String.class);

    assertThat(theirQueue).doesNotContain(own.reviewId().toString());
    assertThat(anotherReviewersQueue).contains(own.reviewId().toString());
  }

  private String decidedBy(UUID reviewId) {
    return jdbc.sql("select decision_detail ->> 'decidedBy' from eligibility_review where id = ?")
        .param(reviewId)
        .query(String.class)
        .single();
  }

  private long lastAuditRow() {
    return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
  }

  private List<Map<String, Object>> auditRowsAfter(long id) {
    return jdbc.sql(
            "select subject, action, outcome, referral_id from audit_event where id > ? order by id")
        .param(id)
        .query()
        .listOfRows();
  }
}
