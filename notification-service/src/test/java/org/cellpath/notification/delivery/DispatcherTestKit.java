package org.cellpath.notification.delivery;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
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
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A dispatcher over a mocked queue, at a fixed time, with 5 attempts, a back-off of 30 s doubling
 * and a provider's wait honoured up to an hour: what the dispatcher unit tests share.
 */
final class DispatcherTestKit {

  static final Instant NOW = Instant.parse("2026-03-01T16:00:00Z");
  static final int MAX_ATTEMPTS = 5;
  static final Duration RETRY_AFTER_MAX = Duration.ofHours(1);

  private DispatcherTestKit() {}

  static NotificationDispatcher dispatcher(
      NotificationStore queue, SendingRules smsRules, DeliveryChannel... channels) {
    return dispatcher(queue, smsRules, Clock.fixed(NOW, ZoneOffset.UTC), channels);
  }

  static NotificationDispatcher dispatcher(
      NotificationStore queue, SendingRules smsRules, Clock clock, DeliveryChannel... channels) {
    // The rules are a mock: they decide on the SMS, as the real ones do.
    when(smsRules.channel()).thenReturn(ContactChannel.SMS);
    return new NotificationDispatcher(
        queue,
        mock(NotificationQueries.class),
        inline(),
        List.of(channels),
        new NotificationProperties(
            "care@clinic.example",
            new NotificationProperties.Dispatch(
                Duration.ofMillis(500),
                20,
                MAX_ATTEMPTS,
                Duration.ofSeconds(30),
                2.0,
                Duration.ofHours(1),
                RETRY_AFTER_MAX,
                1),
            null),
        new DispatchTrigger(),
        clock,
        new SimpleMeterRegistry(),
        List.of(smsRules),
        (referralId, link, kind) -> "http://console.test/p/token-of-" + link.subjectId());
  }

  /** SMS rules that let every SMS go: for tests about what happens once the channel is called. */
  static SendingRules smsMayGo() {
    return smsRules(new SendingRules.Decision.Send());
  }

  /** SMS rules that decide the same for every SMS. */
  static SendingRules smsRules(SendingRules.Decision decision) {
    SendingRules policy = mock(SendingRules.class);
    when(policy.decide(any(), any())).thenReturn(decision);
    return policy;
  }

  /** Makes the message, which never expires, the one due message of the queue. */
  static QueuedNotification due(
      NotificationStore queue,
      ContactChannel channel,
      String address,
      int attempts,
      NewNotification.Fallback fallback) {
    return due(queue, channel, address, attempts, fallback, null);
  }

  /**
   * Makes the message the one due message of the queue; {@code expiresAt} null for one that never
   * expires.
   */
  static QueuedNotification due(
      NotificationStore queue,
      ContactChannel channel,
      String address,
      int attempts,
      NewNotification.Fallback fallback,
      Instant expiresAt) {
    QueuedNotification message =
        new QueuedNotification(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            MessageKind.BOOKING_CONFIRMATION,
            RecipientRole.PATIENT,
            channel,
            address,
            "en",
            "Subject",
            "Body",
            null,
            null,
            DeliveryStatus.PENDING,
            attempts,
            NOW,
            expiresAt,
            null,
            null,
            fallback);
    when(queue.claimNextDue(eq(NOW), any())).thenReturn(Optional.of(message), Optional.empty());
    return message;
  }

  /** Runs the callback in place: the queue is a mock, there is nothing to commit. */
  @SuppressWarnings("unchecked")
  private static TransactionTemplate inline() {
    TransactionTemplate transactions = mock(TransactionTemplate.class);
    when(transactions.execute(any()))
        .thenAnswer(call -> call.getArgument(0, TransactionCallback.class).doInTransaction(null));
    return transactions;
  }
}
