package org.cellpath.scheduling.booking;

import org.cellpath.domain.StateConflictException;

/**
 * A pair's status (or one of its appointments') refuses the transition asked for; the web layer
 * answers 409 as for any {@link StateConflictException}. The message holds ids and statuses only.
 */
public class IllegalTransitionException extends StateConflictException {

  public IllegalTransitionException(String message) {
    super(message);
  }
}
