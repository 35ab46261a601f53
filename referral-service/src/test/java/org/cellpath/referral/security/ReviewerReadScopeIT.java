package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.referral.ApiClients;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reviewing clinician reads a referral, and its review, only while it has a review they may act
 * on (open) or once they decided it; not a referral another reviewer decided, nor one withdrawn
 * before anyone decided it. Those are answered 404 exactly like a referral that does not exist,
 * audited DENIED, and say nothing of the patient.
 */
@IntegrationTest
class ReviewerReadScopeIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String APPROVAL =
      "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private RestClient reviewer() {
    return ApiClients.reviewer(port);
  }

  private RestClient anotherReviewer() {
    return ApiClients.as(port, TestTokens.issuer().token("reviewer-2", null, "REVIEWER"));
  }

  private CasesUnderReview.Case newCase() {
    return new CasesUnderReview(jdbc, json).submittedBy(ApiClients.physician(port), TestTokens.NPI);
  }

  @Test
  void aReviewerReadsAReferralWhoseReviewIsOpen() {
    CasesUnderReview.Case open = newCase();

    assertThat(status(reviewer(), "/api/referrals/" + open.referralId())).isEqualTo(200);
    assertThat(status(reviewer(), "/api/reviews/" + open.reviewId())).isEqualTo(200);
  }

  @Test
  void aReviewerStillReadsWhatTheyDecidedButNotWhatAnotherReviewerDecided() {
    CasesUnderReview.Case decided = newCase();
    assertThat(decide(anotherReviewer(), decided.reviewId())).isEqualTo(200);
    long lastAuditRow = lastAuditRow();

    ResponseEntity<String> referral = get(reviewer(), "/api/referrals/" + decided.referralId());
    ResponseEntity<String> review = get(reviewer(), "/api/reviews/" + decided.reviewId());

    assertThat(auditRowsAfter(lastAuditRow))
        .extracting(row -> row.get("action") + " " + row.get("outcome"))
        .containsExactly("READ DENIED", "REVIEW_READ DENIED");
    assertHiddenLikeAMissingOne(referral, "/api/referrals/", decided.referralId());
    assertHiddenLikeAMissingOne(review, "/api/reviews/", decided.reviewId());
    assertThat(status(anotherReviewer(), "/api/referrals/" + decided.referralId())).isEqualTo(200);
    assertThat(status(anotherReviewer(), "/api/reviews/" + decided.reviewId())).isEqualTo(200);
  }

  @Test
  void aReviewerWhoAskedForInformationReadsTheAnswerWhenTheReviewReopens() {
    CasesUnderReview.Case asked = newCase();
    ResponseEntity<String> request =
        reviewer()
            .post()
            .uri("/api/reviews/" + asked.reviewId() + "/information-request")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"items\":[\"The MRI report\"]}")
            .retrieve()
            .toEntity(String.class);
    assertThat(request.getStatusCode().value()).as(request.getBody()).isEqualTo(200);

    assertThat(status(reviewer(), "/api/referrals/" + asked.referralId()))
        .as("they decided it")
        .isEqualTo(200);
    assertHiddenLikeAMissingOne(
        get(anotherReviewer(), "/api/referrals/" + asked.referralId()),
        "/api/referrals/",
        asked.referralId());
  }

  @Test
  void aReferralWithdrawnBeforeAnyDecisionIsNoReviewersToRead() {
    CasesUnderReview.Case withdrawn = newCase();
    assertThat(
            ApiClients.physician(port)
                .post()
                .uri("/api/referrals/" + withdrawn.referralId() + "/withdrawal")
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(200);
    await().atMost(WAIT).until(() -> reviewState(withdrawn.reviewId()), "CLOSED"::equals);

    assertHiddenLikeAMissingOne(
        get(reviewer(), "/api/referrals/" + withdrawn.referralId()),
        "/api/referrals/",
        withdrawn.referralId());
    assertHiddenLikeAMissingOne(
        get(reviewer(), "/api/reviews/" + withdrawn.reviewId()),
        "/api/reviews/",
        withdrawn.reviewId());
    assertThat(status(ApiClients.physician(port), "/api/referrals/" + withdrawn.referralId()))
        .as("the referring physician still reads it")
        .isEqualTo(200);
  }

  /** 404 with the body a random id gets, and nothing of the patient. */
  private void assertHiddenLikeAMissingOne(ResponseEntity<String> hidden, String path, UUID id) {
    UUID unknown = UUID.randomUUID();
    ResponseEntity<String> missing = get(reviewer(), path + unknown);
    assertThat(hidden.getStatusCode().value()).as(hidden.getBody()).isEqualTo(404);
    assertThat(hidden.getBody().replace(id.toString(), "ID"))
        .isEqualTo(missing.getBody().replace(unknown.toString(), "ID"));
    assertThat(hidden.getBody()).doesNotContain("Ilse", "Vandermeer", "Achilles");
  }

  private int decide(RestClient client, UUID reviewId) {
    return client
        .post()
        .uri("/api/reviews/" + reviewId + "/approval")
        .contentType(MediaType.APPLICATION_JSON)
        .body(APPROVAL)
        .retrieve()
        .toEntity(String.class)
        .getStatusCode()
        .value();
  }

  private static ResponseEntity<String> get(RestClient client, String path) {
    return client.get().uri(path).retrieve().toEntity(String.class);
  }

  private static int status(RestClient client, String path) {
    return get(client, path).getStatusCode().value();
  }

  private String reviewState(UUID reviewId) {
    return jdbc.sql("select state from eligibility_review where id = ?")
        .param(reviewId)
        .query(String.class)
        .single();
  }

  private long lastAuditRow() {
    return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
  }

  private List<Map<String, Object>> auditRowsAfter(long id) {
    return jdbc.sql(
            "select action, outcome from audit_event where id > ? and subject = 'reviewer-1' order by id")
        .param(id)
        .query()
        .listOfRows();
  }
}
