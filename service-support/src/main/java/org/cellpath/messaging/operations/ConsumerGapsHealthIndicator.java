package org.cellpath.messaging.operations;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code consumerGaps}: DOWN while a gap (records deleted by retention before the group read them)
 * is not acknowledged. Not part of readiness: the instance serves and consumes normally; the lost
 * records need a person.
 */
final class ConsumerGapsHealthIndicator implements HealthIndicator {

  private final ConsumerGaps gaps;

  ConsumerGapsHealthIndicator(ConsumerGaps gaps) {
    this.gaps = gaps;
  }

  @Override
  public Health health() {
    List<ConsumerGaps.Gap> open = gaps.open();
    boolean unsaved = gaps.anyUnsaved();
    Health.Builder health = open.isEmpty() && !unsaved ? Health.up() : Health.down();
    health.withDetail("open", open.size());
    if (!open.isEmpty()) {
      health
          .withDetail("recordsLost", open.stream().mapToLong(ConsumerGaps.Gap::recordsLost).sum())
          .withDetail("ids", open.stream().map(ConsumerGaps.Gap::id).toList());
    }
    if (unsaved) {
      health.withDetail(
          "unsaved", "gaps seen while the database was away; stored at the next watch round");
    }
    return health.build();
  }
}
