package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.cellpath.referral.ApiClients;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.OversizedBody;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one request may ask of referral-service: a body far larger than a referral is refused with
 * 413 before it is read, whether it announces its length or comes chunked, with or without a token,
 * and stores nothing; a page or a queue larger than its maximum (2^31 included) is a 400 naming the
 * parameter; and the API description is for ADMIN outside the local profile.
 */
@IntegrationTest
// The tests run in the local profile, which opens the API description; here it is closed, as in a
// deployment.
@TestPropertySource(properties = "cellpath.security.api-docs.open=false")
class RequestLimitsIT {

  /** A referral's limit (REFERRAL_BODY_LIMIT): a referral is a few kilobytes. */
  private static final long REFERRAL_LIMIT = 64 * 1024;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  @Test
  void fiftyMegabytesOfReferralAreRefusedWith413UnreadAndStoreNothing() throws IOException {
    long referrals = referralCount();
    Map<String, String> physician =
        Map.of(
            "Authorization",
            TestTokens.bearer(TestTokens.physician(TestTokens.NPI)),
            "Idempotency-Key",
            "fifty-megabytes");

    List<OversizedBody.Answer> answers =
        List.of(
            OversizedBody.announced(
                port,
                "POST",
                "/api/referrals",
                physician,
                "priorSurgeryNote",
                OversizedBody.FIFTY_MEGABYTES),
            OversizedBody.chunked(
                port,
                "POST",
                "/api/referrals",
                physician,
                "priorSurgeryNote",
                OversizedBody.FIFTY_MEGABYTES),
            OversizedBody.announced(
                port,
                "POST",
                "/api/referrals",
                Map.of(),
                "priorSurgeryNote",
                OversizedBody.FIFTY_MEGABYTES));

    for (OversizedBody.Answer answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(413);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      JsonNode problem = json.readTree(answer.body());
      assertThat(problem.get("type").asString())
          .isEqualTo("https://cellpath.org/problems/body-too-large");
      assertThat(problem.get("status").asInt()).isEqualTo(413);
      assertThat(problem.get("maxBytes").asLong()).isEqualTo(REFERRAL_LIMIT);
      assertThat(answer.bytesSentBeforeAnswer())
          .isLessThan(OversizedBody.mostSentWhenTheServerRead(OversizedBody.A_MEGABYTE));
    }
    assertThat(referralCount()).as("nothing stored").isEqualTo(referrals);
  }

  @Test
  void aDecisionBodyOverTheDefaultLimitIsRefusedWith413() throws IOException {
    Map<String, String> reviewer =
        Map.of("Authorization", TestTokens.bearer(TestTokens.reviewer()));

    OversizedBody.Answer answer =
        OversizedBody.chunked(
            port,
            "POST",
            "/api/reviews/00000000-0000-0000-0000-000000000000/decline",
            reviewer,
            "reason",
            16 * 1024 + 1);

    assertThat(answer.status()).as(answer.body()).isEqualTo(413);
    assertThat(json.readTree(answer.body()).get("maxBytes").asLong()).isEqualTo(16 * 1024);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/api/referrals?size=2147483648, PHYSICIAN, size",
    "/api/referrals?size=101,        PHYSICIAN, size",
    "/api/referrals?size=0,          PHYSICIAN, size",
    "/api/referrals?page=2147483648, PHYSICIAN, page",
    "/api/referrals?page=-1,         PHYSICIAN, page",
    "/api/reviews?limit=2147483648,  REVIEWER,  limit",
    "/api/reviews?limit=501,         REVIEWER,  limit"
  })
  void aPageLargerThanItsMaximumIsA400NamingTheParameter(
      String uri, String role, String parameter) {
    String token =
        role.equals("PHYSICIAN") ? TestTokens.physician(TestTokens.NPI) : TestTokens.reviewer();

    ResponseEntity<String> answer =
        ApiClients.as(port, token).get().uri(uri).retrieve().toEntity(String.class);

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType())
        .isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
    assertThat(json.readTree(answer.getBody()).get("errors"))
        .extracting(error -> error.get("field").asString())
        .containsExactly(parameter);
  }

  @Test
  void theApiDescriptionAndSwaggerUiAreForAdminsOutsideTheLocalProfile() {
    for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
      assertThat(
              ApiClients.anonymous(port)
                  .get()
                  .uri(path)
                  .retrieve()
                  .toEntity(String.class)
                  .getStatusCode()
                  .value())
          .as(path)
          .isEqualTo(401);
      for (String token : List.of(TestTokens.physician(TestTokens.NPI), TestTokens.reviewer())) {
        assertThat(
                ApiClients.as(port, token)
                    .get()
                    .uri(path)
                    .retrieve()
                    .toEntity(String.class)
                    .getStatusCode()
                    .value())
            .as(path)
            .isEqualTo(403);
      }
    }
    ResponseEntity<String> description =
        ApiClients.as(port, TestTokens.admin())
            .get()
            .uri("/v3/api-docs")
            .retrieve()
            .toEntity(String.class);
    assertThat(description.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(description.getBody()).at("/paths").has("/api/referrals")).isTrue();
  }

  private long referralCount() {
    return jdbc.sql("select count(*) from referral").query(Long.class).single();
  }
}
