package org.cellpath.referral.core;

import org.cellpath.domain.StateConflictException;

/** A referral was asked to move to a status its current one does not lead to. */
public class IllegalTransitionException extends StateConflictException {

  public IllegalTransitionException(java.util.UUID referralId, ReferralStatus from, ReferralStatus to) {
    super("Referral " + referralId + " is " + from + " and cannot become " + to);
  }
}
