package org.cellpath.domain;

/**
 * The record exists but its state refuses the change (an illegal transition, a taken slot); the web
 * layer answers 409. The message holds ids, states and codes only.
 */
public class StateConflictException extends RuntimeException {

  public StateConflictException(String message) {
    super(message);
  }
}
