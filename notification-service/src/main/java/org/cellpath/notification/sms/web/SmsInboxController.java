package org.cellpath.notification.sms.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.AuditTarget;
import org.cellpath.audit.AuditedAction;
import org.cellpath.audit.RequestAudit;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.delivery.AddressMask;
import org.cellpath.notification.delivery.NotificationQueries;
import org.cellpath.notification.sms.SmsConsents;
import org.cellpath.notification.sms.SmsInbox;
import org.cellpath.notification.sms.SmsReplies;
import org.cellpath.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff's SMS inbox ({@code ADMIN}, {@code SCHEDULER}; see {@code security.ApiSecurity}): the
 * patients' replies that are no keyword, newest first, each with the number's consent history; mark
 * one handled, or answer it by SMS (through the queue and its rules). Ids only in the paths: the
 * number and the text travel in bodies. Every call is audited with the referral it concerned.
 */
@RestController
class SmsInboxController {

  private static final Logger log = LoggerFactory.getLogger(SmsInboxController.class);

  /** What staff did, as written in the audit trail's {@code action} column. */
  enum SmsInboxAction implements AuditedAction {
    READ_SMS_INBOX,
    MARK_SMS_REPLY_HANDLED,
    ANSWER_SMS_REPLY,
    READ_SMS_CONSENT
  }

  private final SmsInbox inbox;
  private final SmsReplies replies;
  private final SmsConsents consents;
  private final NotificationQueries queries;
  private final RequestAudit audit;

  SmsInboxController(
      SmsInbox inbox,
      SmsReplies replies,
      SmsConsents consents,
      NotificationQueries queries,
      RequestAudit audit) {
    this.inbox = inbox;
    this.replies = replies;
    this.consents = consents;
    this.queries = queries;
    this.audit = audit;
  }

  /** One event of a number's consent history. */
  record ConsentEntry(
      SmsConsents.Kind kind, SmsConsents.Channel channel, String wording, Instant occurredAt) {

    static ConsentEntry of(SmsConsents.ConsentEvent event) {
      return new ConsentEntry(event.kind(), event.channel(), event.wording(), event.occurredAt());
    }
  }

  /**
   * A reply as staff see it.
   *
   * @param patientName the name the patient gave with the referral that consented to SMS, or null
   * @param phone the patient's number, E.164 (staff call it back)
   * @param referralId the referral the number's messages were about, or null when none matched
   */
  record ReplyEntry(
      UUID id,
      Instant receivedAt,
      String patientName,
      String phone,
      String text,
      UUID referralId,
      UUID pairId,
      SmsInbox.Status status,
      String handledBy,
      Instant handledAt,
      String answer,
      List<ConsentEntry> consent) {}

  /** A page of open replies and how many are open in all. */
  record InboxPage(List<ReplyEntry> replies, int page, int size, long total) {}

  /** An answer to a reply: 1 to 320 characters, sent as an SMS. */
  record Answer(
      @NotNull @NotBlank @Size(min = 1, max = SmsReplies.ANSWER_MAX_LENGTH) String text) {}

  /** The open replies, newest first. */
  @GetMapping("/api/sms/replies")
  InboxPage open(
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    List<ReplyEntry> entries = inbox.open(page, size).stream().map(this::entry).toList();
    audit.listed(
        SmsInboxAction.READ_SMS_INBOX,
        "sms-reply",
        entries.stream().map(ReplyEntry::referralId).filter(id -> id != null).distinct().toList(),
        AuditOutcome.ALLOWED);
    log.info("SMS inbox read: {} open repl(ies) on page {}", entries.size(), page);
    return new InboxPage(entries, page, size, inbox.openCount());
  }

  /** The reply needs nothing more. 404 for an unknown id. */
  @PostMapping("/api/sms/replies/{replyId}/handled")
  ReplyEntry handled(@PathVariable UUID replyId) {
    return audit.audited(
        SmsInboxAction.MARK_SMS_REPLY_HANDLED,
        "sms-reply",
        new AuditTarget(replyId, null),
        reply -> new AuditTarget(reply.id(), reply.referralId()),
        () -> entry(replies.markHandled(replyId, Caller.require().subject())));
  }

  /**
   * Answers the reply by SMS: 202, queued (after the quiet hours when they hold); 409 with a
   * sentence when the patient opted out; 404 for an unknown id; 400 naming {@code text} when it is
   * empty or over 320 characters.
   */
  @PostMapping("/api/sms/replies/{replyId}/answer")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ReplyEntry answer(@PathVariable UUID replyId, @Valid @RequestBody Answer answer) {
    return audit.audited(
        SmsInboxAction.ANSWER_SMS_REPLY,
        "sms-reply",
        new AuditTarget(replyId, null),
        reply -> new AuditTarget(reply.id(), reply.referralId()),
        () -> entry(replies.answerReply(replyId, Caller.require().subject(), answer.text())));
  }

  /** The consent history of a number a referral's SMS went to, masked. */
  record NumberConsent(String maskedPhone, List<ConsentEntry> events) {}

  /** The SMS consent history of each number the referral's SMS went to. */
  record ReferralConsent(UUID referralId, List<NumberConsent> numbers) {}

  @GetMapping("/api/referrals/{referralId}/sms-consent")
  ReferralConsent referralConsent(@PathVariable UUID referralId) {
    List<NumberConsent> numbers =
        Stream.concat(
                queries.smsNumbersOf(referralId).stream(), consents.numbersOf(referralId).stream())
            .distinct()
            .map(
                phone ->
                    new NumberConsent(
                        AddressMask.mask(ContactChannel.SMS, phone),
                        consents.history(phone).stream().map(ConsentEntry::of).toList()))
            .toList();
    audit.record(
        SmsInboxAction.READ_SMS_CONSENT, "referral", referralId, referralId, AuditOutcome.ALLOWED);
    return new ReferralConsent(referralId, numbers);
  }

  private ReplyEntry entry(SmsInbox.Reply reply) {
    return new ReplyEntry(
        reply.id(),
        reply.receivedAt(),
        consents.patientName(reply.phone()).orElse(null),
        reply.phone(),
        reply.text(),
        reply.referralId(),
        reply.pairId(),
        reply.status(),
        reply.handledBy(),
        reply.handledAt(),
        reply.answer(),
        consents.history(reply.phone()).stream().map(ConsentEntry::of).toList());
  }
}
