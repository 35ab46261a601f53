package org.cellpath.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.spring6.bulkhead.configure.BulkheadAspect;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect;
import io.github.resilience4j.spring6.ratelimiter.configure.RateLimiterAspect;
import io.github.resilience4j.spring6.retry.configure.RetryAspect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.cellpath.notification.SmsProviderStub;
import org.cellpath.notification.SmsProviderStub.Answer;
import org.cellpath.notification.SmsProviderStub.Received;
import org.cellpath.notification.delivery.DeliveryException;
import org.cellpath.notification.delivery.FailureCode;
import org.cellpath.notification.delivery.OutgoingMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS channel through its Resilience4j guards against a real HTTP server standing for the
 * provider. Guard settings are application.yml's, made small: 3 attempts per call with 50 ms
 * initial back-off (x2, jitter 0.5, at most 1 s), a breaker that opens at 50 % failures of at least
 * 4 calls and stays open 500 ms, a 300 ms read timeout.
 */
@SpringBootTest(
    classes = SmsTestContext.class,
    properties = {
      "cellpath.notifications.sms-provider.api-key=test-key",
      "cellpath.notifications.sms-provider.sender=+15550100100",
      "cellpath.notifications.sms-provider.read-timeout=300ms",
      "resilience4j.retry.instances.sms.wait-duration=50ms",
      "resilience4j.retry.instances.sms.exponential-max-wait-duration=1s",
      "resilience4j.circuitbreaker.instances.sms.sliding-window-size=4",
      "resilience4j.circuitbreaker.instances.sms.minimum-number-of-calls=4",
      "resilience4j.circuitbreaker.instances.sms.wait-duration-in-open-state=500ms",
      "resilience4j.circuitbreaker.instances.sms.permitted-number-of-calls-in-half-open-state=2",
      "resilience4j.ratelimiter.instances.sms.limit-for-period=1000"
    })
class SmsChannelTest {

  private static final int ATTEMPTS_PER_CALL = 3;
  private static final SmsProviderStub provider = SmsProviderStub.start();

