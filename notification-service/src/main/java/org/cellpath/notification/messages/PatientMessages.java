package org.cellpath.notification.messages;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.OutcomeSurveyDue;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.WaitlistOfferMade;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NewNotification.Fallback;
import org.cellpath.notification.delivery.NewNotification.LinkTo;
import org.cellpath.notification.delivery.NewNotification.PairVersion;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.RecipientRole;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.sms.SmsOptOuts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Queues the patient messages events call for ({@code docs/domain.md §5}). Runs inside the
 * transaction that records the event as handled, so a message is queued exactly when its event is
 * consumed; the dispatcher sends each when due.
 *
 * <p>Reminders and follow-ups are queued when their triggering event arrives, with the time they
 * are due: they are rows like any other message, so they survive a restart and one dispatcher sends
 * each. A reschedule or cancellation cancels every message still waiting that was written for the
 * pair's earlier times.
 *
 * <p>The reminders before a procedure are rendered now and name a day ("in 3 days", "tomorrow"), so
 * each is queued with an expiry ({@link ReminderPlan}): the NSAID pause expires when the 3-day
 * reminder is due, the 3-day reminder when the 1-day one is due, the 1-day reminder when the first
 * appointment starts. The dispatcher never sends one from then on, on any channel. Every other
 * message (confirmations, follow-ups) has none and goes however late.
 *
 * <p>SMS go only to a patient who consented, gave a mobile number and has not opted out. Messages
 * that go "by email and SMS" always queue the email, and the SMS beside it; reminders go by SMS and
 * carry the email to send instead when the SMS may not go (see {@code SmsPolicy}).
 */
@Service
public class PatientMessages {

  private static final Logger log = LoggerFactory.getLogger(PatientMessages.class);

  /** How long an offer's link still opens its page after the hold's end (to say it ended). */
  static final java.time.Duration OFFER_LINK_GRACE = java.time.Duration.ofDays(1);

  private final MessageComposer composer;
  private final NotificationStore store;
  private final AppointmentPairs pairs;
  private final SmsOptOuts optOuts;
  private final ReminderPlan plan;
  private final ZoneId clinicZone;
  private final Clock clock;

  PatientMessages(
      MessageComposer composer,
      NotificationStore store,
      AppointmentPairs pairs,
      SmsOptOuts optOuts,
      NotificationProperties properties,
      ClinicProperties clinic,
      Clock clock) {
    this.composer = composer;
    this.store = store;
    this.pairs = pairs;
    this.optOuts = optOuts;
    this.plan = new ReminderPlan(properties.reminders().sendAt());
    this.clinicZone = clinic.timeZone();
    this.clock = clock;
  }

  /** A referral arrived: tell the patient, by email, that the clinic has it and will review it. */
  public void referralReceived(ReferralSubmitted event) {
    ComposedMessage message = composer.referralReceived(event);
    queue(
        new Letter(
            event.eventId(),
            event.referralId(),
            MessageKind.REFERRAL_RECEIVED,
            event.patient(),
            null,
            message),
        ContactChannel.EMAIL,
        null,
        clock.instant(),
        null);
  }

  /**
   * The referral was approved: tell the patient, by email, that the clinic will schedule the
   * appointments.
   */
  public void decisionApproved(ReferralApproved event) {
    ComposedMessage message = composer.decisionApproved(event);
    queue(
        new Letter(
            event.eventId(),
            event.referralId(),
            MessageKind.DECISION_APPROVED,
            event.patient(),
            null,
            message),
        ContactChannel.EMAIL,
        null,
        clock.instant(),
        null);
  }

  /**
   * The referral was declined: tell the patient, by email, that their physician will discuss other
   * options.
   */
  public void decisionDeclined(ReferralDeclined event) {
    ComposedMessage message = composer.decisionDeclined(event);
    queue(
        new Letter(
            event.eventId(),
            event.referralId(),
            MessageKind.DECISION_DECLINED,
            event.patient(),
            null,
            message),
        ContactChannel.EMAIL,
        null,
        clock.instant(),
        null);
  }

