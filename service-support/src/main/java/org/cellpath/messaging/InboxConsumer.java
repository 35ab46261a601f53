package org.cellpath.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.messaging.Message;

/**
 * The idempotent consumer of one binding, built by {@link InboundEvents#consumer}. The binding
 * calls it as a plain {@code Consumer}; an operator's replay from the dead-letter topic calls
 * {@link #handle} to learn what became of each record.
 */
public final class InboxConsumer implements Consumer<Message<byte[]>> {

  /** What became of a record that did not fail. */
  public enum Outcome {
    /** Handled now: its effect and its inbox row committed together. */
    HANDLED,
    /** The inbox had the event already: nothing was done. */
    DUPLICATE,
    /** An event type this consumer does not handle: nothing was done, nothing recorded. */
    SKIPPED
  }

  private final String name;
  private final Map<String, EventHandlers.Handler<?>> byType;
  private final InboundEvents inbound;

  InboxConsumer(String name, Map<String, EventHandlers.Handler<?>> byType, InboundEvents inbound) {
    this.name = name;
    this.byType = byType;
    this.inbound = inbound;
  }

  /** The inbox name of this consumer. */
  public String name() {
    return name;
  }

  /**
   * Handles one record as the binding would.
   *
   * @throws RuntimeException whatever the handler threw; the transaction (inbox row included) is
   *     rolled back
   */
  public Outcome handle(Message<byte[]> message) {
    return inbound.handle(name, byType, message);
  }

  @Override
  public void accept(Message<byte[]> message) {
    handle(message);
  }

  /** Which of these events this consumer has recorded in its inbox, that is, has handled. */
  public Set<UUID> handledAmong(Collection<UUID> eventIds) {
    return inbound.handledAmong(name, eventIds);
  }
}
