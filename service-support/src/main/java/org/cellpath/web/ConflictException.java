package org.cellpath.web;

/**
 * The request is valid but the resource's state refuses it (an illegal transition, a taken slot); answered with 409.
 * The message must hold ids, states and codes only.
 */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
