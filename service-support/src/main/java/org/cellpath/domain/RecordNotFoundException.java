package org.cellpath.domain;

/**
 * The record named does not exist, or is not the caller's to see; the web layer answers 404. Ids
 * only in the message.
 */
public class RecordNotFoundException extends RuntimeException {

  public RecordNotFoundException(String message) {
    super(message);
  }
}