  /**
   * The procedure is booked: the confirmation (email with the calendar file, and SMS), and the
   * reminders before it.
   */
  public void bookingConfirmed(AppointmentPairBooked event) {
    Instant now = clock.instant();
    PairVersion pair = new PairVersion(event.pairId(), 0);
    if (!isNewest(event, event.pairId(), pair.sequence(), false, now)) {
      return;
    }
    pairs.recordAppointments(event.pairId(), event.appointments());
    ComposedMessage message = composer.bookingConfirmation(event);
    queueEmailAndSms(
        new Letter(
            event.eventId(),
            event.referralId(),
            MessageKind.BOOKING_CONFIRMATION,
            event.patient(),
            pair,
            message,
            linkTo(event.pairId(), event.appointments())),
        now);
    queueReminders(
        event.eventId(), event.referralId(), event.patient(), event.appointments(), pair, now);
  }

  /**
   * The pair moved: everything still waiting for the old times is cancelled; the new times go out
   * (email with the calendar file's raised SEQUENCE, and SMS) and the reminders are queued again
   * for them.
   */
  public void rescheduled(AppointmentPairRescheduled event) {
    Instant now = clock.instant();
    PairVersion pair = new PairVersion(event.pairId(), event.sequence());
    if (!isNewest(event, event.pairId(), pair.sequence(), false, now)) {
      return;
    }
    int cancelled =
        store.cancelPendingForPair(event.pairId(), pair.sequence(), ClosedReason.RESCHEDULED, now);
    log.info(
        "Pair {} of referral {} rescheduled (sequence {}): {} waiting message(s) for the old times cancelled",
        event.pairId(),
        event.referralId(),
        event.sequence(),
        cancelled);
    pairs.recordAppointments(event.pairId(), event.appointments());
    ComposedMessage message = composer.rescheduled(event);
    queueEmailAndSms(
        new Letter(
            event.eventId(),
            event.referralId(),
            MessageKind.BOOKING_RESCHEDULED,
            event.patient(),
            pair,
            message,
            linkTo(event.pairId(), event.appointments())),
        now);
    queueReminders(
        event.eventId(), event.referralId(), event.patient(), event.appointments(), pair, now);
  }

  /**
   * A pair is offered to the waitlisted patient: the offer by email, and by SMS when they can get
   * SMS, each carrying the offer's link (minted when sent, good until a day after the hold's end so
   * that a late tap reads "this offer has ended" rather than a dead link). Neither goes once the
   * hold is over.
   */
  public void waitlistOffered(WaitlistOfferMade event) {
    Instant now = clock.instant();
    ComposedMessage message = composer.waitlistOffer(event);
    Letter letter =
        new Letter(
            event.eventId(),
            event.referralId(),
            MessageKind.WAITLIST_OFFER,
            event.patient(),
            null,
            message,
            new LinkTo(event.pairId(), event.holdUntil().plus(OFFER_LINK_GRACE)));
    queue(letter, ContactChannel.EMAIL, null, now, event.holdUntil());
    if (smsReachable(letter.patient())) {
      queue(letter, ContactChannel.SMS, null, now, event.holdUntil());
    }
    log.info(
        "Waitlist offer of pair {} to referral {} queued, held until {}",
        event.pairId(),
        event.referralId(),
        event.holdUntil());
  }

  /**
   * A questionnaire is open ({@code docs/domain.md §9}), or still open after 3 days (the event's
   * reminder): its link by email, and by SMS when the patient can get SMS; a patient with only a
   * mobile gets the SMS alone, and one with neither the email, recorded as FAILED NO_ADDRESS like
   * any message that finds no address. Both expire when the questionnaire closes, so neither goes
   * afterwards, on any channel. Not a safety message: the SMS waits for the sending window and is
   * held to the caps (over one, it is skipped; the email has the link).
   */
  public void outcomeSurveyDue(OutcomeSurveyDue event) {
    Instant now = clock.instant();
    MessageKind kind =
        event.reminder() ? MessageKind.OUTCOME_SURVEY_REMINDER : MessageKind.OUTCOME_SURVEY;
    ComposedMessage message = composer.outcomeSurvey(event);
    Letter letter =
        new Letter(
            event.eventId(),
            event.referralId(),
            kind,
            event.patient(),
            null,
            message,
            new LinkTo(event.surveyId(), event.closesAt()));
    boolean sms = smsReachable(letter.patient());
    if (MessageComposer.hasEmail(letter.patient()) || !sms) {
      queue(letter, ContactChannel.EMAIL, null, now, event.closesAt());
    }
    if (sms) {
      queue(letter, ContactChannel.SMS, null, now, event.closesAt());
    }
    log.info(
        "{} of survey {} ({}) for referral {} queued, open until {}",
        kind,
        event.surveyId(),
        event.timePoint(),
        event.referralId(),
        event.closesAt());
  }

