package org.cellpath.messaging;

/**
 * The record cannot be read as the event its header says it is. Never retried: it goes to the
 * dead-letter topic.
 */
public class UnreadableEventException extends RuntimeException implements SafeToLog {

  public UnreadableEventException(String message) {
    super(message);
  }
}
