package org.cellpath.notification.delivery;

import org.cellpath.messaging.SafeToLog;

/** A channel could not hand a message to its provider. The message is the code only; the cause keeps the detail. */
public final class DeliveryException extends Exception implements SafeToLog {

  private final FailureCode code;

  public DeliveryException(FailureCode code, Throwable cause) {
    super(code.name(), cause);
    this.code = code;
  }

  public FailureCode code() {
    return code;
  }
}
