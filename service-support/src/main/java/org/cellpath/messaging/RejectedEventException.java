package org.cellpath.messaging;

/**
 * A readable event whose content cannot be applied, whatever the number of attempts (for example an
 * approval for a referral this service has never heard of). Never retried: it goes to the
 * dead-letter topic at once. The message must hold ids and codes only.
 */
public class RejectedEventException extends RuntimeException implements SafeToLog {

  public RejectedEventException(String message) {
    super(message);
  }
}
