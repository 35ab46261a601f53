package org.cellpath.messaging;

import org.cellpath.contracts.CellPathEvent;

/**
 * Where a service puts the events its state changes cause. Call it inside the transaction that
 * changes the state: the event is stored with the change and reaches Kafka after commit, at least
 * once and in order per referral. If the transaction rolls back, the event is gone with it. An
 * event the broker will not take is retried and, after its attempts, parked: its referral's later
 * events wait behind it while other referrals' events go on (ADR 17). Published events are kept for
 * {@code OUTBOX_RETENTION} (400 days), so that they can be sent again.
 */
public interface Outbox {

  /**
   * Stores the event for publication.
   *
   * @throws IllegalStateException when no transaction is active: publishing outside one would be a
   *     dual write
   */
  void append(CellPathEvent event);
}
