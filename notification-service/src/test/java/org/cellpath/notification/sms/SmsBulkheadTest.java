package org.cellpath.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.cellpath.notification.SmsProviderStub;
import org.cellpath.notification.SmsProviderStub.Answer;
import org.cellpath.notification.delivery.DeliveryException;
import org.cellpath.notification.delivery.FailureCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full bulkhead refuses without calling the provider, and the refusal is a hold, not a failed
 * attempt.
 */
@SpringBootTest(
    classes = SmsTestContext.class,
    properties = {
      "cellpath.notifications.sms-provider.read-timeout=10s",
      "resilience4j.bulkhead.instances.sms.max-concurrent-calls=1",
      "resilience4j.bulkhead.instances.sms.max-wait-duration=0ms"
    })
class SmsBulkheadTest {

  private static final SmsProviderStub provider = SmsProviderStub.start();

  @DynamicPropertySource
  static void providerUrl(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @Autowired private SmsChannel channel;

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void refusesASecondConcurrentCallWithoutCallingTheProviderAndAsksToHold() {
    // The first call hangs at the provider and holds the only place in the bulkhead.
    provider.failNext(1, Answer.hang(Duration.ofSeconds(8)));
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(
            () -> {
              try {
                channel.send(SmsTestContext.sms());
              } catch (DeliveryException e) {
                throw new IllegalStateException(e.code().name());
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> provider.calls() == 1);

    long started = System.nanoTime();
    DeliveryException refusal =
        catchThrowableOfType(DeliveryException.class, () -> channel.send(SmsTestContext.sms()));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(refusal).isNotNull();
    assertThat(refusal.code()).isEqualTo(FailureCode.BULKHEAD_FULL);
    assertThat(refusal.code().countsAsAttempt()).isFalse();
    assertThat(refusal.retryAfter()).isPresent();
    assertThat(provider.calls()).isEqualTo(1);
    assertThat(took).isLessThan(Duration.ofMillis(500));

    // Released, the hanging answer is a 503: the first call retries and gets through.
    provider.recover();
    assertThatCode(first::join).doesNotThrowAnyException();
    assertThat(provider.accepted()).hasSize(1);
  }
}