  /**
   * The pair was cancelled: nothing still waiting for it goes out; the cancellation does (email and
   * SMS).
   */
  public void cancelled(AppointmentPairCancelled event) {
    Instant now = clock.instant();
    PairVersion pair = new PairVersion(event.pairId(), event.sequence());
    if (!isNewest(event, event.pairId(), pair.sequence(), true, now)) {
      return;
    }
    int cancelled =
        store.cancelPendingForPair(
            event.pairId(), pair.sequence(), ClosedReason.PAIR_CANCELLED, now);
    log.info(
        "Pair {} of referral {} cancelled: {} waiting message(s) dropped",
        event.pairId(),
        event.referralId(),
        cancelled);
    ComposedMessage message = composer.cancelled(event);
    queueEmailAndSms(
        new Letter(
            event.eventId(),
            event.referralId(),
            MessageKind.BOOKING_CANCELLED,
            event.patient(),
            pair,
            message),
        now);
  }

  /**
   * Whether the event is the newest news of its pair, which it then becomes; an event older than
   * what is known of the pair (a replay, or one overtaken by a later change) queues nothing.
   */
  private boolean isNewest(
      CellPathEvent event, UUID pairId, int sequence, boolean cancels, Instant now) {
    if (pairs.advance(pairId, event.referralId(), sequence, cancels, now)) {
      return true;
    }
    log.warn(
        "{} {} (sequence {}) of referral {} is not newer than what is known of pair {}; nothing"
            + " queued",
        event.getClass().getSimpleName(),
        event.eventId(),
        sequence,
        event.referralId(),
        pairId);
    return false;
  }

  /**
   * An injection took place: the follow-up series (day 1, weeks 2, 6, 12 and 24), by email, or by
   * SMS for a patient with no email.
   */
  public void appointmentCompleted(AppointmentCompleted event) {
    Appointment injection = event.appointment();
    if (injection == null || injection.kind() != AppointmentKind.INJECTION) {
      return;
    }
    if (event.patient() == null) {
      throw new RejectedEventException(
          "AppointmentCompleted " + event.eventId() + " carries no patient contact");
    }
    Instant now = clock.instant();
    ZoneId zone = zoneOf(event.patient(), injection);
    for (ReminderPlan.Due due : plan.afterInjection(injection.startsAt(), zone, now)) {
      FollowUpStage stage =
          FollowUpStage.valueOf(due.kind().name().substring("FOLLOW_UP_".length()));
      boolean linked = event.pairId() != null;
      ComposedMessage message = composer.followUp(event.patient(), injection, stage, linked);
      queue(
          new Letter(
              event.eventId(),
              event.referralId(),
              due.kind(),
              event.patient(),
              null,
              message,
              linked ? new LinkTo(event.pairId(), null) : null),
          safetyChannel(event.patient()),
          null,
          due.at(),
          due.expiresAt());
    }
    log.info(
        "Follow-up series of referral {} queued ({} messages)",
        event.referralId(),
        FollowUpStage.values().length);
  }

