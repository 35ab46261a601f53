package org.cellpath.console.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * notification-service: the delivery log for staff (docs/api.md). Addresses come masked, bodies
 * never.
 */
public class NotificationApi {

  private final RestClient http;

  NotificationApi(RestClient http) {
    this.http = http;
  }

  public record Attempt(int attempt, Instant attemptedAt, String outcome, String errorCode) {}

  /**
   * @param recipient masked, such as {@code a***@example.org}
   */
  public record Entry(
      UUID notificationId,
      UUID referralId,
      String kind,
      String channel,
      String recipientRole,
      String recipient,
      String language,
      String status,
      int attempts,
      String lastError,
      String closedReason,
      Instant createdAt,
      Instant dueAt,
      Instant sentAt,
      Instant closedAt,
      List<Attempt> attemptLog) {}

  public record ReferralLog(UUID referralId, List<Entry> notifications) {}

  public record PatientLog(List<Entry> notifications) {}

  public ReferralLog deliveryLog(UUID referralId) {
    return http.get()
        .uri("/api/referrals/{id}/notifications", referralId)
        .retrieve()
        .body(ReferralLog.class);
  }

  /**
   * A patient's delivery log over all referrals: the contact goes in the body of a POST, never in a
   * URL.
   */
  public PatientLog patientLog(String email, String mobilePhone) {
    Map<String, Object> body = new HashMap<>();
    body.put("email", blankToNull(email));
    body.put("mobilePhone", blankToNull(mobilePhone));
    return http.post()
        .uri("/api/patients/notifications/search")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(PatientLog.class);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
