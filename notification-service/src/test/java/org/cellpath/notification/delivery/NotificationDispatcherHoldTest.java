package org.cellpath.notification.delivery;

import static org.cellpath.notification.delivery.DispatcherTestKit.MAX_ATTEMPTS;
import static org.cellpath.notification.delivery.DispatcherTestKit.NOW;
import static org.cellpath.notification.delivery.DispatcherTestKit.RETRY_AFTER_MAX;
import static org.cellpath.notification.delivery.DispatcherTestKit.smsMayGo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.Set;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * How the dispatcher treats refusals that never reached the provider, and a provider's Retry-After.
 */
class NotificationDispatcherHoldTest {

  private final NotificationStore queue = mock(NotificationStore.class);
  private final FailingSms sms = new FailingSms();
  private final NotificationDispatcher dispatcher =
      DispatcherTestKit.dispatcher(queue, smsMayGo(), sms);

  @Test
  void holdsAMessageWhileTheBreakerIsOpenWithoutCountingAnAttempt() {
    QueuedNotification message = queued(2);
    sms.failWith(new DeliveryException(FailureCode.CIRCUIT_OPEN, Duration.ofSeconds(60), null));

    dispatcher.dispatchDue();

    verify(queue).save(message.holdUntil(NOW.plusSeconds(60), FailureCode.CIRCUIT_OPEN));
    verify(queue, never()).save(any(StatusChange.Retrying.class));
    verify(queue, never()).save(any(StatusChange.Failed.class));
  }

  @Test
  void holdsRatherThanGivesUpWhenTheLastAllowedAttemptIsRefusedByTheRateLimiter() {
    QueuedNotification message = queued(MAX_ATTEMPTS - 1);
    sms.failWith(new DeliveryException(FailureCode.RATE_LIMITED, Duration.ofSeconds(1), null));

    dispatcher.dispatchDue();

    verify(queue).save(message.holdUntil(NOW.plusSeconds(1), FailureCode.RATE_LIMITED));
    verify(queue, never()).save(any(StatusChange.Failed.class));
  }

  @Test
  void claimsNoOtherMessageOfARefusingChannelUntilTheHoldEndsButKeepsSendingTheOthers() {
    QueuedNotification refused = queued(0);
    sms.failWith(new DeliveryException(FailureCode.RATE_LIMITED, Duration.ofSeconds(1), null));

    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    verify(queue).save(refused.holdUntil(NOW.plusSeconds(1), FailureCode.RATE_LIMITED));
    InOrder claims = inOrder(queue);
    claims.verify(queue).claimNextDue(NOW, Set.of());
    claims.verify(queue, times(2)).claimNextDue(NOW, Set.of(ContactChannel.SMS));
    verify(queue, times(3)).claimNextDue(any(), any());
  }

  @Test
  void triesTheChannelAgainOnceTheHoldHasEnded() {
    MutableClock clock = new MutableClock(NOW);
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, smsMayGo(), clock, sms);
    queued(0);
    sms.failWith(new DeliveryException(FailureCode.RATE_LIMITED, Duration.ofSeconds(1), null));
    dispatcher.dispatchDue();

    clock.set(NOW.plusSeconds(1));
    dispatcher.dispatchDue();

    verify(queue).claimNextDue(NOW.plusSeconds(1), Set.of());
  }

  @Test
  void holdsForTheFirstBackOffStepWhenTheRefusalNamesNoTime() {
    QueuedNotification message = queued(0);
    sms.failWith(new DeliveryException(FailureCode.BULKHEAD_FULL, null));

    dispatcher.dispatchDue();

    verify(queue).save(message.holdUntil(NOW.plusSeconds(30), FailureCode.BULKHEAD_FULL));
  }

  @Test
  void waitsAsLongAsTheProviderAskedWhenThatIsLongerThanTheBackOff() {
    QueuedNotification message = queued(0);
    sms.failWith(
        new DeliveryException(FailureCode.PROVIDER_UNAVAILABLE, Duration.ofMinutes(10), null));

    dispatcher.dispatchDue();

    verify(queue)
        .save(
            message.retryAt(
                1, NOW, NOW.plus(Duration.ofMinutes(10)), FailureCode.PROVIDER_UNAVAILABLE));
  }

  @Test
  void waitsNoLongerThanRetryAfterMaxHoweverLongTheProviderAsked() {
    QueuedNotification message = queued(0);
    sms.failWith(
        new DeliveryException(
            FailureCode.PROVIDER_UNAVAILABLE, Duration.ofSeconds(Long.MAX_VALUE), null));

    dispatcher.dispatchDue();

    verify(queue)
        .save(message.retryAt(1, NOW, NOW.plus(RETRY_AFTER_MAX), FailureCode.PROVIDER_UNAVAILABLE));
  }

  @Test
  void keepsTheBackOffWhenTheProviderAskedForAShorterWait() {
    QueuedNotification message = queued(1);
    sms.failWith(
        new DeliveryException(FailureCode.PROVIDER_UNAVAILABLE, Duration.ofSeconds(5), null));

    dispatcher.dispatchDue();

    // second failed attempt: 30 s x 2
    verify(queue)
        .save(message.retryAt(2, NOW, NOW.plusSeconds(60), FailureCode.PROVIDER_UNAVAILABLE));
  }

  private QueuedNotification queued(int attempts) {
    return DispatcherTestKit.due(queue, ContactChannel.SMS, "+13105550123", attempts, null);
  }

  private static final class FailingSms implements DeliveryChannel {

    private DeliveryException failure;

    void failWith(DeliveryException failure) {
      this.failure = failure;
    }

    @Override
    public ContactChannel channel() {
      return ContactChannel.SMS;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryException {
      throw failure;
    }
  }
}
