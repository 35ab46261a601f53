package org.cellpath.notification.messages;

import java.time.Clock;
import java.util.UUID;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationQueue;
import org.cellpath.notification.delivery.RecipientRole;
import org.springframework.stereotype.Service;

/**
 * Queues the patient messages events call for. Runs inside the transaction that records the event as handled,
 * so a message is queued exactly when its event is consumed; the dispatcher sends it after commit.
 */
@Service
public class PatientMessages {

  private final MessageComposer composer;
  private final NotificationQueue queue;
  private final Clock clock;

  PatientMessages(MessageComposer composer, NotificationQueue queue, Clock clock) {
    this.composer = composer;
    this.queue = queue;
    this.clock = clock;
  }

  /** A referral arrived: tell the patient, by email, that the clinic has it and will review it. */
  public void referralReceived(ReferralSubmitted event) {
    ComposedMessage message = composer.referralReceived(event);
    queueEmail(event.eventId(), event.referralId(), MessageKind.REFERRAL_RECEIVED, event.patient(), message);
  }

  /** The referral was approved: tell the patient, by email, that the clinic will schedule the appointments. */
  public void decisionApproved(ReferralApproved event) {
    ComposedMessage message = composer.decisionApproved(event);
    queueEmail(event.eventId(), event.referralId(), MessageKind.DECISION_APPROVED, event.patient(), message);
  }

  /** The referral was declined: tell the patient, by email, that their physician will discuss other options. */
  public void decisionDeclined(ReferralDeclined event) {
    ComposedMessage message = composer.decisionDeclined(event);
    queueEmail(event.eventId(), event.referralId(), MessageKind.DECISION_DECLINED, event.patient(), message);
  }

  /** The procedure is booked: confirm times, place, preparation and cost to the patient, by email. */
  public void bookingConfirmed(AppointmentPairBooked event) {
    ComposedMessage message = composer.bookingConfirmation(event);
    queueEmail(event.eventId(), event.referralId(), MessageKind.BOOKING_CONFIRMATION, event.patient(), message);
  }

  private void queueEmail(UUID eventId, UUID referralId, MessageKind kind, PatientContact patient,
      ComposedMessage message) {
    queue.enqueue(new NewNotification(eventId, referralId, kind, RecipientRole.PATIENT, ContactChannel.EMAIL,
        patient.email(), message.language(), message.content()), clock.instant());
  }
}
