package org.cellpath.referral.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail: every read and change of a referral and of a review, and every refusal of a
 * caller with a valid token, is a row that says who, with which roles, did what to which referral,
 * when, from where and how it ended; and even a service that connects as the table's owner cannot
 * change or remove a row (ApplicationRoleIT shows the role a deployment connects as cannot even
 * try). Against a real broker and a real PostgreSQL.
 */
@IntegrationTest
class AuditTrailIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PHYSICIAN = "physician-" + TestTokens.NPI;

  /** A forged client address: the audit trail must record the connection's, not this one. */
  private static final String SPOOFED = "203.0.113.77";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  @Test
  void aSubmissionAReadAndAWithdrawalAreEachOneRowNamingTheCallerAndTheReferral() {
    Instant start = Instant.now();
    long last = lastRow();
    RestClient physician = ApiClients.physician(port);

    UUID referralId = submit(physician);
    physician
        .get()
        .uri("/api/referrals/" + referralId)
        .header("X-Forwarded-For", SPOOFED)
        .retrieve()
        .toBodilessEntity();
    physician
        .post()
        .uri("/api/referrals/" + referralId + "/withdrawal")
        .retrieve()
        .toBodilessEntity();

    List<Map<String, Object>> rows =
        rowsAfter(last).stream().filter(row -> referralId.equals(row.get("referral_id"))).toList();
    assertThat(rows)
        .extracting(row -> row.get("action"))
        .containsExactly("SUBMIT", "READ", "WITHDRAW");
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("subject")).isEqualTo(PHYSICIAN);
              assertThat(row.get("roles")).isEqualTo("PHYSICIAN");
              assertThat(row.get("resource_type")).isEqualTo("referral");
              assertThat(row.get("resource_id")).isEqualTo(referralId.toString());
              assertThat(row.get("outcome")).isEqualTo("ALLOWED");
              assertThat((String) row.get("remote_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
              assertThat(((java.sql.Timestamp) row.get("occurred_at")).toInstant())
                  .isAfterOrEqualTo(start.minusSeconds(1));
            });
  }

  @Test
  void anotherPhysiciansAttemptIsADeniedRowAboutTheReferralTheyWereRefused() {
    UUID referralId = submit(ApiClients.physician(port));
    long last = lastRow();

    ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI))
        .get()
        .uri("/api/referrals/" + referralId)
        .retrieve()
        .toBodilessEntity();

    assertThat(rowsAfter(last))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("subject")).isEqualTo("physician-" + TestTokens.OTHER_NPI);
              assertThat(row.get("action")).isEqualTo("READ");
              assertThat(row.get("referral_id")).isEqualTo(referralId);
              assertThat(row.get("outcome")).isEqualTo("DENIED");
            });
  }

  /**
   * A 401 is sampled, at most a row a minute per route: UnauthenticatedRefusalsIT shows it on a
   * clock it moves.
   */
  @Test
  void aRoleRefusalOfTheSharedHandlerLandsInTheTable() {
    long last = lastRow();

    ApiClients.as(port, TestTokens.scheduler())
        .get()
        .uri("/api/reviews")
        .retrieve()
        .toBodilessEntity();

    assertThat(rowsAfter(last))
        .extracting(
            row ->
                row.get("subject")
                    + " "
                    + row.get("roles")
                    + " "
                    + row.get("action")
                    + " "
                    + row.get("outcome"))
        .containsExactly("scheduler-1 SCHEDULER GET /api/reviews DENIED");
  }

  @Test
  void reviewReadsAndDecisionsNameTheReviewAndItsReferral() {
    UUID referralId = submit(ApiClients.physician(port));
    await().atMost(WAIT).until(() -> status(referralId), "UNDER_REVIEW"::equals);
    UUID reviewId =
        jdbc.sql("select id from eligibility_review where referral_id = ?")
            .param(referralId)
            .query(UUID.class)
            .single();
    RestClient reviewer = ApiClients.reviewer(port);
    long last = lastRow();

    reviewer.get().uri("/api/reviews?limit=500").retrieve().toBodilessEntity();
    reviewer.get().uri("/api/reviews/" + reviewId).retrieve().toBodilessEntity();
    reviewer
        .post()
        .uri("/api/reviews/" + reviewId + "/decline")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"reason\":\"Surgical repair first.\"}")
        .retrieve()
        .toBodilessEntity();

    List<Map<String, Object>> rows = rowsAfter(last);
    assertThat(rows)
        .extracting(row -> row.get("action"))
        .containsExactly("REVIEW_QUEUE", "REVIEW_READ", "DECLINE");
    assertThat(rows.get(0).get("disclosed")).asString().contains(referralId.toString());
    assertThat(rows.subList(1, 3))
        .allSatisfy(
            row -> {
              assertThat(row.get("subject")).isEqualTo("reviewer-1");
              assertThat(row.get("roles")).isEqualTo("REVIEWER");
              assertThat(row.get("resource_type")).isEqualTo("review");
              assertThat(row.get("resource_id")).isEqualTo(reviewId.toString());
              assertThat(row.get("referral_id")).isEqualTo(referralId);
              assertThat(row.get("outcome")).isEqualTo("ALLOWED");
            });
  }

  @Test
  void aListNamesEveryReferralItShowed() {
    RestClient physician = ApiClients.physician(port);
    UUID first = submit(physician);
    UUID second = submit(physician);
    long last = lastRow();

    physician.get().uri("/api/referrals?size=100").retrieve().toBodilessEntity();

    assertThat(rowsAfter(last))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("action")).isEqualTo("LIST");
              assertThat(row.get("outcome")).isEqualTo("ALLOWED");
              assertThat(row.get("disclosed"))
                  .asString()
                  .contains(first.toString(), second.toString());
            });
  }

  @Test
  void aChangeRefusedByABusinessRuleIsRecordedAsRefused() {
    UUID referralId = submit(ApiClients.physician(port));
    await().atMost(WAIT).until(() -> status(referralId), "UNDER_REVIEW"::equals);
    long last = lastRow();

    ResponseEntity<String> refused =
        ApiClients.physician(port)
            .put()
            .uri("/api/referrals/" + referralId)
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                json.writeValueAsString(
                    ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles())))
            .retrieve()
            .toEntity(String.class);

    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat(rowsAfter(last))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("action")).isEqualTo("AMEND");
              assertThat(row.get("outcome")).isEqualTo("REFUSED");
            });
  }

  @Test
  void theApplicationCannotUpdateDeleteOrTruncateTheTrail() {
    submit(ApiClients.physician(port));
    long rows = count();
    long last = lastRow();
    Map<String, Object> before = row(last);

    assertThatThrownBy(
            () ->
                jdbc.sql("update audit_event set subject = 'someone-else' where id = ?")
                    .param(last)
                    .update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("update audit_event set outcome = 'ALLOWED'").update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = ?").param(last).update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");

    assertThat(count()).isGreaterThanOrEqualTo(rows);
    assertThat(row(last)).isEqualTo(before);
  }

  @Test
  void updateDeleteAndTruncateAreRevokedFromPublicAndFromTheMigratingRole() {
    List<String> privileges =
        jdbc.sql(
                """
            select privilege_type from information_schema.role_table_grants
            where table_name = 'audit_event' and grantee in ('PUBLIC', current_user)
            """)
            .query(String.class)
            .list();

    assertThat(privileges).doesNotContain("UPDATE", "DELETE", "TRUNCATE");
  }

  private UUID submit(RestClient physician) {
    ResponseEntity<String> response =
        physician
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                json.writeValueAsString(
                    ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles())))
            .retrieve()
            .toEntity(String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
    return UUID.fromString(json.readTree(response.getBody()).get("id").asString());
  }

  private String status(UUID referralId) {
    return jdbc.sql("select status from referral where id = ?")
        .param(referralId)
        .query(String.class)
        .single();
  }

  private long lastRow() {
    return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
  }

  private long count() {
    return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
  }

  private Map<String, Object> row(long id) {
    return jdbc.sql("select * from audit_event where id = ?").param(id).query().singleRow();
  }

  private List<Map<String, Object>> rowsAfter(long id) {
    return jdbc.sql(
            """
            select occurred_at, subject, roles, action, resource_type, resource_id, referral_id,
                   array_to_string(disclosed_referral_ids, ',') as disclosed, outcome, remote_address
            from audit_event where id > ? order by id
            """)
        .param(id)
        .query()
        .listOfRows();
  }
}
