package org.cellpath.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.messaging}.
 *
 * @param topicPrefix put in front of every topic name (and consumer group) of this deployment; empty in production,
 *     unique per test context so that test runs never see each other's events
 * @param source the {@code ce_source} of events this service publishes, for example {@code /cellpath/referral-service}
 * @param publishes unprefixed names of the topics this service publishes to; created at start-up if missing
 * @param partitions partitions of the topics created at start-up
 */
@ConfigurationProperties("cellpath.messaging")
public record MessagingProperties(
    String topicPrefix, String source, List<String> publishes, Integer partitions, Outbox outbox, Consumer consumer) {

  public MessagingProperties {
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    publishes = publishes == null ? List.of() : List.copyOf(publishes);
    partitions = partitions == null ? 6 : partitions;
    outbox = outbox == null ? new Outbox(null, null, null, null) : outbox;
    consumer = consumer == null ? new Consumer(null, null) : consumer;
  }

  /** The topic name as this deployment knows it. */
  public String topic(String unprefixedName) {
    return topicPrefix + unprefixedName;
  }

  /**
   * @param pollInterval how often the relay looks for pending events when nothing woke it up
   * @param batchSize events sent per relay round
   * @param sendTimeout how long the relay waits for the broker to acknowledge a round
   * @param retention how long published events stay in the table (for reconciliation) before they are purged
   */
  public record Outbox(Duration pollInterval, Integer batchSize, Duration sendTimeout, Duration retention) {
    public Outbox {
      pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
      batchSize = batchSize == null ? 200 : batchSize;
      sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
      retention = retention == null ? Duration.ofDays(7) : retention;
    }
  }

  /**
   * How a consumer waits while its infrastructure (the database) is down. These retries are unbounded: an outage
   * must not send healthy records to the dead-letter topic.
   */
  public record Consumer(Duration outageBackOffInitial, Duration outageBackOffMax) {
    public Consumer {
      outageBackOffInitial = outageBackOffInitial == null ? Duration.ofSeconds(1) : outageBackOffInitial;
      outageBackOffMax = outageBackOffMax == null ? Duration.ofSeconds(30) : outageBackOffMax;
    }
  }
}
