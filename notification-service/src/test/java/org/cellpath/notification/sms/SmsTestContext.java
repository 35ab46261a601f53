package org.cellpath.notification.sms;

import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import java.time.Clock;
import java.util.UUID;
import org.cellpath.notification.delivery.OutgoingMessage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Only the SMS channel with its real Resilience4j aspects (configured from application.yml plus
 * each test's overrides) against a real HTTP server: no database, no broker, so each context starts
 * in about a second.
 *
 * <p>Deliberately not a {@code @Configuration}: the service's component scan in the integration
 * tests must not pick it up (it would add a second SMS channel); named in
 * {@code @SpringBootTest(classes = ...)} it still configures. Public for the dispatcher tests,
 * which take the channel as a {@code DeliveryChannel} bean.
 */
@ImportAutoConfiguration({
  AopAutoConfiguration.class,
  CircuitBreakerAutoConfiguration.class,
  BulkheadAutoConfiguration.class,
  RetryAutoConfiguration.class,
  RateLimiterAutoConfiguration.class
})
@EnableConfigurationProperties(SmsProviderProperties.class)
@Import({SmsProviderClient.class, SmsGateway.class, SmsChannel.class, SmsRetryConfiguration.class})
public class SmsTestContext {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** In place of the database's notes (no database here); the channel's tests read them. */
  @Bean
  NotedSends notedSends() {
    return new NotedSends();
  }

  /** A fresh SMS to a fresh number, so that requests of different tests never look alike. */
  static OutgoingMessage sms() {
    UUID id = UUID.randomUUID();
    String number =
        "+1555" + String.format("%07d", Math.floorMod(id.getLeastSignificantBits(), 10_000_000L));
    return new OutgoingMessage(
        id,
        number,
        "unused",
        "CellPath clinic: reminder " + id.toString().substring(0, 8) + ". Reply STOP to opt out",
        null,
        null);
  }
}
