package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

class NotificationDispatcherTest {

  private static final Instant NOW = Instant.parse("2026-03-01T16:00:00Z");
  private static final int MAX_ATTEMPTS = 5;

  private final NotificationQueue queue = mock(NotificationQueue.class);
  private final FakeEmail email = new FakeEmail();
  private final NotificationDispatcher dispatcher = new NotificationDispatcher(queue, inline(), List.of(email),
      new NotificationProperties("care@clinic.example", new NotificationProperties.Dispatch(Duration.ofMillis(500),
          20, MAX_ATTEMPTS, Duration.ofSeconds(30), 2.0, Duration.ofHours(1)), null, null),
      new DispatchTrigger(), Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry(), smsMayGo());

  @Test
  void recordsADeliveredMessageAsSent() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 0);

    assertThat(dispatcher.dispatchDue()).isEqualTo(1);

    assertThat(email.sent).extracting(OutgoingMessage::notificationId).containsExactly(message.id());
    verify(queue).recordSent(message, 1, NOW);
  }

  @Test
  void triesAgainLaterWithTheWaitGrowingAfterEachFailure() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 2);
    email.failWith(FailureCode.PROVIDER_UNAVAILABLE);

    dispatcher.dispatchDue();

    // third failed attempt: 30 s x 2 x 2
    verify(queue).recordRetry(message, 3, NOW, NOW.plusSeconds(120), FailureCode.PROVIDER_UNAVAILABLE);
    verify(queue, never()).recordFailed(any(), eq(3), any(), any());
  }

  @Test
  void givesUpWhenTheLastAllowedAttemptFails() {
    QueuedNotification message = queued(ContactChannel.EMAIL, MAX_ATTEMPTS - 1);
    email.failWith(FailureCode.PROVIDER_UNAVAILABLE);

    dispatcher.dispatchDue();

    verify(queue).recordFailed(message, MAX_ATTEMPTS, NOW, FailureCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void givesUpAtOnceWhenTheProviderRefusesTheRecipientForGood() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 0);
    email.failWith(FailureCode.RECIPIENT_REJECTED);

    dispatcher.dispatchDue();

    verify(queue).recordFailed(message, 1, NOW, FailureCode.RECIPIENT_REJECTED);
  }

  @Test
  void givesUpAtOnceOnAChannelWithoutAProvider() {
    QueuedNotification message = queued(ContactChannel.SMS, 0);

    dispatcher.dispatchDue();

    verify(queue).recordFailed(message, 1, NOW, FailureCode.CHANNEL_UNAVAILABLE);
  }

  @Test
  void treatsABugInAChannelAsAFailureWorthRetrying() {
    QueuedNotification message = queued(ContactChannel.EMAIL, 0);
    email.breakDown();

    dispatcher.dispatchDue();

    verify(queue).recordRetry(message, 1, NOW, NOW.plusSeconds(30), FailureCode.UNEXPECTED_ERROR);
  }

  private QueuedNotification queued(ContactChannel channel, int attempts) {
    QueuedNotification message = new QueuedNotification(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
        MessageKind.BOOKING_CONFIRMATION, RecipientRole.PATIENT, channel, "ana@example.org", "en", "Subject", "Body",
        null, null, attempts, NOW, null, null, null);
    when(queue.claimNextDue(NOW)).thenReturn(Optional.of(message), Optional.empty());
    return message;
  }

  /** Runs the callback in place: the queue is a mock, there is nothing to commit. */
  @SuppressWarnings("unchecked")
  private static TransactionTemplate inline() {
    TransactionTemplate transactions = mock(TransactionTemplate.class);
    when(transactions.execute(any())).thenAnswer(call -> call.getArgument(0, TransactionCallback.class)
        .doInTransaction(null));
    return transactions;
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

  /** SMS rules that let every SMS go: these tests are about what happens once the channel is called. */
  private static SmsPolicy smsMayGo() {
    SmsPolicy policy = mock(SmsPolicy.class);
    when(policy.decide(any(), any())).thenReturn(new SmsPolicy.Decision.Send());
    return policy;
  }
}
