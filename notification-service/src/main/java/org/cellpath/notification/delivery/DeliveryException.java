package org.cellpath.notification.delivery;

import java.time.Duration;
import java.util.Optional;
import org.cellpath.messaging.SafeToLog;

/**
 * A channel could not hand a message to its provider. The message is the code only; the cause keeps
 * the detail.
 *
 * <p>{@link #retryAfter()} is the earliest time, from now, at which trying again makes sense, when
 * the channel knows one: the provider's {@code Retry-After}, or how long a circuit breaker stays
 * open.
 */
public final class DeliveryException extends Exception implements SafeToLog {

  private final FailureCode code;
  private final Duration retryAfter;

  public DeliveryException(FailureCode code, Throwable cause) {
    this(code, null, cause);
  }

  /**
   * @param retryAfter how long to wait at least before the next try, or null when the channel does
   *     not know
   */
  public DeliveryException(FailureCode code, Duration retryAfter, Throwable cause) {
    super(code.name(), cause);
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public FailureCode code() {
    return code;
  }

  /** How long to wait at least before the next try, when the channel knows. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
