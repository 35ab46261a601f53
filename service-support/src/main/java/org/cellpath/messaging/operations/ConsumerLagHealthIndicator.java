package org.cellpath.messaging.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code consumerLag}: DOWN while a binding's lag has stayed above the threshold for longer than
 * the duration (a consumer that stopped, or cannot keep up). From the last reading: a health check
 * never calls the broker. Not part of readiness: taking the instance out of traffic would not help
 * its consumer catch up.
 */
final class ConsumerLagHealthIndicator implements HealthIndicator {

  private final ConsumerLag lag;

  ConsumerLagHealthIndicator(ConsumerLag lag) {
    this.lag = lag;
  }

  @Override
  public Health health() {
    if (lag.readAt() == null) {
      return Health.unknown().withDetail("reason", "no reading yet").build();
    }
    Map<String, ConsumerLag.Reading> lagging = lag.lagging();
    Map<String, Object> bindings = new LinkedHashMap<>();
    lag.readings().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              Map<String, Object> detail = new LinkedHashMap<>();
              detail.put("group", entry.getValue().group());
              detail.put("lag", entry.getValue().lag());
              if (entry.getValue().aboveThresholdSince() != null) {
                detail.put(
                    "aboveThresholdSince", entry.getValue().aboveThresholdSince().toString());
              }
              bindings.put(entry.getKey(), detail);
            });
    return (lagging.isEmpty() ? Health.up() : Health.down())
        .withDetail("threshold", lag.threshold())
        .withDetail("duration", lag.duration().toString())
        .withDetail("readAt", lag.readAt().toString())
        .withDetail("bindings", bindings)
        .build();
  }
}
