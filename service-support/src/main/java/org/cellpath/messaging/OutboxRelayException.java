package org.cellpath.messaging;

/** The broker did not acknowledge an outbox event in time; it stays pending and is sent again. */
final class OutboxRelayException extends RuntimeException implements SafeToLog {

  private final long eventRowId;
  private final String reason;

  OutboxRelayException(OutboxRelay.PendingEvent event, Throwable cause) {
    super("Event " + event.eventId() + " (" + event.type() + ") not acknowledged: " + rootName(cause), cause);
    this.eventRowId = event.id();
    this.reason = rootName(cause);
  }

  long eventRowId() {
    return eventRowId;
  }

  /** The failure's kind, fit for the outbox table: class names only, no provider text. */
  String reason() {
    return reason;
  }

  private static String rootName(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
