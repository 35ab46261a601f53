package org.cellpath.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.cellpath.notification.SmsProviderStub;
import org.cellpath.notification.delivery.DeliveryException;
import org.cellpath.notification.delivery.FailureCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rate limiter refuses without calling the provider, and the refusal is a hold, not a failed
 * attempt.
 */
@SpringBootTest(
    classes = SmsTestContext.class,
    properties = {
      "resilience4j.ratelimiter.instances.sms.limit-for-period=2",
      "resilience4j.ratelimiter.instances.sms.limit-refresh-period=1h",
      "resilience4j.ratelimiter.instances.sms.timeout-duration=0ms"
    })
class SmsRateLimiterTest {

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
  void refusesPastTheLimitWithoutCallingTheProviderAndAsksToHoldUntilTheNextPeriod()
      throws Exception {
    channel.send(SmsTestContext.sms());
    channel.send(SmsTestContext.sms());

    DeliveryException refusal =
        catchThrowableOfType(DeliveryException.class, () -> channel.send(SmsTestContext.sms()));

    assertThat(refusal).isNotNull();
    assertThat(refusal.code()).isEqualTo(FailureCode.RATE_LIMITED);
    assertThat(refusal.code().countsAsAttempt()).isFalse();
    assertThat(refusal.retryAfter()).contains(Duration.ofHours(1));
    assertThat(provider.calls()).isEqualTo(2);
  }
}
