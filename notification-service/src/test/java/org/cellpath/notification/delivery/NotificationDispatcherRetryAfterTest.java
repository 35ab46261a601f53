package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.cellpath.notification.delivery.DispatcherTestKit.NOW;
import static org.cellpath.notification.delivery.DispatcherTestKit.smsMayGo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.SmsProviderStub;
import org.cellpath.notification.SmsProviderStub.Answer;
import org.cellpath.notification.sms.SmsTestContext;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A provider that answers 429 or 503 with an absurd {@code Retry-After}: the real SMS channel
 * (Resilience4j guards, HTTP client) against a real HTTP server, and the dispatcher over a queue
 * that keeps one message's due time and attempts as the database would. The wait the provider asks
 * for is honoured up to the dispatcher's cap (1 h in {@link DispatcherTestKit}), never more, and
 * never by throwing.
 */
@SpringBootTest(
    classes = SmsTestContext.class,
    properties = {
      "cellpath.notifications.sms-provider.api-key=test-key",
      "cellpath.notifications.sms-provider.sender=+15550100100",
      "resilience4j.retry.instances.sms.wait-duration=10ms",
      "resilience4j.ratelimiter.instances.sms.limit-for-period=1000"
    })
class NotificationDispatcherRetryAfterTest {

  private static final Duration CAP = DispatcherTestKit.RETRY_AFTER_MAX;
  private static final SmsProviderStub provider = SmsProviderStub.start();

  @DynamicPropertySource
  static void providerUrl(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @Autowired private DeliveryChannel sms;
  @Autowired private CircuitBreakerRegistry breakers;

  private final NotificationStore queue = mock(NotificationStore.class);
  private final MutableClock clock = new MutableClock(NOW);
  private final OneRow row = new OneRow(queue);

  @BeforeEach
  void freshProviderAndBreaker() {
    provider.reset();
    breakers
        .getAllCircuitBreakers()
        .forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "99999999999",
        "999999999999999999",
        "99999999999999999999999",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Fri, 31 Dec 99999 23:59:59 GMT"
      })
  void anAbsurdRetryAfterHoldsTheSmsForTheCapAndTheProviderHearsNothingMeanwhile(
      String retryAfter) {
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, smsMayGo(), clock, sms);
    provider.failNext(1, Answer.status(429, retryAfter));

    assertThatCode(dispatcher::dispatchDue).doesNotThrowAnyException();

    assertThat(provider.calls())
        .as("one request: a wait that long is not retried within the call")
        .isEqualTo(1);
    assertThat(row.attempts()).as("the 429 was one attempt").isEqualTo(1);
    assertThat(row.dueAt()).isEqualTo(NOW.plus(CAP));

    clock.set(NOW.plus(CAP).minusSeconds(1));
    assertThatCode(dispatcher::dispatchDue).doesNotThrowAnyException();
    assertThat(provider.calls()).as("requests within the hold").isEqualTo(1);

    clock.set(NOW.plus(CAP));
    dispatcher.dispatchDue();
    assertThat(provider.accepted()).hasSize(1);
    assertThat(row.closed()).isTrue();
    assertThat(row.attempts()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-5", "soon", "1e9", "12.5"})
  void aNegativeOrUnreadableRetryAfterIsTreatedAsAbsent(String retryAfter) {
    NotificationDispatcher dispatcher = DispatcherTestKit.dispatcher(queue, smsMayGo(), clock, sms);
    provider.failUntilRecovered(new Answer(503, retryAfter, Duration.ZERO));

    assertThatCode(dispatcher::dispatchDue).doesNotThrowAnyException();

    // No wait named, so the call's own retries ran (3 requests), then the dispatcher's first
    // back-off step.
    assertThat(provider.calls()).isEqualTo(3);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.dueAt()).isEqualTo(NOW.plusSeconds(30));
  }

  /** The queue's one SMS, its due time and attempts kept as the dispatcher records them. */
  private static final class OneRow {

    private final UUID id = UUID.randomUUID();
    private final AtomicReference<Instant> dueAt = new AtomicReference<>(NOW);
    private final AtomicInteger attempts = new AtomicInteger();

    /** Recorded as sent or given up: not claimed again. */
    private volatile boolean closed;

    OneRow(NotificationStore queue) {
      when(queue.claimNextDue(any(), any()))
          .thenAnswer(
              call -> {
                Instant now = call.getArgument(0);
                return closed || dueAt.get().isAfter(now)
                    ? Optional.empty()
                    : Optional.of(queued());
              });
      doAnswer(
              call -> {
                StatusChange change = call.getArgument(0);
                if (change instanceof StatusChange.Retrying retry) {
                  attempts.set(retry.attempt());
                  dueAt.set(retry.nextAttemptAt());
                } else if (change instanceof StatusChange.Held held) {
                  dueAt.set(held.until());
                } else if (change instanceof StatusChange.Sent sent) {
                  attempts.set(sent.attempt());
                  closed = true;
                } else if (change instanceof StatusChange.Failed failed) {
                  attempts.set(failed.attempt());
                  closed = true;
                }
                return null;
              })
          .when(queue)
          .save(any());
    }

    private QueuedNotification queued() {
      return new QueuedNotification(
          id,
          UUID.randomUUID(),
          UUID.randomUUID(),
          MessageKind.APPOINTMENT_REMINDER_1_DAY,
          RecipientRole.PATIENT,
          ContactChannel.SMS,
          "+13105550123",
          "en",
          "APPOINTMENT_REMINDER_1_DAY",
          "CellPath clinic: see you tomorrow. Reply STOP to opt out",
          null,
          null,
          DeliveryStatus.PENDING,
          attempts.get(),
          dueAt.get(),
          null,
          null,
          null,
          null);
    }

    Instant dueAt() {
      return dueAt.get();
    }

    int attempts() {
      return attempts.get();
    }

    boolean closed() {
      return closed;
    }
  }
}
