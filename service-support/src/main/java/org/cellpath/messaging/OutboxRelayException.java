package org.cellpath.messaging;

/**
 * A relay round sent nothing: the broker acknowledged no event and at least one failed in a way
 * that may pass by itself (unreachable, too slow). Such a round counts no attempt against its
 * events; the relay waits and tries again.
 */
final class OutboxRelayException extends RuntimeException implements SafeToLog {

  OutboxRelayException(OutboxSender.Failure failure) {
    super(
        "Event "
            + failure.event().eventId()
            + " ("
            + failure.event().type()
            + ") not acknowledged: "
            + failure.reason()
            + "; nothing was acknowledged in the round",
        failure.cause());
  }
}
