package org.cellpath.notification.messages;

import java.time.Clock;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.OutcomeReportReady;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralInfoRequested;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.RecipientRole;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Queues the messages that close the loop with the referring physician: the review's outcome and
 * each scheduling milestone, by email to the practice, in English. Runs inside the transaction that
 * records the event as handled, like {@link PatientMessages}.
 */
@Service
public class PhysicianMessages {

  private final PhysicianMessageComposer composer;
  private final NotificationStore store;
  private final Clock clock;
  private final AppointmentPairs pairs;
  private final String console;

  /**
   * @param console the console's address ({@code PATIENT_LINK_BASE_URL}): the patients' links and
   *     the physicians' pages are served by the same console
   */
  PhysicianMessages(
      PhysicianMessageComposer composer,
      NotificationStore store,
      Clock clock,
      AppointmentPairs pairs,
      @Value("${cellpath.patient-links.base-url}") String console) {
    this.composer = composer;
    this.store = store;
    this.clock = clock;
    this.pairs = pairs;
    this.console = console.endsWith("/") ? console.substring(0, console.length() - 1) : console;
  }

  /** The referral was approved: tell the physician, with the cell source the clinic will use. */
  public void decisionApproved(ReferralApproved event) {
    ComposedMessage message = composer.decisionApproved(event);
    queueEmail(
        event.eventId(),
        event.referralId(),
        MessageKind.PHYSICIAN_DECISION,
        event.physician(),
        message);
  }

  /** The referral was declined: tell the physician, with the reviewer's reason. */
  public void decisionDeclined(ReferralDeclined event) {
    ComposedMessage message = composer.decisionDeclined(event);
    queueEmail(
        event.eventId(),
        event.referralId(),
        MessageKind.PHYSICIAN_DECISION,
        event.physician(),
        message);
  }

  /**
   * The reviewer needs more: tell the physician what, and that amending the referral reopens the
   * review.
   */
  public void informationRequested(ReferralInfoRequested event) {
    ComposedMessage message = composer.informationRequested(event);
    queueEmail(
        event.eventId(),
        event.referralId(),
        MessageKind.PHYSICIAN_DECISION,
        event.physician(),
        message);
  }

  /**
   * The case reached a scheduling milestone (booked, moved, waitlisted, cancelled, completed,
   * missed). A booking or a move names the appointments' date, time (the site's zone) and place, as
   * the pair's newest booking event gave them; when that event has not arrived yet (it travels on
   * another topic), the email goes without them rather than late.
   */
  public void milestone(ReferralStatusChanged event) {
    ComposedMessage message =
        composer.milestone(event, pairs.currentAppointments(event.referralId()));
    queueEmail(
        event.eventId(),
        event.referralId(),
        MessageKind.PHYSICIAN_MILESTONE,
        event.physician(),
        message);
  }

  /**
   * An interim (6 weeks) or final (24 weeks) outcomes report is in the physician's view of the
   * referral: the email says only that, with the link to the referral's page in the console, where
   * the physician signs in to read it ({@code docs/domain.md §9}).
   */
  public void reportReady(OutcomeReportReady event) {
    ComposedMessage message =
        composer.reportReady(event, console + "/physician/referrals/" + event.referralId());
    queueEmail(
        event.eventId(),
        event.referralId(),
        MessageKind.PHYSICIAN_REPORT_READY,
        event.physician(),
        message);
  }

  private void queueEmail(
      UUID eventId,
      UUID referralId,
      MessageKind kind,
      PhysicianContact physician,
      ComposedMessage message) {
    store.enqueue(
        new NewNotification(
            eventId,
            referralId,
            kind,
            RecipientRole.PHYSICIAN,
            ContactChannel.EMAIL,
            physician.email(),
            message.language(),
            message.content()),
        clock.instant());
  }
}
