package org.cellpath.messaging;

import org.cellpath.contracts.CellPathEvent;

/**
 * Where a service puts the events its state changes cause. Call it inside the transaction that changes the state:
 * the event is stored with the change and reaches Kafka after commit, at least once and in order per referral.
 * If the transaction rolls back, the event is gone with it.
 */
public interface Outbox {

  /**
   * Stores the event for publication.
   *
   * @throws IllegalStateException when no transaction is active: publishing outside one would be a dual write
   */
  void append(CellPathEvent event);
}
