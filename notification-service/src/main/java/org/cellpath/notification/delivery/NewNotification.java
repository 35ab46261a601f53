package org.cellpath.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.NotificationFailed;

/**
 * A message to queue because of an event.
 *
 * @param eventId the event that caused it; with kind, recipient role and channel, what makes it
 *     unique
 * @param referralId the referral it is about; null only for an answer to an SMS from a number no
 *     referral matched
 * @param address where to send it on the channel, or null when the recipient gave none
 * @param language the language it was rendered in ({@code en}, {@code es})
 * @param dueAt when to send it; null for at once
 * @param expiresAt when it stops being worth sending: not sent from then on, on any channel (closed
 *     as {@link ClosedReason#EXPIRED}); null for a message that goes however late. Set for the
 *     reminders before a procedure only
 * @param timeZone the recipient's IANA zone (SMS window and daily limit), or null for the clinic's
 * @param pair the appointment pair and calendar sequence the message was written for, or null when
 *     it is about none
 * @param fallback the email to send instead when this SMS may not go, or null
 * @param link the patient link the message carries (minted when it is sent), or null
 */
public record NewNotification(
    UUID eventId,
    UUID referralId,
    MessageKind kind,
    RecipientRole recipientRole,
    ContactChannel channel,
    String address,
    String language,
    RenderedMessage content,
    Instant dueAt,
    Instant expiresAt,
    String timeZone,
    PairVersion pair,
    Fallback fallback,
    LinkTo link) {

  public NewNotification {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recipientRole, "recipientRole");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(content, "content");
    address = blankToNull(address);
    timeZone = blankToNull(timeZone);
    if (fallback != null && channel != ContactChannel.SMS) {
      throw new IllegalArgumentException("Only an SMS has an email fallback");
    }
  }

  /** A message that carries no patient link. */
  public NewNotification(
      UUID eventId,
      UUID referralId,
      MessageKind kind,
      RecipientRole recipientRole,
      ContactChannel channel,
      String address,
      String language,
      RenderedMessage content,
      Instant dueAt,
      Instant expiresAt,
      String timeZone,
      PairVersion pair,
      Fallback fallback) {
    this(
        eventId,
        referralId,
        kind,
        recipientRole,
        channel,
        address,
        language,
        content,
        dueAt,
        expiresAt,
        timeZone,
        pair,
        fallback,
        null);
  }

  /** A message that goes however late. */
  public NewNotification(
      UUID eventId,
      UUID referralId,
      MessageKind kind,
      RecipientRole recipientRole,
      ContactChannel channel,
      String address,
      String language,
      RenderedMessage content,
      Instant dueAt,
      String timeZone,
      PairVersion pair,
      Fallback fallback) {
    this(
        eventId,
        referralId,
        kind,
        recipientRole,
        channel,
        address,
        language,
        content,
        dueAt,
        null,
        timeZone,
        pair,
        fallback);
  }

  /** A message due at once, about no appointment pair, without fallback. */
  public NewNotification(
      UUID eventId,
      UUID referralId,
      MessageKind kind,
      RecipientRole recipientRole,
      ContactChannel channel,
      String address,
      String language,
      RenderedMessage content) {
    this(
        eventId,
        referralId,
        kind,
        recipientRole,
        channel,
        address,
        language,
        content,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The status it is queued with: PENDING, or FAILED ({@link FailureCode#NO_ADDRESS}) when it has
   * no address.
   */
  DeliveryStatus statusOnArrival() {
    return DeliveryStatus.onArrival(address != null);
  }

  /**
   * The error it is queued with: {@link FailureCode#NO_ADDRESS} when it has no address, else none.
   */
  FailureCode errorOnArrival() {
    return address == null ? FailureCode.NO_ADDRESS : null;
  }

  /**
   * The events queuing it as {@code id} causes: {@code NotificationFailed} for a message with no
   * address, so that staff see who could not be told; none for a message that will be sent.
   */
  List<CellPathEvent> eventsOnArrival(UUID id, Instant now) {
    if (address != null || referralId == null) {
      return List.of();
    }
    return List.of(
        new NotificationFailed(
            UUID.randomUUID(),
            referralId,
            now,
            id,
            kind.name(),
            channel,
            recipientRole.name(),
            FailureCode.NO_ADDRESS.name()));
  }

  /** The appointment pair a message is about, at the calendar sequence it was written for. */
  public record PairVersion(UUID pairId, int sequence) {

    public PairVersion {
      Objects.requireNonNull(pairId, "pairId");
    }
  }

  /**
   * The patient link a message carries: its text holds {@link #PLACEHOLDER} where the link goes,
   * and the link itself is minted when the message is sent, so that a message sent weeks after it
   * was queued still carries a live link, and no token is ever stored. What the link opens (a
   * pair's appointments, an offer, a questionnaire) follows from the message's kind ({@link
   * PatientLinkWriter}).
   *
   * @param subjectId what the link opens: the appointment pair (its appointments, or the offer), or
   *     the questionnaire
   * @param until when the link stops working (and it never lives longer than links may): the pair's
   *     first appointment start, an offer's hold end (and a day), a questionnaire's closing; null
   *     for a message after the pair's appointments (follow-ups)
   */
  public record LinkTo(UUID subjectId, Instant until) {

    /** Where the link goes in a message's text and HTML; no template or patient writes it. */
    public static final String PLACEHOLDER = "@@cellpath-patient-link@@";

    public LinkTo {
      Objects.requireNonNull(subjectId, "subjectId");
    }
  }

  /** The email that carries a message when its SMS may not go. */
  public record Fallback(String address, RenderedMessage content) {

    public Fallback {
      Objects.requireNonNull(content, "content");
      address = blankToNull(address);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