  private void queueReminders(
      UUID eventId,
      UUID referralId,
      PatientContact patient,
      List<Appointment> appointments,
      PairVersion pair,
      Instant now) {
    Appointment first =
        appointments.stream()
            .min(Comparator.comparing(Appointment::startsAt))
            .orElseThrow(
                () -> new RejectedEventException("Event " + eventId + " has no appointments"));
    List<ReminderPlan.Due> reminders =
        plan.beforeProcedure(first.startsAt(), zoneOf(patient, first), now);
    for (ReminderPlan.Due due : reminders) {
      LinkTo link = new LinkTo(pair.pairId(), first.startsAt());
      if (due.kind() == MessageKind.NSAID_PAUSE_REMINDER) {
        Letter letter =
            new Letter(
                eventId,
                referralId,
                due.kind(),
                patient,
                pair,
                composer.nsaidPauseReminder(patient, appointments),
                link);
        queue(letter, safetyChannel(patient), null, due.at(), due.expiresAt());
      } else {
        int daysBefore = due.kind() == MessageKind.APPOINTMENT_REMINDER_3_DAYS ? 3 : 1;
        Letter letter =
            new Letter(
                eventId,
                referralId,
                due.kind(),
                patient,
                pair,
                composer.appointmentReminder(patient, appointments, daysBefore),
                link);
        if (smsReachable(patient)) {
          queue(
              letter,
              ContactChannel.SMS,
              new Fallback(patient.email(), letter.message().content()),
              due.at(),
              due.expiresAt());
        } else {
          queue(letter, ContactChannel.EMAIL, null, due.at(), due.expiresAt());
        }
      }
    }
    log.info(
        "{} reminder(s) queued for referral {} (pair {}, sequence {})",
        reminders.size(),
        referralId,
        pair.pairId(),
        pair.sequence());
  }

  /** The email, and the SMS beside it when the patient can get SMS. */
  private void queueEmailAndSms(Letter letter, Instant now) {
    queue(letter, ContactChannel.EMAIL, null, now, null);
    if (letter.message().sms() != null && smsReachable(letter.patient())) {
      queue(letter, ContactChannel.SMS, null, now, null);
    }
  }

  /**
   * Queues the letter on the channel; {@code expiresAt} is null for a message that goes however
   * late.
   */
  private void queue(
      Letter letter, ContactChannel channel, Fallback fallback, Instant dueAt, Instant expiresAt) {
    PatientContact patient = letter.patient();
    String address = channel == ContactChannel.SMS ? patient.mobilePhone() : patient.email();
    RenderedMessage content =
        channel == ContactChannel.SMS
            ? new RenderedMessage(letter.kind().name(), letter.message().sms(), null)
            : letter.message().content();
    store.enqueue(
        new NewNotification(
            letter.eventId(),
            letter.referralId(),
            letter.kind(),
            RecipientRole.PATIENT,
            channel,
            address,
            letter.message().language(),
            content,
            dueAt,
            expiresAt,
            patient.timeZone(),
            letter.pair(),
            fallback,
            letter.link()),
        clock.instant());
  }

  /**
   * The channel of a message that exists in email and SMS alike and must reach the patient (the
   * NSAID pause, the check-in and follow-ups after the injection): the email, else the SMS for a
   * patient who has only a mobile (within the SMS rules), else the email anyway, recorded as FAILED
   * NO_ADDRESS so that staff see the patient could not be told.
   */
  private ContactChannel safetyChannel(PatientContact patient) {
    if (!MessageComposer.hasEmail(patient) && smsReachable(patient)) {
      return ContactChannel.SMS;
    }
    return ContactChannel.EMAIL;
  }

  /** The link to the pair's page, until its first appointment starts. */
  private static LinkTo linkTo(UUID pairId, List<Appointment> appointments) {
    return new LinkTo(
        pairId,
        appointments.stream()
            .map(Appointment::startsAt)
            .min(Comparator.naturalOrder())
            .orElse(null));
  }

  /** Whether SMS may go to the patient at all: consent, a mobile number, and no opt-out. */
  private boolean smsReachable(PatientContact patient) {
    return patient.smsConsent()
        && patient.mobilePhone() != null
        && !patient.mobilePhone().isBlank()
        && !optOuts.isOptedOut(patient.mobilePhone().strip());
  }

  private ZoneId zoneOf(PatientContact patient, Appointment first) {
    return PatientZones.of(clinicZone, patient.timeZone(), first.timeZone());
  }

  /**
   * One message to a patient, about an event, and the pair version it was written for (null when
   * none).
   */
  private record Letter(
      UUID eventId,
      UUID referralId,
      MessageKind kind,
      PatientContact patient,
      PairVersion pair,
      ComposedMessage message,
      LinkTo link) {

    Letter(
        UUID eventId,
        UUID referralId,
        MessageKind kind,
        PatientContact patient,
        PairVersion pair,
        ComposedMessage message) {
      this(eventId, referralId, kind, patient, pair, message, null);
    }

    Letter {
      if (patient == null) {
        throw new RejectedEventException(
            kind + " for event " + eventId + " but the event carries no patient contact");
      }
    }
  }
}
