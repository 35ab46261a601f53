package org.cellpath.notification.sms.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.notification.sms.SmsReplies;
import org.cellpath.security.UnauthenticatedRefusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS provider's webhook for patients' replies: {@code POST /api/sms/inbound}. Not a
 * bearer-token API: the provider signs each call ({@link WebhookSignature}), and the signature is
 * checked over the exact bytes received before the body is read as JSON, so nothing of an unsigned
 * call is parsed, validated or acted on. Each signed call is acted on once ({@link
 * AcceptedSignatures}): the same call again is refused exactly like a forged one. The body is
 * limited like every request body (service-support's limit, 16 KB by default); the phone number
 * travels in the body, never in the URL.
 */
@RestController
class SmsInboundController {

  private final SmsReplies replies;
  private final WebhookSignature signature;
  private final AcceptedSignatures accepted;
  private final JsonMapper json;
  private final Validator validator;
  private final UnauthenticatedRefusals unauthenticated;

  SmsInboundController(
      SmsReplies replies,
      WebhookSignature signature,
      AcceptedSignatures accepted,
      JsonMapper json,
      Validator validator,
      UnauthenticatedRefusals unauthenticated) {
    this.replies = replies;
    this.signature = signature;
    this.accepted = accepted;
    this.json = json;
    this.validator = validator;
    this.unauthenticated = unauthenticated;
  }

  /**
   * An SMS a patient sent to the clinic's number.
   *
   * @param from the patient's number, E.164
   * @param text what they wrote
   */
  record InboundSms(
      @NotNull
          @Pattern(
              regexp = "\\+[1-9][0-9]{6,14}",
              message = "must be an E.164 number like +15550100123")
          String from,
      @NotBlank @Size(max = 1600) String text) {}

  /**
   * {@code outcome}: OPTED_OUT, OPTED_IN, HELP_ANSWERED, CONFIRMED or IGNORED (no keyword: in the
   * staff inbox). Never echoes the number or the text.
   */
  record InboundSmsResult(SmsReplies.Outcome outcome) {}

  /**
   * 200 with the outcome; 401 without a valid, recent signature, or for a call already accepted
   * (counted, and sampled into the audit trail like every 401: anyone can send these in a loop);
   * 400 naming the bad or unknown field; 413 for a body over the limit.
   */
  @PostMapping("/api/sms/inbound")
  // The body is read as bytes for the signature; the API description still shows what it holds.
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = InboundSms.class)))
  ResponseEntity<?> inbound(
      @RequestHeader(name = WebhookSignature.HEADER, required = false) String signed,
      HttpServletRequest request)
      throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      // The request body limit stops this read past its bytes (413).
      body = in.readAllBytes();
    }
    Optional<WebhookSignature.Signed> verified = signature.verify(signed, body);
    if (verified.isEmpty()) {
      return refused(request);
    }
    InboundSms sms = read(body, request);
    Optional<SmsReplies.Outcome> outcome =
        accepted.once(verified.get(), () -> replies.reply(sms.from(), sms.text()));
    // A replay learns nothing more than a forgery: the same answer, the same audit entry.
    return outcome
        .<ResponseEntity<?>>map(done -> ResponseEntity.ok(new InboundSmsResult(done)))
        .orElseGet(() -> refused(request));
  }

  private ResponseEntity<ProblemDetail> refused(HttpServletRequest request) {
    unauthenticated.refused(request);
    return problem(HttpStatus.UNAUTHORIZED, "The webhook signature is missing, wrong or too old.");
  }

  /**
   * The body as the record, checked as {@code @Valid @RequestBody} would; failures are the usual
   * 400s.
   */
  private InboundSms read(byte[] body, HttpServletRequest request) {
    InboundSms sms;
    try {
      sms = json.readValue(body, InboundSms.class);
    } catch (JacksonException e) {
      // The service's problem-details advice names the field (unknown, wrong type) without quoting
      // its value.
      throw new HttpMessageNotReadableException(
          "Unreadable SMS webhook body", e, new ServletServerHttpRequest(request));
    }
    if (sms == null) {
      throw new InvalidValueException("body", "is required");
    }
    Set<ConstraintViolation<InboundSms>> violations = validator.validate(sms);
    if (!violations.isEmpty()) {
      throw new InvalidValueException(
          violations.stream()
              .map(
                  violation ->
                      new FieldProblem(
                          violation.getPropertyPath().toString(), violation.getMessage()))
              .toList());
    }
    return sms;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
