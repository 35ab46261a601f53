package org.cellpath.referral.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.cellpath.contracts.Recommendation;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A physician answers an information request and amends again before the review has reopened (its
 * consumer has not read {@code ReferralAmended} yet): one after the other, and several at once. The
 * referral's own consumer is stopped while the amendments land and started again afterwards,
 * against a real broker and a real PostgreSQL.
 *
 * <p>One answer per information request: the first amendment puts the referral under review, every
 * later one is refused with 409 until the reviewer asks again, and exactly one review opens, of the
 * accepted details.
 */
@IntegrationTest
class AmendmentsBeforeTheReviewReopensIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REVIEW_CONSUMER = "referralEvents-in-0";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired BindingsLifecycleController bindings;

  @Value("${cellpath.clinic.time-zone}")
  ZoneId clinicZone;

  private RestClient physician;
  private RestClient reviewer;
  private ExecutorService threads;

  @BeforeEach
  void connect() {
    physician = ApiClients.physician(port);
    reviewer = ApiClients.reviewer(port);
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void restart() {
    threads.shutdownNow();
    bindings.changeState(REVIEW_CONSUMER, State.STARTED);
  }

  @Test
  void aSecondAmendmentBeforeTheReviewReopensIsRefusedAndTheReviewReadsTheFirst() {
    ReferralDetails submitted =
        ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
    UUID referralId = waitingForInformation(submitted);
    ReferralDetails first =
        ReferralFixtures.forPatient(
            ReferralFixtures.likelyEligibleAchillesWith(HealthFactor.PREGNANCY),
            submitted.patient());
    ReferralDetails second =
        ReferralFixtures.forPatient(ReferralFixtures.outOfScope(), submitted.patient());
    assertThat(recommendationFor(first))
        .as("the test tells the two apart")
        .isNotEqualTo(recommendationFor(second));

    bindings.changeState(REVIEW_CONSUMER, State.STOPPED);
    ResponseEntity<String> accepted = amend(referralId, first);
    ResponseEntity<String> again = amend(referralId, second);

    assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
    assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);
    assertThat(json.readTree(accepted.getBody()).get("status").asString())
        .isEqualTo("UNDER_REVIEW");
    assertThat(again.getBody()).doesNotContain(submitted.patient().familyName());
    bindings.changeState(REVIEW_CONSUMER, State.STARTED);
    assertOneReviewOpensOf(referralId, first);
  }

  @Test
  void amendmentsSentAtOnceBeforeTheReviewReopensAreOneAcceptedAndTheOthersRefused()
      throws Exception {
    ReferralDetails submitted =
        ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles());
    UUID referralId = waitingForInformation(submitted);
    List<ReferralDetails> amendments = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      amendments.add(
          ReferralFixtures.forPatient(
              i % 2 == 0
                  ? ReferralFixtures.likelyEligibleAchillesWith(HealthFactor.PREGNANCY)
                  : ReferralFixtures.outOfScope(),
              submitted.patient()));
    }

    bindings.changeState(REVIEW_CONSUMER, State.STOPPED);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ResponseEntity<String>>> sent = new ArrayList<>();
    for (ReferralDetails amendment : amendments) {
      sent.add(
          threads.submit(
              () -> {
                go.await();
                return amend(referralId, amendment);
              }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<ResponseEntity<String>> answer : sent) {
      statuses.add(answer.get(60, TimeUnit.SECONDS).getStatusCode().value());
    }

    assertThat(statuses)
        .as("one amendment accepted, the others refused")
        .containsOnly(200, 409)
        .containsOnlyOnce(200);
    ReferralDetails accepted = amendments.get(statuses.indexOf(200));
    bindings.changeState(REVIEW_CONSUMER, State.STARTED);
    assertOneReviewOpensOf(referralId, accepted);
  }

  /**
   * Once the consumer runs: exactly one open review, of {@code accepted}, which is what the
   * referral holds.
   */
  private void assertOneReviewOpensOf(UUID referralId, ReferralDetails accepted) {
    await().atMost(WAIT).until(() -> openReviews(referralId) == 1);
    List<UUID> amendedEvents =
        jdbc.sql(
                """
            select event_id from outbox_event where message_key = ? and event_type = 'ReferralAmended'
            """)
            .param(referralId.toString())
            .query(UUID.class)
            .list();
    assertThat(amendedEvents).as("one ReferralAmended").hasSize(1);
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                            """
            select count(*) from inbox_event where consumer = 'eligibility-review' and event_id in (:ids)
            """)
                        .param("ids", amendedEvents)
                        .query(Long.class)
                        .single()
                    == 1);
    assertThat(openReviews(referralId)).isEqualTo(1);
    JsonNode referral =
        json.readTree(
            physician.get().uri("/api/referrals/" + referralId).retrieve().body(String.class));
    assertThat(referral.get("status").asString()).isEqualTo("UNDER_REVIEW");
    assertThat(referral.get("details").get("condition").asString())
        .isEqualTo(accepted.condition().name());
    JsonNode review = openReviewOf(referralId);
    assertThat(review.get("recommendation").asString())
        .isEqualTo(recommendationFor(accepted).name());
    assertThat(
            StreamSupport.stream(referral.get("timeline").spliterator(), false)
                .map(entry -> entry.get("status").asString())
                .toList())
        .containsExactly(
            "SUBMITTED", "UNDER_REVIEW", "INFO_REQUESTED", "INFO_REQUESTED", "UNDER_REVIEW");
  }

  /** A submitted referral whose review asked the physician for more information. */
  private UUID waitingForInformation(ReferralDetails details) {
    ResponseEntity<String> submitted =
        physician
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(json.writeValueAsString(details))
            .retrieve()
            .toEntity(String.class);
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
    UUID referralId = UUID.fromString(json.readTree(submitted.getBody()).get("id").asString());
    await().atMost(WAIT).until(() -> openReviews(referralId) == 1);
    String reviewId = openReviewOf(referralId).get("id").asString();
    ResponseEntity<String> asked =
        reviewer
            .post()
            .uri("/api/reviews/" + reviewId + "/information-request")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"items\":[\"The MRI report of the last 6 months\"]}")
            .retrieve()
            .toEntity(String.class);
    assertThat(asked.getStatusCode().value()).as(asked.getBody()).isEqualTo(200);
    return referralId;
  }

  private ResponseEntity<String> amend(UUID referralId, ReferralDetails amended) {
    return physician
        .put()
        .uri("/api/referrals/" + referralId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsString(amended))
        .retrieve()
        .toEntity(String.class);
  }

  private long openReviews(UUID referralId) {
    return jdbc.sql(
            "select count(*) from eligibility_review where referral_id = ? and state = 'OPEN'")
        .param(referralId)
        .query(Long.class)
        .single();
  }

  private JsonNode openReviewOf(UUID referralId) {
    UUID reviewId =
        jdbc.sql("select id from eligibility_review where referral_id = ? and state = 'OPEN'")
            .param(referralId)
            .query(UUID.class)
            .single();
    return json.readTree(
        reviewer.get().uri("/api/reviews/" + reviewId).retrieve().body(String.class));
  }

  private Recommendation recommendationFor(ReferralDetails details) {
    return PreScreen.standard().assess(details, LocalDate.now(clinicZone)).recommendation();
  }
}
