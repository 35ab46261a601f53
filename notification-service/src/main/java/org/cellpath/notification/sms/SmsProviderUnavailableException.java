package org.cellpath.notification.sms;

import java.time.Duration;
import org.cellpath.notification.delivery.FailureCode;

/**
 * The provider could not take the SMS now: no connection, a timeout, HTTP 429 or 5xx. Another call
 * may succeed; the retry repeats it (unless {@code Retry-After} asks for a longer wait than the
 * retry allows) and the circuit breaker counts it as a failed call.
 */
public class SmsProviderUnavailableException extends SmsProviderException {

  SmsProviderUnavailableException(
      FailureCode code, int status, Duration retryAfter, String message, Throwable cause) {
    super(code, status, retryAfter, message, cause);
  }
}
