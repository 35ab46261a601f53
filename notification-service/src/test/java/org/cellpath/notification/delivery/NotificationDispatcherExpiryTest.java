package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.notification.delivery.DispatcherTestKit.NOW;
import static org.cellpath.notification.delivery.DispatcherTestKit.smsMayGo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** A reminder that has not gone by its expiry never goes, on any channel. */
class NotificationDispatcherExpiryTest {

  private static final NewNotification.Fallback EMAIL_INSTEAD =
      new NewNotification.Fallback(
          "ana@example.org", new RenderedMessage("Reminder", "See you in 3 days", null));

  private final NotificationStore queue = mock(NotificationStore.class);
  private final Recording sms = new Recording(ContactChannel.SMS);
  private final Recording email = new Recording(ContactChannel.EMAIL);

  @Test
  void aReminderClaimedAtItsExpiryIsClosedAsExpiredWithoutSendingItOrItsEmailStandIn() {
    SendingRules rules = smsMayGo();
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, rules, sms, email);
    QueuedNotification reminder =
        DispatcherTestKit.due(queue, ContactChannel.SMS, "+13105550123", 0, EMAIL_INSTEAD, NOW);

    assertThat(dispatcher.dispatchDue()).isEqualTo(1);

    verify(queue).save(reminder.cancel(ClosedReason.EXPIRED, NOW));
    verify(queue, never()).enqueueFallback(any(), any());
    verify(queue, never()).save(any(StatusChange.Sent.class));
    verify(rules, never()).decide(any(), any());
    assertThat(sms.sent).isEmpty();
  }

  @Test
  void anEmailReminderRetriedAfterItsExpiryIsClosedAsExpired() {
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, smsMayGo(), sms, email);
    QueuedNotification reminder =
        DispatcherTestKit.due(
            queue, ContactChannel.EMAIL, "ana@example.org", 3, null, NOW.minusSeconds(3600));

    dispatcher.dispatchDue();

    verify(queue).save(reminder.cancel(ClosedReason.EXPIRED, NOW));
    verify(queue, never()).save(any(StatusChange.Retrying.class));
    assertThat(email.sent).isEmpty();
  }

  @Test
  void aReminderThatExpiresWhileItWaitsForTheSmsRulesIsNotSent() {
    MutableClock clock = new MutableClock(NOW);
    SendingRules rules = mock(SendingRules.class);
    // The SMS rules wait for the number's lock, held by another instance sending to the same
    // patient.
    when(rules.decide(any(), any()))
        .thenAnswer(
            call -> {
              clock.advance(Duration.ofSeconds(5));
              return new SendingRules.Decision.Send();
            });
    NotificationDispatcher dispatcher =
        DispatcherTestKit.dispatcher(queue, rules, clock, sms, email);
    QueuedNotification reminder =
        DispatcherTestKit.due(
            queue, ContactChannel.SMS, "+13105550123", 0, EMAIL_INSTEAD, NOW.plusSeconds(2));

    dispatcher.dispatchDue();

    assertThat(sms.sent).isEmpty();
    verify(queue).save(reminder.cancel(ClosedReason.EXPIRED, NOW.plusSeconds(5)));
    verify(queue, never()).enqueueFallback(any(), any());
  }

  @Test
  void aReminderBeforeItsExpiryGoes() {
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, smsMayGo(), sms, email);
    QueuedNotification reminder =
        DispatcherTestKit.due(
            queue, ContactChannel.SMS, "+13105550123", 0, EMAIL_INSTEAD, NOW.plusMillis(1));

    dispatcher.dispatchDue();

    assertThat(sms.sent).extracting(OutgoingMessage::notificationId).containsExactly(reminder.id());
    verify(queue).save(reminder.sent(1, NOW));
    verify(queue, never()).save(any(StatusChange.Closed.class));
  }

  @Test
  void aMessageWithoutExpiryGoesHoweverLate() {
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, smsMayGo(), sms, email);
    QueuedNotification followUp =
        DispatcherTestKit.due(queue, ContactChannel.EMAIL, "ana@example.org", 0, null, null);

    dispatcher.dispatchDue();

    assertThat(email.sent)
        .extracting(OutgoingMessage::notificationId)
        .containsExactly(followUp.id());
  }

  private static final class Recording implements DeliveryChannel {

    private final ContactChannel channel;
    private final List<OutgoingMessage> sent = new ArrayList<>();

    Recording(ContactChannel channel) {
      this.channel = channel;
    }

    @Override
    public ContactChannel channel() {
      return channel;
    }

    @Override
    public void send(OutgoingMessage message) {
      sent.add(message);
    }
  }
}
