package org.cellpath.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** referral-service: the physician's referrals and the reviewer's reviews (docs/api.md). */
public class ReferralApi {

  private final RestClient http;

  ReferralApi(RestClient http) {
    this.http = http;
  }

  public record Submitted(UUID id, String status) {}

  /**
   * @param patientName null from a referral-service that does not give it yet
   */
  public record Summary(
      UUID id,
      String status,
      String condition,
      String side,
      Instant submittedAt,
      Instant updatedAt,
      String patientName) {}

  public record Page(List<Summary> items, int page, int size, long total) {

    public int pages() {
      return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
  }

  /**
   * @param detail what scheduling reported (happening, confirmation channel, appointments); null
   *     for the rest and from a referral-service that does not give it yet
   */
  public record TimelineEntry(String status, Instant at, String note, TimelineDetail detail) {

    public TimelineEntry(String status, Instant at, String note) {
      this(status, at, note, null);
    }

    /** The appointments the entry names; none without a detail. */
    public List<TimelineAppointment> appointments() {
      return detail == null || detail.appointments() == null ? List.of() : detail.appointments();
    }
  }

  /**
   * @param happening BOOKED, MOVED, CONFIRMED, CANCELLED, COMPLETED, NO_SHOW or RETURNED
   * @param confirmedBy for a confirmation, PATIENT_LINK, SMS_REPLY or STAFF
   * @param returnReason for a case returned to the physician, the reason's code
   */
  public record TimelineDetail(
      String happening,
      String confirmedBy,
      List<TimelineAppointment> appointments,
      String returnReason) {}

  /** An appointment as the physician's timeline names it: when (in the site's zone) and where. */
  public record TimelineAppointment(
      String kind,
      Instant startsAt,
      Instant endsAt,
      String timeZone,
      String siteName,
      String siteAddress,
      String roomName,
      String clinicianName) {}

  /**
   * @param details the referral as submitted (or amended), in the API's JSON shape
   * @param findings the newest pre-screen's findings, each with its code, effect and sentence
   */
  public record Referral(
      UUID id,
      String status,
      Instant submittedAt,
      JsonNode details,
      List<TimelineEntry> timeline,
      List<Finding> findings) {

    public Referral(
        UUID id,
        String status,
        Instant submittedAt,
        JsonNode details,
        List<TimelineEntry> timeline) {
      this(id, status, submittedAt, details, timeline, List.of());
    }

    /** The pre-screen's findings; none from a referral-service that does not give them yet. */
    @Override
    public List<Finding> findings() {
      return findings == null ? List.of() : findings;
    }
  }

  /**
   * @param level null for an informational finding
   */
  public record Finding(String code, String level, String sentence) {}

  /**
   * @param patientName null from a referral-service that does not give it yet
   */
  public record Review(
      UUID id,
      UUID referralId,
      String state,
      String recommendation,
      List<Finding> findings,
      Instant openedAt,
      Instant decidedAt,
      String patientName) {}

  /**
   * {@code POST /api/referrals} with an {@code Idempotency-Key}, so that a form sent twice is one
   * referral.
   */
  public Submitted submit(Map<String, Object> referral, String idempotencyKey) {
    return http.post()
        .uri("/api/referrals")
        .header("Idempotency-Key", idempotencyKey)
        .contentType(MediaType.APPLICATION_JSON)
        .body(referral)
        .retrieve()
        .body(Submitted.class);
  }

  /** The caller's own referrals, newest first; {@code status} may be null. */
  public Page referrals(String status, int page, int size) {
    return http.get()
        .uri(
            uri -> {
              uri.path("/api/referrals").queryParam("page", page).queryParam("size", size);
              if (status != null && !status.isBlank()) {
                uri.queryParam("status", status);
              }
              return uri.build();
            })
        .retrieve()
        .body(Page.class);
  }

  public Referral referral(UUID id) {
    return http.get().uri("/api/referrals/{id}", id).retrieve().body(Referral.class);
  }

  /** The referral's outcomes: scores over time, change from baseline, reports ready. */
  public ReferralOutcomes outcomes(UUID id) {
    return http.get()
        .uri("/api/referrals/{id}/outcomes", id)
        .retrieve()
        .body(ReferralOutcomes.class);
  }

  /**
   * Answers an information request: the amended referral replaces the first and the review reopens.
   */
  public Submitted amend(UUID id, Map<String, Object> referral) {
    return http.put()
        .uri("/api/referrals/{id}", id)
        .contentType(MediaType.APPLICATION_JSON)
        .body(referral)
        .retrieve()
        .body(Submitted.class);
  }

  public Submitted withdraw(UUID id) {
    return http.post().uri("/api/referrals/{id}/withdrawal", id).retrieve().body(Submitted.class);
  }

  /** Open reviews, oldest first; {@code recommendation} may be null. */
  public List<Review> reviews(String recommendation) {
    Review[] reviews =
        http.get()
            .uri(
                uri -> {
                  uri.path("/api/reviews").queryParam("limit", 500);
                  if (recommendation != null && !recommendation.isBlank()) {
                    uri.queryParam("recommendation", recommendation);
                  }
                  return uri.build();
                })
            .retrieve()
            .body(Review[].class);
    return reviews == null ? List.of() : List.of(reviews);
  }

  public Review review(UUID id) {
    return http.get().uri("/api/reviews/{id}", id).retrieve().body(Review.class);
  }

  public Review approve(UUID reviewId, String cellSource, String injectionSite) {
    return decide(
        reviewId, "approval", Map.of("cellSource", cellSource, "injectionSite", injectionSite));
  }

  public Review decline(UUID reviewId, String reason) {
    return decide(reviewId, "decline", Map.of("reason", reason));
  }

  public Review requestInformation(UUID reviewId, List<String> items) {
    return decide(reviewId, "information-request", Map.of("items", items));
  }

  private Review decide(UUID reviewId, String decision, Map<String, Object> body) {
    return http.post()
        .uri("/api/reviews/{id}/" + decision, reviewId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(Review.class);
  }
}
