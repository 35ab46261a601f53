package org.cellpath.messaging.operations;

import org.cellpath.messaging.SafeToLog;

/** A dead-letter topic could not be read to its end in time (the broker is slow or away). */
final class DeadLetterReadException extends RuntimeException implements SafeToLog {

  DeadLetterReadException(String topic, int unreadPartitions) {
    super(
        "Dead-letter topic "
            + topic
            + " not read to its end in time ("
            + unreadPartitions
            + " partition(s) unfinished)");
  }
}
