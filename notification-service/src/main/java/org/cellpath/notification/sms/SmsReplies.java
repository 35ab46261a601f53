package org.cellpath.notification.sms;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationQueries;
import org.cellpath.notification.delivery.NotificationQueries.SmsRecipient;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.QueuedNotification;
import org.cellpath.notification.delivery.RecipientRole;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.templates.Languages;
import org.cellpath.notification.templates.MessageTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the patient's SMS replies do ({@code docs/domain.md §5}, ADR 33). An opt-out word stops SMS
 * to the number at once; START or UNSTOP undoes it; HELP is answered with the clinic's name and
 * phone; YES or C confirms the newest upcoming pair whose SMS went to the number; anything else
 * (and a YES with no pair to confirm) lands in the staff's inbox, which staff answer from. Each
 * change of consent is added to the number's history ({@link SmsConsents}). No number and no text
 * is ever logged.
 */
@Service
public class SmsReplies {

  private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);

  /** The longest answer staff may send from the inbox. */
  public static final int ANSWER_MAX_LENGTH = 320;

  private final SmsOptOuts optOuts;
  private final SmsConsents consents;
  private final SmsInbox inbox;
  private final NotificationStore store;
  private final NotificationQueries queries;
  private final SmsTexts texts;
  private final ClinicProperties clinic;
  private final Clock clock;

  SmsReplies(
      SmsOptOuts optOuts,
      SmsConsents consents,
      SmsInbox inbox,
      NotificationStore store,
      NotificationQueries queries,
      MessageTemplates templates,
      ClinicProperties clinic,
      Clock clock) {
    this.optOuts = optOuts;
    this.consents = consents;
    this.inbox = inbox;
    this.store = store;
    this.queries = queries;
    this.texts = new SmsTexts(templates, clinic);
    this.clinic = clinic;
    this.clock = clock;
  }

  /** What a reply led to. */
  public enum Outcome {
    /** The number is opted out (now or before); its waiting SMS go by email, or not at all. */
    OPTED_OUT,
    /** START or UNSTOP: the number gets SMS again, and is told so. */
    OPTED_IN,
    /** HELP: answered with the clinic's name and phone. */
    HELP_ANSWERED,
    /** YES or C: the pair is confirmed (scheduling-service is told), and the patient thanked. */
    CONFIRMED,
    /** No keyword (or a YES with nothing to confirm): nothing changes; it is in the staff inbox. */
    IGNORED
  }

  /**
   * Handles one reply. For an opt-out, the number is recorded and every SMS still waiting for it is
   * skipped in the same transaction (reminders go by email instead), so no SMS reaches the patient
   * after the reply is accepted.
   */
  @Transactional
  public Outcome reply(String fromPhone, String text) {
    Instant now = clock.instant();
    if (OptOutWords.isOptOut(text)) {
      return optOut(fromPhone, text, now);
    }
    if (OptOutWords.isOptIn(text)) {
      boolean wasOut = optOuts.optIn(fromPhone);
      Optional<SmsRecipient> known = queries.lastTexted(fromPhone);
      consents.record(
          fromPhone,
          SmsConsents.Kind.OPT_BACK_IN,
          SmsConsents.Channel.SMS,
          keyword(text),
          known.map(SmsRecipient::referralId).orElse(null),
          now);
      answer(fromPhone, MessageKind.SMS_REPLY, "reply-opted-in", Map.of(), known, now);
      log.info("SMS opt-in received ({})", wasOut ? "was opted out" : "was not opted out");
      return Outcome.OPTED_IN;
    }
    if (OptOutWords.isHelp(text)) {
      answer(
          fromPhone,
          MessageKind.SMS_REPLY_HELP,
          "reply-help",
          Map.of(),
          queries.lastTexted(fromPhone),
          now);
      log.info("SMS HELP received; answered");
      return Outcome.HELP_ANSWERED;
    }
    if (OptOutWords.isConfirmation(text)) {
      Optional<SmsRecipient> pair = queries.upcomingPairTexted(fromPhone, now);
      if (pair.isPresent()) {
        SmsRecipient confirmed = pair.get();
        inbox.confirmed(confirmed.referralId(), confirmed.pairId(), now);
        Locale locale = Languages.of(confirmed.language());
        Map<String, Object> variables =
            texts.variables(
                locale, confirmed.firstStart().atZone(zoneOf(confirmed.timeZone())), null);
        answer(fromPhone, MessageKind.SMS_REPLY, "reply-confirmed", variables, pair, now);
        log.info(
            "SMS confirmation received for pair {} of referral {}",
            confirmed.pairId(),
            confirmed.referralId());
        return Outcome.CONFIRMED;
      }
      log.info("SMS confirmation received from a number with no upcoming pair; in the inbox");
    }
    Optional<SmsRecipient> known = queries.lastTexted(fromPhone);
    UUID id =
        inbox.add(
            fromPhone,
            text.strip(),
            now,
            known.map(SmsRecipient::referralId).orElse(null),
            known.map(SmsRecipient::pairId).orElse(null));
    log.info(
        "SMS reply {} filed in the staff inbox ({})",
        id,
        known.map(match -> "referral " + match.referralId()).orElse("no referral matched"));
    return Outcome.IGNORED;
  }

  /**
   * A staff member's answer to a reply in the inbox: an SMS through the queue and its rules (the
   * sending window; not the caps), and the reply is handled.
   *
   * @throws RecordNotFoundException when there is no such reply
   * @throws StateConflictException when the patient opted out of SMS
   */
  @Transactional
  public SmsInbox.Reply answerReply(UUID replyId, String staff, String text) {
    SmsInbox.Reply reply =
        inbox.lock(replyId).orElseThrow(() -> new RecordNotFoundException("SMS reply " + replyId));
    if (optOuts.isOptedOut(reply.phone())) {
      throw new StateConflictException(
          "The patient opted out of SMS (STOP): call them instead, or wait for their START.");
    }
    Instant now = clock.instant();
    Optional<SmsRecipient> known = queries.lastTexted(reply.phone());
    String body = clinic.name() + ": " + text.strip();
    queue(reply.phone(), MessageKind.SMS_STAFF_ANSWER, body, known, now);
    inbox.handled(replyId, staff, now, text.strip(), null);
    log.info("SMS reply {} answered; the answer is queued", replyId);
    return inbox.lock(replyId).orElseThrow();
  }

  /**
   * The reply needs nothing more.
   *
   * @throws RecordNotFoundException when there is no such reply
   */
  @Transactional
  public SmsInbox.Reply markHandled(UUID replyId, String staff) {
    inbox.lock(replyId).orElseThrow(() -> new RecordNotFoundException("SMS reply " + replyId));
    inbox.handled(replyId, staff, clock.instant(), null, null);
    log.info("SMS reply {} marked handled", replyId);
    return inbox.lock(replyId).orElseThrow();
  }

  /**
   * A referral arrived with the patient's consent to SMS: the opt-in starts the number's history,
   * with the wording the referral form showed. A referral without consent, or without a mobile,
   * adds nothing.
   */
  @Transactional
  public void consentGivenWithReferral(ReferralSubmitted referral) {
    PatientContact patient = referral.patient();
    if (patient == null
        || !patient.smsConsent()
        || patient.mobilePhone() == null
        || patient.mobilePhone().isBlank()) {
      return;
    }
    consents.record(
        patient.mobilePhone().strip(),
        SmsConsents.Kind.OPT_IN,
        SmsConsents.Channel.REFERRAL,
        SmsConsents.REFERRAL_FORM_WORDING,
        referral.referralId(),
        new SmsConsents.Patient(nameOf(patient), patient.timeZone(), patient.language()),
        referral.occurredAt() == null ? clock.instant() : referral.occurredAt());
  }

  private static String nameOf(PatientContact patient) {
    String name =
        ((patient.givenName() == null ? "" : patient.givenName().strip())
                + " "
                + (patient.familyName() == null ? "" : patient.familyName().strip()))
            .strip();
    return name.isEmpty() ? null : name;
  }

  private Outcome optOut(String fromPhone, String text, Instant now) {
    boolean newly = optOuts.optOut(fromPhone, now);
    consents.record(
        fromPhone,
        SmsConsents.Kind.OPT_OUT,
        SmsConsents.Channel.SMS,
        keyword(text),
        queries.lastTexted(fromPhone).map(SmsRecipient::referralId).orElse(null),
        now);
    List<QueuedNotification> waiting = store.pendingSmsTo(fromPhone);
    for (QueuedNotification sms : waiting) {
      if (sms.expiredAt(now)) {
        // The dispatcher never got to this reminder before its expiry: it goes on no channel.
        store.save(sms.cancel(ClosedReason.EXPIRED, now));
      } else {
        store.save(sms.skip(ClosedReason.SMS_OPTED_OUT, now));
        store.enqueueFallback(sms, now);
      }
    }
    log.info(
        "SMS opt-out received ({}); {} waiting SMS skipped",
        newly ? "new" : "already opted out",
        waiting.size());
    return Outcome.OPTED_OUT;
  }

  /** An automatic answer in the language of the number's messages, due now. */
  private void answer(
      String phone,
      MessageKind kind,
      String name,
      Map<String, Object> variables,
      Optional<SmsRecipient> known,
      Instant now) {
    Locale locale =
        Languages.of(
            known
                .map(SmsRecipient::language)
                .or(() -> consents.patient(phone).map(SmsConsents.Patient::language))
                .orElse(null));
    Map<String, Object> all =
        new HashMap<>(texts.variables(locale, now.atZone(zoneOf(null)), null));
    all.putAll(variables);
    queue(phone, kind, texts.render(name, locale, all), known, now);
  }

  private void queue(
      String phone, MessageKind kind, String text, Optional<SmsRecipient> known, Instant now) {
    // The number's last SMS tells the language and zone; else the referral that gave the number.
    Optional<SmsConsents.Patient> referred =
        known.isPresent() ? Optional.empty() : consents.patient(phone);
    String language =
        known
            .map(SmsRecipient::language)
            .or(() -> referred.map(SmsConsents.Patient::language))
            .orElse(Languages.ENGLISH.getLanguage());
    String timeZone =
        known
            .map(SmsRecipient::timeZone)
            .or(() -> referred.map(SmsConsents.Patient::timeZone))
            .orElse(null);
    store.enqueue(
        new NewNotification(
            // Each answer is its own message, caused by no event: a new id each.
            UUID.randomUUID(),
            known.map(SmsRecipient::referralId).orElse(null),
            kind,
            RecipientRole.PATIENT,
            ContactChannel.SMS,
            phone,
            language,
            new RenderedMessage(kind.name(), text, null),
            now,
            null,
            timeZone,
            null,
            null),
        now);
  }

  /** The keyword as received, trimmed and cut short: the history keeps what the patient sent. */
  private static String keyword(String text) {
    String stripped = text.strip();
    return stripped.length() > 40 ? stripped.substring(0, 40) : stripped;
  }

  private ZoneId zoneOf(String timeZone) {
    if (timeZone != null) {
      try {
        return ZoneId.of(timeZone);
      } catch (DateTimeException unknown) {
        // the clinic's zone, below
      }
    }
    return clinic.timeZone();
  }
}
