package org.cellpath.messaging.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.messaging.operations}.
 *
 * @param kafkaTimeout how long one call to the broker may take (reading a dead-letter topic)
 */
@ConfigurationProperties("cellpath.messaging.operations")
public record ConsumerOperationsProperties(Duration kafkaTimeout) {

  public ConsumerOperationsProperties {
    kafkaTimeout = kafkaTimeout == null ? Duration.ofSeconds(10) : kafkaTimeout;
  }
}
