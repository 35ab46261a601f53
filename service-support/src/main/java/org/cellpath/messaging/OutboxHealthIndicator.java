package org.cellpath.messaging;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;

/**
 * The outbox's backlog as {@code outbox} in {@code /actuator/health}: DOWN when the oldest pending
 * (not parked) event has waited longer than {@code backlog-health-max-age}, or when any event is
 * parked. Deliberately not part of readiness: a broker outage fills the backlog, and taking the
 * service out of the load balancer for it would turn a delay of events into refused requests, while
 * the requests' events wait safely in the outbox.
 */
final class OutboxHealthIndicator implements HealthIndicator {

  private final OutboxRows rows;
  private final Duration maxAge;

  OutboxHealthIndicator(OutboxRows rows, Duration maxAge) {
    this.rows = rows;
    this.maxAge = maxAge;
  }

  @Override
  public Health health() {
    OutboxRows.Backlog backlog;
    try {
      backlog = rows.backlog();
    } catch (DataAccessException e) {
      // The database's own health says why; its message is not repeated here.
      return Health.unknown().withDetail("error", e.getClass().getName()).build();
    }
    boolean tooOld = backlog.oldestPendingAge().compareTo(maxAge) > 0;
    return (tooOld || backlog.parked() > 0 ? Health.down() : Health.up())
        .withDetail("pending", backlog.pending())
        .withDetail("parked", backlog.parked())
        .withDetail("oldestPendingAgeSeconds", backlog.oldestPendingAge().toSeconds())
        .withDetail("maxAgeSeconds", maxAge.toSeconds())
        .build();
  }
}
