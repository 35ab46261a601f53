package org.cellpath.notification.delivery;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** How the dispatcher treats refusals that never reached the provider, and a provider's Retry-After. */
class NotificationDispatcherHoldTest {

  private static final Instant NOW = Instant.parse("2026-03-01T16:00:00Z");
  private static final int MAX_ATTEMPTS = 5;

  private final NotificationQueue queue = mock(NotificationQueue.class);
  private final FailingSms sms = new FailingSms();
  private final NotificationDispatcher dispatcher = new NotificationDispatcher(queue, inline(), List.of(sms),
      new NotificationProperties("care@clinic.example", new NotificationProperties.Dispatch(Duration.ofMillis(500),
          20, MAX_ATTEMPTS, Duration.ofSeconds(30), 2.0, Duration.ofHours(1)), null, null),
      new DispatchTrigger(), Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry(), smsMayGo());

  @Test
  void holdsAMessageWhileTheBreakerIsOpenWithoutCountingAnAttempt() {
    QueuedNotification message = queued(2);
    sms.failWith(new DeliveryException(FailureCode.CIRCUIT_OPEN, Duration.ofSeconds(60), null));

    dispatcher.dispatchDue();

    verify(queue).hold(message, NOW.plusSeconds(60), FailureCode.CIRCUIT_OPEN);
    verify(queue, never()).recordRetry(any(), anyInt(), any(), any(), any());
    verify(queue, never()).recordFailed(any(), anyInt(), any(), any());
  }

  @Test
  void holdsRatherThanGivesUpWhenTheLastAllowedAttemptIsRefusedByTheRateLimiter() {
    QueuedNotification message = queued(MAX_ATTEMPTS - 1);
    sms.failWith(new DeliveryException(FailureCode.RATE_LIMITED, Duration.ofSeconds(1), null));

    dispatcher.dispatchDue();

    verify(queue).hold(message, NOW.plusSeconds(1), FailureCode.RATE_LIMITED);
    verify(queue, never()).recordFailed(any(), anyInt(), any(), any());
  }

  @Test
  void holdsForTheFirstBackOffStepWhenTheRefusalNamesNoTime() {
    QueuedNotification message = queued(0);
    sms.failWith(new DeliveryException(FailureCode.BULKHEAD_FULL, null));

    dispatcher.dispatchDue();

    verify(queue).hold(message, NOW.plusSeconds(30), FailureCode.BULKHEAD_FULL);
  }

  @Test
  void waitsAsLongAsTheProviderAskedWhenThatIsLongerThanTheBackOff() {
    QueuedNotification message = queued(0);
    sms.failWith(new DeliveryException(FailureCode.PROVIDER_UNAVAILABLE, Duration.ofMinutes(10), null));

    dispatcher.dispatchDue();

    verify(queue).recordRetry(message, 1, NOW, NOW.plus(Duration.ofMinutes(10)), FailureCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void keepsTheBackOffWhenTheProviderAskedForAShorterWait() {
    QueuedNotification message = queued(1);
    sms.failWith(new DeliveryException(FailureCode.PROVIDER_UNAVAILABLE, Duration.ofSeconds(5), null));

    dispatcher.dispatchDue();

    // second failed attempt: 30 s x 2
    verify(queue).recordRetry(message, 2, NOW, NOW.plusSeconds(60), FailureCode.PROVIDER_UNAVAILABLE);
  }

  private QueuedNotification queued(int attempts) {
    QueuedNotification message = new QueuedNotification(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
        MessageKind.BOOKING_CONFIRMATION, RecipientRole.PATIENT, ContactChannel.SMS, "+13105550123", "en", "Subject",
        "Body", null, null, attempts, NOW, null, null, null);
    when(queue.claimNextDue(NOW)).thenReturn(Optional.of(message), Optional.empty());
    return message;
  }

  @SuppressWarnings("unchecked")
  private static TransactionTemplate inline() {
    TransactionTemplate transactions = mock(TransactionTemplate.class);
    when(transactions.execute(any())).thenAnswer(call -> call.getArgument(0, TransactionCallback.class)
        .doInTransaction(null));
    return transactions;
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

  /** SMS rules that let every SMS go: these tests are about what happens once the channel is called. */
  private static SmsPolicy smsMayGo() {
    SmsPolicy policy = mock(SmsPolicy.class);
    when(policy.decide(any(), any())).thenReturn(new SmsPolicy.Decision.Send());
    return policy;
  }
}
