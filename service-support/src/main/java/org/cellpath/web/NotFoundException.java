package org.cellpath.web;

/** The addressed resource does not exist (or is not the caller's to see); answered with 404. Ids only in the message. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
