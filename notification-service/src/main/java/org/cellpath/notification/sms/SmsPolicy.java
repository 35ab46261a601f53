package org.cellpath.notification.sms;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NotificationQueries;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.QueuedNotification;
import org.cellpath.notification.delivery.SendingRules;
import org.cellpath.notification.delivery.SendingRules.Decision;
import org.springframework.stereotype.Component;

/**
 * The rules an SMS must pass when it is about to go ({@code docs/domain.md §5}): the patient has
 * not opted out, it is between {@code window-start} and {@code window-end} in the patient's zone
 * (else it waits for the opening), and the patient got fewer than {@code per-day} SMS since local
 * midnight and fewer than {@code per-week} in the last seven days (else it is skipped, and its
 * email fallback, if it has one, goes instead).
 *
 * <p>ADR 33: a safety message (the NSAID pause, the check-in after the injection) and a staff
 * member's answer are not held back by the caps, but by the opt-out and the window as any SMS; the
 * automatic answers to a patient's reply (YES, START) go at once, outside the window and the caps,
 * never to an opted-out number; the answer to HELP goes always. Answers never count toward the caps
 * ({@code NotificationQueries.smsSentSince}); safety messages do.
 *
 * <p>Checked under a per-number advisory lock held until the sending transaction ends, so two
 * dispatchers (two instances) never both pass the limits for one patient.
 */
@Component
class SmsPolicy implements SendingRules {

  private final NotificationStore store;
  private final NotificationQueries queries;
  private final SmsOptOuts optOuts;
  private final SmsRulesProperties settings;
  private final ZoneId clinicZone;

  SmsPolicy(
      NotificationStore store,
      NotificationQueries queries,
      SmsOptOuts optOuts,
      SmsRulesProperties settings,
      ClinicProperties clinic) {
    this.store = store;
    this.queries = queries;
    this.optOuts = optOuts;
    this.settings = settings;
    this.clinicZone = clinic.timeZone();
  }

  @Override
  public ContactChannel channel() {
    return ContactChannel.SMS;
  }

  /** What to do with a claimed SMS, decided in (and locking for) the dispatcher's transaction. */
  @Override
  public Decision decide(QueuedNotification sms, Instant now) {
    store.lockSmsRecipient(sms.address());
    if (sms.kind() == MessageKind.SMS_REPLY_HELP) {
      // Carriers require HELP answered, at once, whatever the number's consent.
      return new Decision.Send();
    }
    if (optOuts.isOptedOut(sms.address())) {
      return new Decision.Skip(ClosedReason.SMS_OPTED_OUT);
    }
    if (sms.kind() == MessageKind.SMS_REPLY) {
      // The patient wrote a moment ago (YES, START): the answer is expected now, at any hour.
      return new Decision.Send();
    }
    ZoneId zone = zoneOf(sms.timeZone());
    Optional<Instant> opening = settings.window().nextOpening(now, zone);
    if (opening.isPresent()) {
      return new Decision.Postpone(opening.get());
    }
    if (sms.kind().safety() || sms.kind().answer()) {
      // A safety message, or a staff member's answer, is not held back by the caps (ADR 33); the
      // window above and the opt-out hold for it like for any SMS.
      return new Decision.Send();
    }
    Instant localMidnight = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    if (queries.smsSentSince(sms.address(), localMidnight, sms.id()) >= settings.perDay()) {
      return new Decision.Skip(ClosedReason.SMS_DAILY_LIMIT);
    }
    if (queries.smsSentSince(sms.address(), now.minus(Duration.ofDays(7)), sms.id())
        >= settings.perWeek()) {
      return new Decision.Skip(ClosedReason.SMS_WEEKLY_LIMIT);
    }
    return new Decision.Send();
  }

  private ZoneId zoneOf(String timeZone) {
    if (timeZone != null) {
      try {
        return ZoneId.of(timeZone);
      } catch (DateTimeException unknown) {
        // the clinic's zone, below
      }
    }
    return clinicZone;
  }
}
