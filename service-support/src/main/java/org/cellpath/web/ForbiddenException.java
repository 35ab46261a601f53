package org.cellpath.web;

/**
 * The caller may use this endpoint, but not on this record, for who they are (a reviewer deciding a referral they
 * referred themselves, for example); answered with 403. The message is for the caller: ids and rules, never patient
 * data.
 */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
