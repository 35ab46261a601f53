package org.cellpath.messaging;

import java.util.List;
import org.cellpath.contracts.CellPathEvent;

/**
 * The events one state change caused, in the order they happened. The store that saves the changed
 * aggregate publishes this with Spring's {@code ApplicationEventPublisher}, inside the transaction
 * that saves it; {@link OutboxAppender} appends the events to the {@link Outbox} just before that
 * transaction commits. A use case therefore loads, calls the aggregate and saves, and never writes
 * to the outbox itself.
 */
public record EventsRaised(List<CellPathEvent> events) {

  public EventsRaised {
    events = List.copyOf(events);
  }

  public static EventsRaised of(CellPathEvent... events) {
    return new EventsRaised(List.of(events));
  }
}
