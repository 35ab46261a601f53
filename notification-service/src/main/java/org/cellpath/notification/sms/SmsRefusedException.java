package org.cellpath.notification.sms;

import java.time.Duration;
import org.cellpath.messaging.SafeToLog;
import org.cellpath.notification.delivery.FailureCode;

/**
 * The provider was not called: the circuit breaker is open, the rate limit is used up or the
 * bulkhead is full. Thrown by the fallback of {@link SmsGateway}; the message should wait {@link
 * #holdFor()} and is not a failed attempt.
 */
public class SmsRefusedException extends RuntimeException implements SafeToLog {

  private final FailureCode code;
  private final Duration holdFor;

  SmsRefusedException(FailureCode code, Duration holdFor, Throwable cause) {
    super(code.name(), cause, false, false);
    this.code = code;
    this.holdFor = holdFor;
  }

  public FailureCode code() {
    return code;
  }

  /** How long the message should wait before it is tried again. */
  public Duration holdFor() {
    return holdFor;
  }
}
