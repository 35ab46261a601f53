package org.cellpath.notification.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.cellpath.notification.delivery.SmsReplies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMS provider's webhook for patients' replies: {@code POST /api/sms/inbound}. The phone number travels in the
 * body, never in the URL. When {@code cellpath.notifications.sms.inbound-token} is set, the provider must send it in
 * {@code X-CellPath-Webhook-Token}.
 */
@RestController
class SmsInboundController {

  static final String TOKEN_HEADER = "X-CellPath-Webhook-Token";

  private final SmsReplies replies;
  private final byte[] token;

  SmsInboundController(SmsReplies replies, @Value("${cellpath.notifications.sms.inbound-token:}") String token) {
    this.replies = replies;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An SMS a patient sent to the clinic's number.
   *
   * @param from the patient's number, E.164
   * @param text what they wrote
   */
  record InboundSms(
      @NotNull @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number like +15550100123")
      String from,
      @NotBlank @Size(max = 1600) String text) {}

  /** {@code outcome}: OPTED_OUT or IGNORED. Never echoes the number or the text. */
  record InboundSmsResult(SmsReplies.Outcome outcome) {}

  @PostMapping("/api/sms/inbound")
  ResponseEntity<?> inbound(@RequestHeader(name = TOKEN_HEADER, required = false) String presented,
      @Valid @RequestBody InboundSms sms) {
    if (token.length > 0 && (presented == null
        || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8)))) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
          "The webhook token is missing or wrong.");
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }
    return ResponseEntity.ok(new InboundSmsResult(replies.reply(sms.from(), sms.text())));
  }
}
