package org.cellpath.notification.sms;

import java.time.Duration;
import org.cellpath.messaging.SafeToLog;
import org.cellpath.notification.delivery.FailureCode;

/**
 * The provider did not accept an SMS. The message names the HTTP status or the kind of I/O failure
 * only, never the number, the text or the provider's answer (which may quote them).
 *
 * <p>This class is a refusal another call right away cannot fix (a 4xx answer, bad credentials);
 * the retry and the circuit breaker leave it alone. {@link SmsProviderUnavailableException} is the
 * transient kind.
 */
public class SmsProviderException extends RuntimeException implements SafeToLog {

  private final FailureCode code;
  private final int status;
  private final Duration retryAfter;

  SmsProviderException(
      FailureCode code, int status, Duration retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The code the delivery log records. */
  public FailureCode code() {
    return code;
  }

  /** The provider's HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The provider's {@code Retry-After}, or null when it sent none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
