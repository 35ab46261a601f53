package org.cellpath.messaging;

import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Appends {@link EventsRaised} to the outbox just before the transaction that raised them commits,
 * so that the events are stored with the change or not at all. Published outside a transaction, the
 * events are not dropped (Spring's default for transactional listeners) but refused loudly by
 * {@link Outbox#append}: a state change saved without a transaction would be a dual write.
 */
final class OutboxAppender {

  private final Outbox outbox;

  OutboxAppender(Outbox outbox) {
    this.outbox = outbox;
  }

  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void append(EventsRaised raised) {
    raised.events().forEach(outbox::append);
  }
}
