package org.cellpath.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clinic may let the pre-screen approve likely eligible cases on its own; nothing else is
 * approved so.
 */
@IntegrationTest
@TestPropertySource(properties = "cellpath.review.auto-approve-likely-eligible=true")
class AutoApprovalIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired JsonMapper json;

  @Test
  void aLikelyEligibleCaseIsApprovedWithItsPreferredCellSource() {
    String referralId =
        submit(ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles()));

    await().atMost(WAIT).until(() -> status(referralId), "APPROVED"::equals);
    try (TopicReader topic =
        new TopicReader(bootstrapServers, messaging.topic(Topics.REFERRAL_EVENTS))) {
      var approved = topic.awaitEvent("ReferralApproved", referralId, WAIT);
      assertThat(json.readTree(TopicReader.value(approved)).get("cellSource").asString())
          .isEqualTo("BONE_MARROW");
    }
  }

  @Test
  void aCaseThatNeedsAClinicianWaitsForOne() {
    ReferralDetails anticoagulated =
        ReferralFixtures.forAnotherPatient(
            ReferralFixtures.achilles(
                ReferralFixtures.likelyEligibleAchilles().conservativeCare(),
                Set.of(HealthFactor.ANTICOAGULANT_USE),
                true));
    String referralId = submit(anticoagulated);

    await().atMost(WAIT).until(() -> status(referralId), "UNDER_REVIEW"::equals);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(() -> status(referralId), "UNDER_REVIEW"::equals);
  }

  @Test
  void aLikelyEligibleCaseWithoutTheSelfPayAcknowledgementWaitsForAClinician() {
    ReferralDetails unacknowledged =
        ReferralFixtures.forAnotherPatient(
            ReferralFixtures.achilles(
                ReferralFixtures.likelyEligibleAchilles().conservativeCare(), Set.of(), false));
    String referralId = submit(unacknowledged);

    await().atMost(WAIT).until(() -> status(referralId), "UNDER_REVIEW"::equals);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(() -> status(referralId), "UNDER_REVIEW"::equals);
  }

  private String submit(ReferralDetails details) {
    String body =
        http()
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(json.writeValueAsString(details))
            .retrieve()
            .body(String.class);
    return json.readTree(body).get("id").asString();
  }

  private String status(String referralId) {
    return json.readTree(
            http().get().uri("/api/referrals/" + referralId).retrieve().body(String.class))
        .get("status")
        .asString();
  }

  private RestClient http() {
    return ApiClients.physician(port);
  }
}
