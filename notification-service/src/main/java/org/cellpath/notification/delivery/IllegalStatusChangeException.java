package org.cellpath.notification.delivery;

import org.cellpath.domain.StateConflictException;

/**
 * A change of a message's status that {@link DeliveryStatus}'s table does not allow (for example
 * SENT to CANCELLED).
 */
public class IllegalStatusChangeException extends StateConflictException {

  IllegalStatusChangeException(DeliveryStatus from, DeliveryStatus to) {
    super("A " + from + " message cannot become " + to);
  }
}
