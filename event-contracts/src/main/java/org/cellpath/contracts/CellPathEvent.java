package org.cellpath.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * What every CellPath event carries: its own identity (used for idempotent consumption), the
 * referral it belongs to (the Kafka record key, so one case's events stay in order on one
 * partition) and when it happened (UTC).
 */
public interface CellPathEvent {

  UUID eventId();

  UUID referralId();

  Instant occurredAt();
}
