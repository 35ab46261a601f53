package org.cellpath.referral.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.PatientKey;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submissions of one case that arrive at the same moment, over real HTTP against a real PostgreSQL:
 * retries that share an {@code Idempotency-Key}, and the same case sent with different keys. Each
 * round releases its requests together from a latch, so that they race through the key lookup, the
 * duplicate rule and the insert.
 */
@IntegrationTest
class ParallelSubmissionIT {

  private static final int ROUNDS = 20;
  private static final int PARALLEL = 8;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private RestClient http;
  private ExecutorService threads;

  @BeforeEach
  void connect() {
    http = ApiClients.physician(port);
    threads = Executors.newFixedThreadPool(PARALLEL);
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void parallelRetriesWithOneIdempotencyKeyCreateOneReferralAndAnswerEveryOtherWithIt()
      throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      ReferralDetails referral =
          ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
      String body = json.writeValueAsString(referral);
      String key = UUID.randomUUID().toString();

      List<ResponseEntity<String>> answers = together(i -> post(body, key));

      assertThat(statuses(answers))
          .as("round %d: %s", round, bodies(answers))
          .containsExactlyInAnyOrderElementsOf(expected(201, 200));
      assertThat(answers.stream().map(this::idOf).distinct()).as("round %d", round).hasSize(1);
      assertThat(stored(referral)).as("round %d", round).isEqualTo(1);
      assertThat(
              jdbc.sql("select count(*) from referral where idempotency_key = ?")
                  .param(key)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    }
  }

  @Test
  void theSameCaseSentInParallelWithDifferentKeysIsStoredOnceAndEveryOtherIsRefusedNamingIt()
      throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      ReferralDetails referral =
          ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
      String body = json.writeValueAsString(referral);

      List<ResponseEntity<String>> answers =
          together(i -> post(body, UUID.randomUUID().toString()));

      assertThat(statuses(answers))
          .as("round %d: %s", round, bodies(answers))
          .containsExactlyInAnyOrderElementsOf(expected(201, 409));
      String created =
          answers.stream()
              .filter(answer -> answer.getStatusCode().value() == 201)
              .map(this::idOf)
              .findFirst()
              .orElseThrow();
      answers.stream()
          .filter(answer -> answer.getStatusCode().value() == 409)
          .forEach(
              refused ->
                  assertThat(json.readTree(refused.getBody()).get("detail").asString())
                      .contains(created));
      assertThat(stored(referral)).as("round %d", round).isEqualTo(1);
    }
  }

  /** One answer of {@code first} and {@code PARALLEL - 1} of {@code others}. */
  private static List<Integer> expected(int first, int others) {
    List<Integer> statuses = new ArrayList<>(Collections.nCopies(PARALLEL - 1, others));
    statuses.add(first);
    return statuses;
  }

  /**
   * Sends {@code PARALLEL} requests at once: every thread is ready before the latch lets them all
   * go.
   */
  private List<ResponseEntity<String>> together(IntFunction<ResponseEntity<String>> request)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(PARALLEL);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      int index = i;
      Callable<ResponseEntity<String>> task =
          () -> {
            ready.countDown();
            go.await();
            return request.apply(index);
          };
      futures.add(threads.submit(task));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<ResponseEntity<String>> answers = new ArrayList<>();
    for (Future<ResponseEntity<String>> future : futures) {
      answers.add(future.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }

  private ResponseEntity<String> post(String body, String idempotencyKey) {
    return http.post()
        .uri("/api/referrals")
        .contentType(MediaType.APPLICATION_JSON)
        .header("Idempotency-Key", idempotencyKey)
        .body(body)
        .retrieve()
        .toEntity(String.class);
  }

  private long stored(ReferralDetails referral) {
    return jdbc.sql("select count(*) from referral where patient_key = ?")
        .param(PatientKey.of(referral.patient()))
        .query(Long.class)
        .single();
  }

  private static List<Integer> statuses(List<ResponseEntity<String>> answers) {
    return answers.stream().map(answer -> answer.getStatusCode().value()).toList();
  }

  private static List<String> bodies(List<ResponseEntity<String>> answers) {
    return answers.stream().map(ResponseEntity::getBody).toList();
  }

  private String idOf(ResponseEntity<String> answer) {
    return json.readTree(answer.getBody()).get("id").asString();
  }
}
