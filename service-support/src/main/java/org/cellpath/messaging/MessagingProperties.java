package org.cellpath.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings under {@code cellpath.messaging}.
 *
 * @param topicPrefix put in front of every topic name (and consumer group) of this deployment;
 *     empty in production, unique per test context so that test runs never see each other's events
 * @param source the {@code ce_source} of events this service publishes, for example {@code
 *     /cellpath/referral-service}
 * @param publishes unprefixed names of the topics this service publishes to; created at start-up if
 *     missing
 * @param partitions partitions of the topics created at start-up
 * @param topicRetention {@code retention.ms} of the topics and dead-letter topics this service
 *     creates ({@code KAFKA_TOPIC_RETENTION}); negative (the default, -1) keeps records forever.
 *     Topics that already exist keep theirs: at start the service warns about each one it uses that
 *     keeps records for less than {@code outbox.retention} ({@link TopicRetentionCheck}).
 */
@ConfigurationProperties("cellpath.messaging")
public record MessagingProperties(
    String topicPrefix,
    String source,
    List<String> publishes,
    Integer partitions,
    Duration topicRetention,
    Outbox outbox,
    Consumer consumer) {

  @ConstructorBinding
  public MessagingProperties {
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    publishes = publishes == null ? List.of() : List.copyOf(publishes);
    partitions = partitions == null ? 6 : partitions;
    topicRetention = topicRetention == null ? KEEP_FOREVER : topicRetention;
    outbox = outbox == null ? new Outbox(null, null, null, null, null, null, null, null) : outbox;
    consumer = consumer == null ? new Consumer(null, null) : consumer;
  }

  /** The settings as they were before topic retention could be set: topics keep records forever. */
  public MessagingProperties(
      String topicPrefix,
      String source,
      List<String> publishes,
      Integer partitions,
      Outbox outbox,
      Consumer consumer) {
    this(topicPrefix, source, publishes, partitions, null, outbox, consumer);
  }

  /** Kafka's {@code retention.ms} for records kept forever. */
  static final Duration KEEP_FOREVER = Duration.ofMillis(-1);

  /** The topic name as this deployment knows it. */
  public String topic(String unprefixedName) {
    return topicPrefix + unprefixedName;
  }

  /** {@code retention.ms} of the topics this service creates: -1 for ever. */
  public String topicRetentionMs() {
    return topicRetention.isNegative() ? "-1" : String.valueOf(topicRetention.toMillis());
  }

  /**
   * @param pollInterval how often the relay looks for pending events when nothing woke it up
   * @param batchSize events sent per relay round
   * @param sendTimeout how long the relay waits for the broker to acknowledge a round
   * @param retention how long published events stay in the table before they are purged ({@code
   *     OUTBOX_RETENTION}, 400 days): for reconciliation, and for sending them again to a consumer
   *     that lost them to topic retention
   * @param maxAttempts attempts to publish an event before it is parked ({@code
   *     OUTBOX_MAX_ATTEMPTS}, 10)
   * @param retryBackOffInitial the wait after an event's first failed attempt, doubling with each
   *     further one
   * @param retryBackOffMax the longest wait between two attempts of one event
   * @param backlogHealthMaxAge the outbox's health is DOWN when the oldest pending event has waited
   *     longer ({@code OUTBOX_BACKLOG_HEALTH_MAX_AGE}, 5 minutes), or when any event is parked
   */
  public record Outbox(
      Duration pollInterval,
      Integer batchSize,
      Duration sendTimeout,
      Duration retention,
      Integer maxAttempts,
      Duration retryBackOffInitial,
      Duration retryBackOffMax,
      Duration backlogHealthMaxAge) {
    public Outbox {
      pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
      batchSize = batchSize == null ? 200 : batchSize;
      sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
      retention = retention == null ? Duration.ofDays(400) : retention;
      maxAttempts = maxAttempts == null ? 10 : maxAttempts;
      retryBackOffInitial =
          retryBackOffInitial == null ? Duration.ofSeconds(5) : retryBackOffInitial;
      retryBackOffMax = retryBackOffMax == null ? Duration.ofMinutes(10) : retryBackOffMax;
      backlogHealthMaxAge =
          backlogHealthMaxAge == null ? Duration.ofMinutes(5) : backlogHealthMaxAge;
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "cellpath.messaging.outbox.max-attempts must be at least 1");
      }
    }

    /** The wait after an event's {@code attempt}-th failed attempt (1 for the first). */
    Duration backOff(int attempt) {
      Duration wait = retryBackOffInitial;
      for (int i = 1; i < attempt && wait.compareTo(retryBackOffMax) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
      return wait.compareTo(retryBackOffMax) < 0 ? wait : retryBackOffMax;
    }
  }

  /**
   * How a consumer waits while its infrastructure (the database) is down. These retries are
   * unbounded: an outage must not send healthy records to the dead-letter topic.
   */
  public record Consumer(Duration outageBackOffInitial, Duration outageBackOffMax) {
    public Consumer {
      outageBackOffInitial =
          outageBackOffInitial == null ? Duration.ofSeconds(1) : outageBackOffInitial;
      outageBackOffMax = outageBackOffMax == null ? Duration.ofSeconds(30) : outageBackOffMax;
    }
  }
}
