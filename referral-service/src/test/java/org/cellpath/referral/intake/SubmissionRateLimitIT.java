package org.cellpath.referral.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Referral submission is limited per caller: over the limit, 429 with {@code Retry-After}, nothing
 * stored, while another physician still submits. Against a real broker and a real PostgreSQL.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "cellpath.referrals.submission-rate.permits=2",
      "cellpath.referrals.submission-rate.period=1h"
    })
class SubmissionRateLimitIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  @Test
  void theThirdSubmissionOfAPhysicianWithinThePeriodIsTooManyWhileAnotherPhysicianStillSubmits() {
    RestClient first = ApiClients.physician(port);
    RestClient second = ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI));

    int one = submit(first, TestTokens.NPI).getStatusCode().value();
    int two = submit(first, TestTokens.NPI).getStatusCode().value();
    long stored = storedReferrals();
    ResponseEntity<String> three = submit(first, TestTokens.NPI);
    ResponseEntity<String> other = submit(second, TestTokens.OTHER_NPI);

    assertThat(one).isEqualTo(201);
    assertThat(two).isEqualTo(201);
    assertThat(three.getStatusCode().value()).as(three.getBody()).isEqualTo(429);
    assertThat(three.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(Long.parseLong(three.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
        .isBetween(1L, 3600L);
    assertThat(three.getBody()).doesNotContain("Rivera", "ana.rivera@example.org", "1971-03-14");
    assertThat(other.getStatusCode().value()).as(other.getBody()).isEqualTo(201);
    assertThat(storedReferrals()).as("the refused one is not stored").isEqualTo(stored + 1);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action = 'SUBMIT' and outcome = 'RATE_LIMITED' "
                        + "and subject = ?")
                .param("physician-" + TestTokens.NPI)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  private ResponseEntity<String> submit(RestClient physician, String npi) {
    var referral =
        ReferralFixtures.referredBy(
            ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles()), npi);
    return physician
        .post()
        .uri("/api/referrals")
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsString(referral))
        .retrieve()
        .toEntity(String.class);
  }

  private long storedReferrals() {
    return jdbc.sql("select count(*) from referral").query(Long.class).single();
  }
}
