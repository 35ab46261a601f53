package org.cellpath.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.notification.SmsProviderStub;
import org.cellpath.notification.SmsProviderStub.Answer;
import org.cellpath.notification.SmsProviderStub.Received;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.RecipientRole;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMS through the real dispatcher, database and broker while the provider fails (timeouts, then
 * 503s) long enough for the circuit breaker to open, and then recovers: every SMS goes out exactly
 * once, and the provider never sees more than {@code max-attempts x retry attempts} requests per
 * message.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "cellpath.notifications.dispatch.poll-interval=100ms",
      "cellpath.notifications.dispatch.back-off-initial=200ms",
      "cellpath.notifications.dispatch.back-off-max=1s",
      "cellpath.notifications.dispatch.max-attempts=" + SmsDeliveryResilienceIT.MAX_ATTEMPTS,
      "cellpath.notifications.sms-provider.read-timeout=300ms",
      "resilience4j.retry.instances.sms.max-attempts=" + SmsDeliveryResilienceIT.RETRY_ATTEMPTS,
      "resilience4j.retry.instances.sms.wait-duration=20ms",
      "resilience4j.circuitbreaker.instances.sms.sliding-window-size=4",
      "resilience4j.circuitbreaker.instances.sms.minimum-number-of-calls=4",
      "resilience4j.circuitbreaker.instances.sms.wait-duration-in-open-state=1s",
      "resilience4j.circuitbreaker.instances.sms.permitted-number-of-calls-in-half-open-state=2",
      "resilience4j.ratelimiter.instances.sms.limit-for-period=1000",
      // Read by the SMS policy (quiet hours, caps) once it is merged: any hour, caps out of the
      // way.
      "cellpath.notifications.sms.window-start=00:00",
      "cellpath.notifications.sms.window-end=00:00",
      "cellpath.notifications.sms.per-day=1000",
      "cellpath.notifications.sms.per-week=1000"
    })
class SmsDeliveryResilienceIT {

  static final int MAX_ATTEMPTS = 10;
  static final int RETRY_ATTEMPTS = 2;
  private static final int MESSAGES = 12;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final SmsProviderStub provider = SmsProviderStub.start();

  @DynamicPropertySource
  static void providerUrl(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @Autowired private NotificationStore queue;
  @Autowired private TransactionTemplate transactions;
  @Autowired private JdbcClient jdbc;
  @Autowired private CircuitBreakerRegistry breakers;

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void deliversEverySmsExactlyOnceAfterTheBreakerOpenedAndTheProviderRecovered() {
    CircuitBreaker breaker = breakers.circuitBreaker(SmsGateway.INSTANCE);
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                opened.incrementAndGet();
              }
            })
        .onCallNotPermitted(event -> refused.incrementAndGet());
    // Timeouts first, then 503s until told otherwise.
    provider
        .failNext(3, Answer.hang(Duration.ofSeconds(10)))
        .failUntilRecovered(Answer.status(503));

    UUID referralId = UUID.randomUUID();
    List<String> numbers =
        IntStream.range(0, MESSAGES).mapToObj(i -> String.format("+1555010%04d", i)).toList();
    transactions.executeWithoutResult(
        status ->
            numbers.forEach(
                number ->
                    queue.enqueue(
                        new NewNotification(
                            UUID.randomUUID(),
                            referralId,
                            MessageKind.APPOINTMENT_REMINDER_1_DAY,
                            RecipientRole.PATIENT,
                            ContactChannel.SMS,
                            number,
                            "en",
                            new RenderedMessage(
                                "Reminder",
                                "CellPath: see you tomorrow. Reply STOP to opt out",
                                null)),
                        Instant.now())));

    // The breaker opens, and messages due meanwhile are held without reaching the provider.
    await()
        .atMost(WAIT)
        .until(() -> opened.get() > 0 && refused.get() > 0 && heldRows(referralId) > 0);
    int callsDuringOutage = provider.calls();
    provider.recover();

    await().atMost(WAIT).until(() -> sentRows(referralId) == MESSAGES);

    List<Received> accepted = provider.accepted();
    Map<String, Long> acceptedPerReference =
        accepted.stream()
            .collect(Collectors.groupingBy(Received::reference, Collectors.counting()));
    List<String> ids =
        jdbc.sql("select id::text from notification where referral_id = ?")
            .param(referralId)
            .query(String.class)
            .list();
    assertThat(acceptedPerReference)
        .as("accepted requests per notification")
        .isEqualTo(ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)));
    assertThat(accepted).extracting(Received::to).containsExactlyInAnyOrderElementsOf(numbers);
    assertThat(
            jdbc.sql("select max(attempts) from notification where referral_id = ?")
                .param(referralId)
                .query(Integer.class)
                .single())
        .isLessThanOrEqualTo(MAX_ATTEMPTS);
    // Each message: at most MAX_ATTEMPTS dispatcher attempts (holds are none), each at most
    // RETRY_ATTEMPTS requests.
    int bound = MAX_ATTEMPTS * RETRY_ATTEMPTS * MESSAGES;
    assertThat(provider.calls()).isLessThanOrEqualTo(bound);
    System.out.printf(
        "SMS resilience: %d messages, %d provider requests (%d during the outage, bound %d), "
            + "breaker opened %d time(s), %d calls refused while open, %d attempts recorded%n",
        MESSAGES,
        provider.calls(),
        callsDuringOutage,
        bound,
        opened.get(),
        refused.get(),
        jdbc.sql("select coalesce(sum(attempts), 0) from notification where referral_id = ?")
            .param(referralId)
            .query(Integer.class)
            .single());
  }

  private long sentRows(UUID referralId) {
    return jdbc.sql("select count(*) from notification where referral_id = ? and status = 'SENT'")
        .param(referralId)
        .query(Long.class)
        .single();
  }

  private long heldRows(UUID referralId) {
    return jdbc.sql(
            """
            select count(*) from notification where referral_id = ? and status = 'PENDING'
            and last_error = 'CIRCUIT_OPEN'
            """)
        .param(referralId)
        .query(Long.class)
        .single();
  }
}
