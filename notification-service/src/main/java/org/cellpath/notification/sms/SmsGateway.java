package org.cellpath.notification.sms;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.ratelimiter.annotation.RateLimiter;
import io.github.resilience4j.retry.annotation.Retry;
import java.time.Duration;
import org.cellpath.notification.delivery.FailureCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The SMS provider behind Resilience4j instance {@code sms}. The aspect order ({@code
 * resilience4j.*.*AspectOrder} in application.yml; a lower value runs further out) makes the call
 * chain {@code CircuitBreaker(Bulkhead(Retry(RateLimiter(provider call))))}: the breaker sees one
 * call per {@link #submit}, however often the retry repeated the HTTP request inside it, and the
 * rate limiter counts every HTTP request the provider receives.
 *
 * <p>The breaker's fallback covers the three refusals that keep the provider from being called
 * (open breaker, full bulkhead, used-up rate limit): it throws {@link SmsRefusedException} with how
 * long to hold the message. Every other failure passes through unchanged.
 */
@Component
public class SmsGateway {

  /**
   * The name of the Resilience4j instances, in annotations and in {@code resilience4j.*.instances}.
   */
  public static final String INSTANCE = "sms";

  private static final Logger log = LoggerFactory.getLogger(SmsGateway.class);

  /** A full bulkhead frees up within one call's time; a second is about that. */
  private static final Duration BULKHEAD_HOLD = Duration.ofSeconds(1);

  /** A half-open breaker's probes return within a call's time; a second is about that. */
  static final Duration HALF_OPEN_HOLD = Duration.ofSeconds(1);

  private final SmsProviderClient provider;
  private final CircuitBreakerRegistry breakers;
  private final RateLimiterRegistry rateLimiters;

  SmsGateway(
      SmsProviderClient provider,
      CircuitBreakerRegistry breakers,
      RateLimiterRegistry rateLimiters) {
    this.provider = provider;
    this.breakers = breakers;
    this.rateLimiters = rateLimiters;
  }

  /**
   * Hands one SMS to the provider, retrying transient failures.
   *
   * @throws SmsRefusedException when the provider was not called at all
   * @throws SmsProviderException when the provider did not accept it
   */
  @CircuitBreaker(name = INSTANCE, fallbackMethod = "refused")
  @Bulkhead(name = INSTANCE)
  @Retry(name = INSTANCE)
  @RateLimiter(name = INSTANCE)
  public void submit(String to, String text, String reference) {
    provider.send(to, text, reference);
  }

  private void refused(String to, String text, String reference, CallNotPermittedException open) {
    io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
        breakers.circuitBreaker(INSTANCE);
    // An open breaker stays open for its configured wait; try again after that, not sooner. A
    // half-open one is
    // letting its probe calls through and decides as soon as they return: a call refused then waits
    // only briefly,
    // or the dispatcher, which leaves a refusing channel alone for the hold, would sit out a whole
    // open wait more.
    Duration wait =
        breaker.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN
            ? HALF_OPEN_HOLD
            : Duration.ofMillis(
                breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
    log.debug("SMS {} not sent: circuit breaker {}", reference, breaker.getState());
    throw new SmsRefusedException(FailureCode.CIRCUIT_OPEN, wait, open);
  }

  private void refused(String to, String text, String reference, RequestNotPermitted limited) {
    Duration wait =
        rateLimiters.rateLimiter(INSTANCE).getRateLimiterConfig().getLimitRefreshPeriod();
    log.debug("SMS {} not sent: rate limit used up", reference);
    throw new SmsRefusedException(FailureCode.RATE_LIMITED, wait, limited);
  }

  private void refused(String to, String text, String reference, BulkheadFullException full) {
    log.debug("SMS {} not sent: bulkhead full", reference);
    throw new SmsRefusedException(FailureCode.BULKHEAD_FULL, BULKHEAD_HOLD, full);
  }
}
