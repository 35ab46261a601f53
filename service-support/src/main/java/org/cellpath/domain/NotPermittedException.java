package org.cellpath.domain;

/**
 * The caller may do this kind of thing, but not to this record, for who they are (a reviewer
 * deciding a referral they referred themselves, for example); the web layer answers 403. The
 * message is for the caller: ids and rules, never patient data.
 */
public class NotPermittedException extends RuntimeException {

  public NotPermittedException(String message) {
    super(message);
  }
}
