package org.cellpath.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the topics the Kafka binder creates the retention of {@code
 * cellpath.messaging.topic-retention} (the services map {@code KAFKA_TOPIC_RETENTION} to it; -1,
 * for ever, by default), as {@code retention.ms} in the binder's topic properties for every
 * binding: a consumer binding's destination ({@code
 * spring.cloud.stream.kafka.default.consumer.topic.properties}), its dead-letter topic ({@code
 * ...consumer.dlq-producer-properties.topic.properties}) and any producer binding's destination
 * ({@code ...producer.topic.properties}). The binder applies them when it creates a topic; a topic
 * that exists keeps its own ({@link TopicRetentionCheck} warns about it). Settings a service gives
 * itself win over these.
 */
public class TopicRetentionEnvironment implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY_SOURCE = "cellpathTopicRetention";
  private static final String DEFAULTS = "spring.cloud.stream.kafka.default.";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                PROPERTY_SOURCE,
                settings(environment.getProperty("cellpath.messaging.topic-retention"))));
  }

  /**
   * The binder settings for a retention as {@code topic-retention} is written; null or negative for
   * ever.
   */
  static Map<String, Object> settings(String retention) {
    String millis = retentionMs(retention);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(DEFAULTS + "consumer.topic.properties.retention.ms", millis);
    settings.put(
        DEFAULTS + "consumer.dlq-producer-properties.topic.properties.retention.ms", millis);
    settings.put(DEFAULTS + "producer.topic.properties.retention.ms", millis);
    return settings;
  }

  static String retentionMs(String retention) {
    if (retention == null || retention.isBlank()) {
      return "-1";
    }
    Duration duration = DurationStyle.detectAndParse(retention.strip());
    return duration.isNegative() ? "-1" : String.valueOf(duration.toMillis());
  }

  /** After the configuration files: a service's own binder settings stay in charge. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