  @DynamicPropertySource
  static void providerUrl(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @Autowired private SmsChannel channel;
  @Autowired private NotedSends noted;
  @Autowired private CircuitBreakerRegistry breakers;

  private final JsonMapper json = JsonMapper.builder().build();

  private static boolean warm;

  @BeforeEach
  void freshProviderAndBreaker() throws Exception {
    if (!warm) {
      // The first request of a JVM loads the HTTP and JSON classes; it must not meet a test's 300
      // ms read timeout.
      provider.reset();
      channel.send(SmsTestContext.sms());
      warm = true;
    }
    provider.reset();
    breaker().reset();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void handsTheMessageToTheProviderAsJsonWithTheKeyAndTheNotificationIdAsIdempotencyKey()
      throws Exception {
    OutgoingMessage sms = SmsTestContext.sms();

    channel.send(sms);

    assertThat(provider.calls()).isEqualTo(1);
    Received request = provider.requests().get(0);
    assertThat(request.status()).isEqualTo(201);
    assertThat(request.header("Authorization")).isEqualTo("Bearer test-key");
    assertThat(request.header("Idempotency-Key")).isEqualTo(sms.notificationId().toString());
    assertThat(request.header("Content-Type")).startsWith("application/json");
    JsonNode body = json.readTree(request.body());
    assertThat(body.propertyNames()).containsExactlyInAnyOrder("to", "from", "text", "reference");
    assertThat(body.get("to").asString()).isEqualTo(sms.address());
    assertThat(body.get("from").asString()).isEqualTo("+15550100100");
    assertThat(body.get("text").asString()).isEqualTo(sms.textBody());
    assertThat(body.get("reference").asString()).isEqualTo(sms.notificationId().toString());
  }

  @Test
  void notesEachSmsAsInDoubtBeforeTheProviderHasItAndClosesTheNoteWhateverItAnswered()
      throws Exception {
    noted.countingCallsOf(provider::calls);
    OutgoingMessage accepted = SmsTestContext.sms();
    channel.send(accepted);
    provider.failNext(1, Answer.status(400));
    OutgoingMessage refused = SmsTestContext.sms();
    sendExpectingFailure(refused);

    assertThat(noted.of(accepted.notificationId()))
        .as("noted with no call made yet, closed after the one call")
        .containsExactly(
            new NotedSends.Note(accepted.notificationId(), true, 0),
            new NotedSends.Note(accepted.notificationId(), false, 1));
    assertThat(noted.of(refused.notificationId()))
        .containsExactly(
            new NotedSends.Note(refused.notificationId(), true, 1),
            new NotedSends.Note(refused.notificationId(), false, 2));
  }

  @Test
  void givesUpAtOnceWithoutRetryingWhenTheProviderCallsTheNumberInvalid() {
    provider.failNext(1, Answer.status(400));

    DeliveryException failure = sendExpectingFailure(SmsTestContext.sms());

    assertThat(failure.code()).isEqualTo(FailureCode.INVALID_ADDRESS);
    assertThat(failure.code().retryable()).isFalse();
    assertThat(provider.calls()).isEqualTo(1);
  }

  @Test
  void retriesNoClientErrorAndMapsEachToItsCode() {
    provider
        .failNext(1, Answer.status(422))
        .failNext(1, Answer.status(401))
        .failNext(1, Answer.status(403))
        .failNext(1, Answer.status(404));

    assertThat(sendExpectingFailure(SmsTestContext.sms()).code())
        .isEqualTo(FailureCode.RECIPIENT_REJECTED);
    assertThat(sendExpectingFailure(SmsTestContext.sms()).code())
        .isEqualTo(FailureCode.PROVIDER_AUTH_FAILED);
    assertThat(sendExpectingFailure(SmsTestContext.sms()).code())
        .isEqualTo(FailureCode.PROVIDER_AUTH_FAILED);
    assertThat(sendExpectingFailure(SmsTestContext.sms()).code())
        .isEqualTo(FailureCode.PROVIDER_ERROR);
    assertThat(provider.calls()).isEqualTo(4);
    // A provider that answers, even with a refusal, is a healthy provider.
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void retriesA503WithGrowingBackOffUntilTheProviderAccepts() {
    provider.failNext(2, Answer.status(503));

    assertThatCode(() -> channel.send(SmsTestContext.sms())).doesNotThrowAnyException();

    List<Received> requests = provider.requests();
    assertThat(requests).extracting(Received::status).containsExactly(503, 503, 201);
    // 50 ms, then 100 ms, each +/- 50 % jitter
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(ms(25));
    assertThat(Duration.between(requests.get(1).at(), requests.get(2).at()))
        .isGreaterThanOrEqualTo(ms(50));
    assertThat(requests).extracting(Received::reference).containsOnly(requests.get(0).reference());
  }

  @Test
  void givesUpTheCallAfterItsAttemptsWhenTheProviderStaysDown() {
    provider.failUntilRecovered(Answer.status(503));

    DeliveryException failure = sendExpectingFailure(SmsTestContext.sms());

    assertThat(failure.code()).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(failure.code().countsAsAttempt()).isTrue();
    assertThat(provider.calls()).isEqualTo(ATTEMPTS_PER_CALL);
  }

  @Test
  void retriesATimeoutAndTheResendCarriesTheSameIdempotencyKey() {
    provider.failNext(1, Answer.hang(Duration.ofSeconds(3)));
    OutgoingMessage sms = SmsTestContext.sms();

    assertThatCode(() -> channel.send(sms)).doesNotThrowAnyException();

    assertThat(provider.calls()).isEqualTo(2);
    assertThat(provider.accepted())
        .extracting(r -> r.header("Idempotency-Key"))
        .containsExactly(sms.notificationId().toString());
  }

  @Test
  void waitsForAShortRetryAfterBeforeTheNextTry() {
    provider.failNext(1, Answer.tooManyRequests(Duration.ofSeconds(1)));

    assertThatCode(() -> channel.send(SmsTestContext.sms())).doesNotThrowAnyException();

    List<Received> requests = provider.awaitRequests(2, Duration.ofSeconds(5));
    assertThat(requests).extracting(Received::status).containsExactly(429, 201);
    // the back-off alone would be 25-75 ms
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(ms(950));
  }

  @Test
  void endsTheCallAtOnceWhenRetryAfterIsLongerThanTheRetryMayWaitAndPassesItOn() {
    provider.failNext(1, Answer.status(503, "120"));

    long started = System.nanoTime();
    DeliveryException failure = sendExpectingFailure(SmsTestContext.sms());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(failure.code()).isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(provider.calls()).isEqualTo(1);
    assertThat(took).isLessThan(ms(500));
  }

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    Instant now = Instant.parse("2026-03-01T16:00:00Z");
    SmsProviderClient client =
        new SmsProviderClient(
            new SmsProviderProperties(null, "k", "s", null, null),
            Clock.fixed(now, ZoneOffset.UTC));

    assertThat(client.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(
            client.retryAfter(
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.ofInstant(now.plusSeconds(90), ZoneOffset.UTC))))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(client.retryAfter("Sun, 01 Mar 2026 15:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(client.retryAfter("soon")).isNull();
    assertThat(client.retryAfter(null)).isNull();
    assertThat(client.retryAfter("-30")).isNull();
    assertThat(client.retryAfter("99999999999999999999"))
        .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(client.retryAfter("Fri, 31 Dec 9999 23:59:59 GMT")).isPositive();
  }

  @Test
  void putsTheBreakerOutsideTheBulkheadTheRetryAndTheRateLimiter(
      @Autowired CircuitBreakerAspect breakerAspect,
      @Autowired BulkheadAspect bulkheadAspect,
      @Autowired RetryAspect retryAspect,
      @Autowired RateLimiterAspect rateLimiterAspect) {
    // Spring runs the aspect with the lower order further out (Ordered: lower value, higher
    // precedence).
    assertThat(
            List.of(
                breakerAspect.getOrder(),
                bulkheadAspect.getOrder(),
                retryAspect.getOrder(),
                rateLimiterAspect.getOrder()))
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void opensTheBreakerAfterItsMinimumOfFailedCallsCountingCallsNotRetries() {
    provider.failUntilRecovered(Answer.status(503));

    for (int call = 0; call < 4; call++) {
      assertThat(sendExpectingFailure(SmsTestContext.sms()).code())
          .isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    }

    // Four send() calls, each tried three times: the breaker saw 4 calls, the provider 12 requests.
    assertThat(provider.calls()).isEqualTo(4 * ATTEMPTS_PER_CALL);
    assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).isEqualTo(4);
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void opensTheBreakerOnTimeoutsToo() {
    provider.failUntilRecovered(Answer.hang(Duration.ofSeconds(5)));

    for (int call = 0; call < 4; call++) {
      assertThat(sendExpectingFailure(SmsTestContext.sms()).code())
          .isEqualTo(FailureCode.PROVIDER_UNAVAILABLE);
    }

    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(provider.calls()).isEqualTo(4 * ATTEMPTS_PER_CALL);
  }

  @Test
  void refusesFastWithoutCallingTheProviderWhileTheBreakerIsOpenAndAsksToHold() {
    openBreaker();
    int callsBefore = provider.calls();

    long started = System.nanoTime();
    DeliveryException refusal = sendExpectingFailure(SmsTestContext.sms());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(refusal.code()).isEqualTo(FailureCode.CIRCUIT_OPEN);
    assertThat(refusal.code().countsAsAttempt()).isFalse();
    assertThat(refusal.retryAfter()).contains(ms(500));
    assertThat(provider.calls()).isEqualTo(callsBefore);
    // One back-off step is 25 ms at least and one provider request far more: nothing of either
    // happened.
    assertThat(took).isLessThan(ms(25));
    System.out.printf(
        "refused call took %d us; provider requests %d%n", took.toNanos() / 1000, callsBefore);
  }

  @Test
  void triesAgainHalfOpenAfterTheWaitAndClosesWhenTheProviderIsBack() throws Exception {
    openBreaker();
    provider.recover();

    // While still open, each try is refused without a request; after 500 ms the breaker lets one
    // through.
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(ms(50))
        .untilAsserted(
            () ->
                assertThatCode(() -> channel.send(SmsTestContext.sms()))
                    .doesNotThrowAnyException());
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    channel.send(SmsTestContext.sms());

    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(provider.accepted()).hasSize(2);
  }

  @Test
  void aCallRefusedWhileTheHalfOpenBreakerProbesAsksToHoldOnlyBriefly() {
    breaker().transitionToOpenState();
    breaker().transitionToHalfOpenState();
    // Both probe calls the half-open breaker allows are under way.
    assertThat(breaker().tryAcquirePermission()).isTrue();
    assertThat(breaker().tryAcquirePermission()).isTrue();
    int callsBefore = provider.calls();

    DeliveryException refusal = sendExpectingFailure(SmsTestContext.sms());

    assertThat(refusal.code()).isEqualTo(FailureCode.CIRCUIT_OPEN);
    assertThat(refusal.retryAfter()).contains(SmsGateway.HALF_OPEN_HOLD);
    assertThat(refusal.retryAfter()).isNotEqualTo(java.util.Optional.of(ms(500)));
    assertThat(provider.calls()).isEqualTo(callsBefore);
  }

  private void openBreaker() {
    provider.failUntilRecovered(Answer.status(503));
    for (int call = 0; call < 4; call++) {
      sendExpectingFailure(SmsTestContext.sms());
    }
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  private DeliveryException sendExpectingFailure(OutgoingMessage sms) {
    DeliveryException failure =
        catchThrowableOfType(DeliveryException.class, () -> channel.send(sms));
    assertThat(failure)
        .as("delivery failure; provider answered %s", provider.requests())
        .isNotNull();
    return failure;
  }

  private CircuitBreaker breaker() {
    return breakers.circuitBreaker(SmsGateway.INSTANCE);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
