package org.cellpath.messaging.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.messaging.operations}.
 *
 * @param watchInterval how often each binding's lag and committed offsets are read from the broker
 * @param lagThreshold records behind, per binding, above which the lag counts against health
 * @param lagDuration how long the lag must stay above the threshold before health is DOWN
 * @param kafkaTimeout how long one call to the broker may take (offsets, reading a dead-letter
 *     topic)
 */
@ConfigurationProperties("cellpath.messaging.operations")
public record ConsumerOperationsProperties(
    Duration watchInterval, Long lagThreshold, Duration lagDuration, Duration kafkaTimeout) {

  public ConsumerOperationsProperties {
    watchInterval = watchInterval == null ? Duration.ofSeconds(30) : watchInterval;
    lagThreshold = lagThreshold == null ? 10_000L : lagThreshold;
    lagDuration = lagDuration == null ? Duration.ofMinutes(5) : lagDuration;
    kafkaTimeout = kafkaTimeout == null ? Duration.ofSeconds(10) : kafkaTimeout;
  }
}
