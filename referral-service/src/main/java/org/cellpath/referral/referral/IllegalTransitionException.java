package org.cellpath.referral.referral;

import java.util.UUID;
import org.cellpath.domain.StateConflictException;

/**
 * A referral was asked for a transition its current status does not allow (the status table, {@link
 * Transition}).
 */
public class IllegalTransitionException extends StateConflictException {

  public IllegalTransitionException(UUID referralId, ReferralStatus from, Transition transition) {
    super(
        "Referral "
            + referralId
            + " is "
            + from
            + " and cannot become "
            + transition.target()
            + " ("
            + transition
            + ")");
  }
}
