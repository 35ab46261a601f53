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

  /** One event of a number's SMS consent history. */
  public record ConsentEntry(String kind, String channel, String wording, Instant occurredAt) {}

  /**
   * A patient's SMS reply in the staff inbox.
   *
   * @param patientName null when no referral with SMS consent named the number
   * @param referralId null when no referral matched
   */
  public record SmsReply(
      UUID id,
      Instant receivedAt,
      String patientName,
      String phone,
      String text,
      UUID referralId,
      UUID pairId,
      String status,
      String handledBy,
      Instant handledAt,
      String answer,
      List<ConsentEntry> consent) {}

  public record SmsInbox(List<SmsReply> replies, int page, int size, long total) {}

  /** A number's consent history; the number masked. */
  public record NumberConsent(String maskedPhone, List<ConsentEntry> events) {}

  public record ReferralConsent(UUID referralId, List<NumberConsent> numbers) {}

  /** The SMS consent history of each number the referral's SMS went to. */
  public ReferralConsent smsConsent(UUID referralId) {
    return http.get()
        .uri("/api/referrals/{id}/sms-consent", referralId)
        .retrieve()
        .body(ReferralConsent.class);
  }

  /** The open SMS replies, newest first. */
  public SmsInbox smsReplies(int page, int size) {
    return http.get()
        .uri("/api/sms/replies?page={page}&size={size}", page, size)
        .retrieve()
        .body(SmsInbox.class);
  }

  /** The reply needs nothing more. */
  public SmsReply markHandled(UUID replyId) {
    return http.post()
        .uri("/api/sms/replies/{id}/handled", replyId)
        .retrieve()
        .body(SmsReply.class);
  }

  /**
   * Answers the reply by SMS (the text in the body, never a URL).
   *
   * @throws ApiProblem 409 when the patient opted out, 400 naming {@code text}
   */
  public SmsReply answer(UUID replyId, String text) {
    return http.post()
        .uri("/api/sms/replies/{id}/answer", replyId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("text", text == null ? "" : text))
        .retrieve()
        .body(SmsReply.class);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
