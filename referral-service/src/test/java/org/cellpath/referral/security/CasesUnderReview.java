package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.PhoneNumber;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.Sex;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fresh likely-eligible cases, each of its own patient, submitted and waited for until their review
 * is open.
 */
final class CasesUnderReview {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A submitted referral and its open review. */
  record Case(UUID referralId, UUID reviewId) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  CasesUnderReview(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * A case the physician with {@code npi} referred, submitted through {@code physician}, with its
   * review open.
   */
  Case submittedBy(RestClient physician, String npi) {
    var patient =
        new ReferralDetails.Patient(
            "Ilse",
            "Vandermeer-" + UUID.randomUUID().toString().substring(0, 8),
            LocalDate.parse("1968-07-21"),
            Sex.FEMALE,
            new PhoneNumber("+14155550141"),
            new EmailAddress("ilse.vandermeer@example.org"),
            "en",
            ContactChannel.EMAIL,
            true,
            "America/Los_Angeles");
    ReferralDetails referral =
        ReferralFixtures.referredBy(
            ReferralFixtures.forPatient(ReferralFixtures.likelyEligibleAchilles(), patient), npi);
    ResponseEntity<String> submitted =
        physician
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(json.writeValueAsString(referral))
            .retrieve()
            .toEntity(String.class);
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
    UUID referralId = UUID.fromString(json.readTree(submitted.getBody()).get("id").asString());
    await().atMost(WAIT).until(() -> status(referralId), "UNDER_REVIEW"::equals);
    await().atMost(WAIT).until(() -> openReview(referralId) != null);
    return new Case(referralId, openReview(referralId));
  }

  String status(UUID referralId) {
    return jdbc.sql("select status from referral where id = ?")
        .param(referralId)
        .query(String.class)
        .single();
  }

  String reviewState(UUID reviewId) {
    return jdbc.sql("select state from eligibility_review where id = ?")
        .param(reviewId)
        .query(String.class)
        .single();
  }

  /** Events about the referral written to the outbox (its id is the record key). */
  long outboxEvents(UUID referralId) {
    return jdbc.sql("select count(*) from outbox_event where message_key = ?")
        .param(referralId.toString())
        .query(Long.class)
        .single();
  }

  private UUID openReview(UUID referralId) {
    return jdbc.sql("select id from eligibility_review where referral_id = ? and state = 'OPEN'")
        .param(referralId)
        .query(UUID.class)
        .optional()
        .orElse(null);
  }
}
