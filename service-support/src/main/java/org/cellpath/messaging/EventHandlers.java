package org.cellpath.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.EventTypes;

/**
 * The events one consumer handles, each with its handler. Types not registered here are skipped.
 */
public final class EventHandlers {

  private final Map<String, Handler<?>> byType = new LinkedHashMap<>();

  /**
   * Handles events of this type; the handler runs in the transaction that records the event as
   * processed.
   */
  public <E extends CellPathEvent> EventHandlers on(Class<E> type, Consumer<E> handler) {
    byType.put(EventTypes.typeOf(type), new Handler<>(type, handler));
    return this;
  }

  Map<String, Handler<?>> byType() {
    return Map.copyOf(byType);
  }

  record Handler<E extends CellPathEvent>(Class<E> type, Consumer<E> action) {

    void handle(CellPathEvent event) {
      action.accept(type.cast(event));
    }
  }
}
