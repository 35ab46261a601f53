package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.NotificationFailed;
import org.cellpath.contracts.NotificationSent;
import org.cellpath.domain.StateConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A message's status changes only as {@link DeliveryStatus}'s table allows, and each change names
 * its events.
 */
class QueuedNotificationTest {

  private static final Instant NOW = Instant.parse("2026-03-01T16:00:00Z");

  @Test
  void aPendingMessageMayBeSentAndThatIsReportedOnce() {
    QueuedNotification message = message(DeliveryStatus.PENDING, null);

    StatusChange.Sent sent = message.sent(1, NOW);

    assertThat(sent.to()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sent.events())
        .singleElement()
        .isInstanceOfSatisfying(
            NotificationSent.class,
            event -> {
              assertThat(event.notificationId()).isEqualTo(message.id());
              assertThat(event.referralId()).isEqualTo(message.referralId());
              assertThat(event.channel()).isEqualTo(ContactChannel.SMS);
            });
  }

  @Test
  void givingUpIsReportedWithTheFailureCode() {
    StatusChange.Failed failed =
        message(DeliveryStatus.PENDING, null).failed(5, NOW, FailureCode.PROVIDER_UNAVAILABLE);

    assertThat(failed.events())
        .singleElement()
        .isInstanceOfSatisfying(
            NotificationFailed.class,
            event -> assertThat(event.reasonCode()).isEqualTo("PROVIDER_UNAVAILABLE"));
  }

  @Test
  void retriesHoldsPostponementsAndClosingsRaiseNoEvent() {
    QueuedNotification message = message(DeliveryStatus.PENDING, null);

    assertThat(
            message.retryAt(1, NOW, NOW.plusSeconds(30), FailureCode.PROVIDER_UNAVAILABLE).events())
        .isEmpty();
    assertThat(message.holdUntil(NOW.plusSeconds(30), FailureCode.RATE_LIMITED).events()).isEmpty();
    assertThat(message.postponeUntil(NOW.plusSeconds(30)).events()).isEmpty();
    assertThat(message.cancel(ClosedReason.RESCHEDULED, NOW).to())
        .isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(message.skip(ClosedReason.SMS_OPTED_OUT, NOW).to())
        .isEqualTo(DeliveryStatus.SKIPPED);
  }

  @ParameterizedTest
  @EnumSource(value = DeliveryStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
  void aFinalStatusMovesNowhere(DeliveryStatus status) {
    QueuedNotification message = message(status, null);

    assertThatThrownBy(() -> message.cancel(ClosedReason.RESCHEDULED, NOW))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining(status + " message cannot become CANCELLED");
    assertThatThrownBy(() -> message.sent(1, NOW)).isInstanceOf(IllegalStatusChangeException.class);
    assertThatThrownBy(() -> message.retryAt(1, NOW, NOW, FailureCode.PROVIDER_UNAVAILABLE))
        .isInstanceOf(IllegalStatusChangeException.class);
    assertThatThrownBy(() -> message.postponeUntil(NOW))
        .isInstanceOf(IllegalStatusChangeException.class);
  }

  @Test
  void aMessageIsClosedOnlyAsCancelledOrSkipped() {
    assertThatThrownBy(
            () ->
                new StatusChange.Closed(
                    message(DeliveryStatus.PENDING, null),
                    DeliveryStatus.SENT,
                    ClosedReason.RESCHEDULED,
                    NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBulkCancellationSelectsTheStatusesTheTableLetsBecomeCancelled() {
    assertThat(DeliveryStatus.allowedBefore(DeliveryStatus.CANCELLED))
        .containsExactly(DeliveryStatus.PENDING);
  }

  @Test
  void theFallbackEmailIsDueWhenTheSmsWasAndNoneIsLeftOnceTheSmsExpired() {
    NewNotification.Fallback fallback =
        new NewNotification.Fallback(
            "ana@example.org", new RenderedMessage("Reminder", "See you tomorrow", null));
    QueuedNotification sms =
        new QueuedNotification(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            MessageKind.APPOINTMENT_REMINDER_1_DAY,
            RecipientRole.PATIENT,
            ContactChannel.SMS,
            "+13105550123",
            "en",
            "APPOINTMENT_REMINDER_1_DAY",
            "See you tomorrow",
            null,
            null,
            DeliveryStatus.PENDING,
            0,
            NOW.plusSeconds(3600),
            NOW.plusSeconds(7200),
            null,
            null,
            fallback);

    assertThat(sms.fallbackEmail(NOW))
        .hasValueSatisfying(
            email -> {
              assertThat(email.channel()).isEqualTo(ContactChannel.EMAIL);
              assertThat(email.address()).isEqualTo("ana@example.org");
              assertThat(email.dueAt()).isEqualTo(NOW.plusSeconds(3600));
              assertThat(email.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
            });
    assertThat(sms.fallbackEmail(NOW.plusSeconds(7200))).isEmpty();
  }

  @Test
  void aMessageWithoutAnAddressFailsOnArrivalAndSaysSo() {
    NewNotification unreachable =
        new NewNotification(
            UUID.randomUUID(),
            UUID.randomUUID(),
            MessageKind.BOOKING_CONFIRMATION,
            RecipientRole.PATIENT,
            ContactChannel.EMAIL,
            " ",
            "en",
            new RenderedMessage("Subject", "Body", null));
    UUID id = UUID.randomUUID();

    assertThat(unreachable.statusOnArrival()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(unreachable.eventsOnArrival(id, NOW))
        .singleElement()
        .isInstanceOfSatisfying(
            NotificationFailed.class,
            event -> {
              assertThat(event.notificationId()).isEqualTo(id);
              assertThat(event.reasonCode()).isEqualTo("NO_ADDRESS");
            });
  }

  private static QueuedNotification message(DeliveryStatus status, Instant expiresAt) {
    return new QueuedNotification(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        MessageKind.BOOKING_CONFIRMATION,
        RecipientRole.PATIENT,
        ContactChannel.SMS,
        "+13105550123",
        "en",
        "Subject",
        "Body",
        null,
        null,
        status,
        0,
        NOW,
        expiresAt,
        null,
        null,
        null);
  }
}
