package org.cellpath.scheduling.slots;

import org.cellpath.domain.StateConflictException;

/**
 * An appointment holds the slot, so a scheduler can neither block nor free it until its pair lets
 * it go; the web layer answers 409 as for any {@link StateConflictException}. The message holds ids
 * only.
 */
public class SlotHeldException extends StateConflictException {

  public SlotHeldException(String message) {
    super(message);
  }
}
