package org.cellpath.notification.sms;

import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties.InstanceProperties;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryProperties;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What only code can say about the {@code sms} retry: which failures are retried, and the wait
 * before each retry. The numbers stay in {@code resilience4j.retry.instances.sms}.
 *
 * <ul>
 *   <li>Retried: {@link SmsProviderUnavailableException} (no connection, timeout, 429, 5xx), and
 *       only when the provider's {@code Retry-After} fits within {@code
 *       exponential-max-wait-duration}. A longer {@code Retry-After} ends the call at once: the
 *       dispatcher tries again at that time, without holding a thread and a row lock meanwhile. A
 *       4xx is never retried.
 *   <li>Wait: exponential back-off with jitter ({@code wait-duration}, {@code
 *       exponential-backoff-multiplier}, {@code randomized-wait-factor}, {@code
 *       exponential-max-wait-duration}), or the provider's {@code Retry-After} when that is longer.
 * </ul>
 *
 * <p>A customizer has to set both because Resilience4j lets an {@code IntervalBiFunction} (needed
 * to see the exception's {@code Retry-After}) replace the back-off the properties configure, not
 * extend it.
 */
@Configuration(proxyBeanMethods = false)
class SmsRetryConfiguration {

  @Bean
  RetryConfigCustomizer smsRetryCustomizer(RetryProperties properties) {
    InstanceProperties sms =
        Objects.requireNonNull(
            properties.getBackendProperties(SmsGateway.INSTANCE),
            "resilience4j.retry.instances.sms is missing");
    Duration initial =
        Objects.requireNonNull(
            sms.getWaitDuration(), "resilience4j.retry.instances.sms.wait-duration");
    double multiplier = orDefault(sms.getExponentialBackoffMultiplier(), 2.0);
    double jitter = orDefault(sms.getRandomizedWaitFactor(), 0.5);
    Duration maxWait =
        sms.getExponentialMaxWaitDuration() == null
            ? initial.multipliedBy(8)
            : sms.getExponentialMaxWaitDuration();
    IntervalFunction backOff =
        IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, jitter, maxWait);
    return RetryConfigCustomizer.of(
        SmsGateway.INSTANCE, builder -> configure(builder, backOff, maxWait));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void configure(RetryConfig.Builder builder, IntervalFunction backOff, Duration maxWait) {
    builder.retryOnException(retryable(maxWait));
    builder.intervalBiFunction(waitHonouringRetryAfter(backOff));
  }

  static Predicate<Throwable> retryable(Duration maxWait) {
    return failure ->
        failure instanceof SmsProviderUnavailableException unavailable
            && (unavailable.retryAfter() == null
                || unavailable.retryAfter().compareTo(maxWait) <= 0);
  }

  static IntervalBiFunction<Object> waitHonouringRetryAfter(IntervalFunction backOff) {
    return (attempt, outcome) -> {
      long wait = backOff.apply(attempt);
      if (outcome != null
          && outcome.isLeft()
          && outcome.getLeft() instanceof SmsProviderException failure
          && failure.retryAfter() != null) {
        wait = Math.max(wait, failure.retryAfter().toMillis());
      }
      return wait;
    };
  }

  private static double orDefault(Double value, double fallback) {
    return value == null ? fallback : value;
  }
}
