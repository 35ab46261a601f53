package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.notification.delivery.DispatcherTestKit.MAX_ATTEMPTS;
import static org.cellpath.notification.delivery.DispatcherTestKit.NOW;
import static org.cellpath.notification.delivery.DispatcherTestKit.smsMayGo;
import static org.cellpath.notification.delivery.DispatcherTestKit.smsRules;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class NotificationDispatcherTest {

  private final NotificationStore queue = mock(NotificationStore.class);
  private final FakeEmail email = new FakeEmail();
  private final NotificationDispatcher dispatcher =
      DispatcherTestKit.dispatcher(queue, smsMayGo(), email);

  @Test
  void recordsADeliveredMessageAsSent() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 0);

    assertThat(dispatcher.dispatchDue()).isEqualTo(1);

    assertThat(email.sent)
        .extracting(OutgoingMessage::notificationId)
        .containsExactly(message.id());
    verify(queue).save(message.sent(1, NOW));
  }

  @Test
  void triesAgainLaterWithTheWaitGrowingAfterEachFailure() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 2);
    email.failWith(FailureCode.PROVIDER_UNAVAILABLE);

    dispatcher.dispatchDue();

    // third failed attempt: 30 s x 2 x 2
    verify(queue)
        .save(message.retryAt(3, NOW, NOW.plusSeconds(120), FailureCode.PROVIDER_UNAVAILABLE));
    verify(queue, never()).save(any(StatusChange.Failed.class));
  }

  @Test
  void givesUpWhenTheLastAllowedAttemptFails() {
    QueuedNotification message = queued(ContactChannel.EMAIL, MAX_ATTEMPTS - 1);
    email.failWith(FailureCode.PROVIDER_UNAVAILABLE);

    dispatcher.dispatchDue();

    verify(queue).save(message.failed(MAX_ATTEMPTS, NOW, FailureCode.PROVIDER_UNAVAILABLE));
  }

  @Test
  void
      anSmtpServerThatCannotBeReachedLeavesEmailAloneForTheFirstBackOffStepWhileOtherChannelsGoOn() {
    queued(ContactChannel.EMAIL, 0);
    email.failWith(FailureCode.PROVIDER_UNAVAILABLE);
    MutableClock clock = new MutableClock(NOW);
    NotificationDispatcher dispatcher =
        DispatcherTestKit.dispatcher(queue, smsMayGo(), clock, email);

    dispatcher.dispatchDue();
    dispatcher.dispatchDue();
    clock.set(NOW.plusSeconds(30));
    dispatcher.dispatchDue();

    InOrder claims = inOrder(queue);
    claims.verify(queue).claimNextDue(NOW, Set.of());
    claims.verify(queue, times(2)).claimNextDue(NOW, Set.of(ContactChannel.EMAIL));
    claims.verify(queue).claimNextDue(NOW.plusSeconds(30), Set.of());
  }

  @Test
  void anSmtpServerThatAnswersWithAnErrorDoesNotPauseEmail() {
    queued(ContactChannel.EMAIL, 0);
    email.failWith(FailureCode.PROVIDER_ERROR);

    dispatcher.dispatchDue();

    verify(queue, never()).claimNextDue(any(), eq(Set.of(ContactChannel.EMAIL)));
  }

  @Test
  void givesUpAtOnceWhenTheProviderRefusesTheRecipientForGood() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 0);
    email.failWith(FailureCode.RECIPIENT_REJECTED);

    dispatcher.dispatchDue();

    verify(queue).save(message.failed(1, NOW, FailureCode.RECIPIENT_REJECTED));
  }

  @Test
  void givesUpAtOnceOnAChannelWithoutAProvider() {
    QueuedNotification message = queued(ContactChannel.SMS, 0);

    dispatcher.dispatchDue();

    verify(queue).save(message.failed(1, NOW, FailureCode.CHANNEL_UNAVAILABLE));
  }

  @Test
  void treatsABugInAChannelAsAFailureWorthRetrying() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 0);
    email.breakDown();

    dispatcher.dispatchDue();

    verify(queue).save(message.retryAt(1, NOW, NOW.plusSeconds(30), FailureCode.UNEXPECTED_ERROR));
  }

  @Test
  void anSmsOutsideThePatientsHoursWaitsForThemWithoutBeingSentOrCountingAnAttempt() {
    SendingRules rules =
        smsRules(new SendingRules.Decision.Postpone(NOW.plus(Duration.ofHours(9))));
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, rules, email);
    QueuedNotification sms = queued(ContactChannel.SMS, 0);

    dispatcher.dispatchDue();

    verify(queue).save(sms.postponeUntil(NOW.plus(Duration.ofHours(9))));
    verify(queue, never()).save(any(StatusChange.Sent.class));
    verify(queue, never()).save(any(StatusChange.Retrying.class));
    verify(queue, never()).save(any(StatusChange.Failed.class));
  }

  @Test
  void anSmsOverALimitIsSkippedAndItsEmailQueuedInstead() {
    SendingRules rules = smsRules(new SendingRules.Decision.Skip(ClosedReason.SMS_DAILY_LIMIT));
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, rules, email);
    QueuedNotification sms =
        DispatcherTestKit.due(
            queue,
            ContactChannel.SMS,
            "+13105550123",
            0,
            new NewNotification.Fallback(
                "ana@example.org", new RenderedMessage("Reminder", "See you tomorrow", null)));

    dispatcher.dispatchDue();

    verify(queue).save(sms.skip(ClosedReason.SMS_DAILY_LIMIT, NOW));
    verify(queue).enqueueFallback(sms, NOW);
    verify(queue, never()).save(any(StatusChange.Sent.class));
  }

  @Test
  void anSmsGivenUpForGoodQueuesItsEmailInstead() {
    QueuedNotification sms = queued(ContactChannel.SMS, 0);

    dispatcher.dispatchDue();

    verify(queue).save(sms.failed(1, NOW, FailureCode.CHANNEL_UNAVAILABLE));
    verify(queue).enqueueFallback(sms, NOW);
  }

  private QueuedNotification queued(ContactChannel channel, int attempts) {
    return DispatcherTestKit.due(
        queue,
        channel,
        channel == ContactChannel.SMS ? "+13105550123" : "ana@example.org",
        attempts,
        null);
  }

  private static final class FakeEmail implements DeliveryChannel {

    private final List<OutgoingMessage> sent = new ArrayList<>();
    private FailureCode failure;
    private boolean broken;

    void failWith(FailureCode code) {
      this.failure = code;
    }

    void breakDown() {
      this.broken = true;
    }

    @Override
    public ContactChannel channel() {
      return ContactChannel.EMAIL;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryException {
      if (broken) {
        throw new IllegalStateException("bug");
      }
      if (failure != null) {
        throw new DeliveryException(failure, null);
      }
      sent.add(message);
    }
  }
}
