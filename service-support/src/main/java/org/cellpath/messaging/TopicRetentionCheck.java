package org.cellpath.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * At start, reads the retention of every topic the service uses (the topics it publishes to, its
 * consumer bindings' destinations and their dead-letter topics) and warns, naming the topic, about
 * each one that keeps records for less time than the outbox keeps published events: a consumer down
 * for longer would lose that topic's records without a trace, while the outbox could still send
 * them again (ADR 17). Topics are created with {@code KAFKA_TOPIC_RETENTION}, but one that existed
 * before keeps its own retention. Also warns when the broker forgets consumer groups' offsets
 * sooner ({@code offsets.retention.minutes}). It only reads and logs; a broker it cannot ask is
 * reported by class name and does not stop the service.
 */
final class TopicRetentionCheck implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(TopicRetentionCheck.class);
  private static final long TIMEOUT_SECONDS = 10;

  private final KafkaAdmin kafkaAdmin;
  private final MessagingProperties properties;
  private final ObjectProvider<BindingServiceProperties> bindings;
  private final Environment environment;

  TopicRetentionCheck(
      KafkaAdmin kafkaAdmin,
      MessagingProperties properties,
      ObjectProvider<BindingServiceProperties> bindings,
      Environment environment) {
    this.kafkaAdmin = kafkaAdmin;
    this.properties = properties;
    this.bindings = bindings;
    this.environment = environment;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    try {
      check(topicsInUse());
      checkOffsetsRetention();
    } catch (RuntimeException e) {
      log.warn("Could not read the retention of the topics in use ({})", e.getClass().getName());
    }
  }

  /** The topics this service publishes to, consumes, and dead-letters to, by their full names. */
  Set<String> topicsInUse() {
    Set<String> topics = new LinkedHashSet<>();
    properties.publishes().forEach(name -> topics.add(properties.topic(name)));
    Binder binder = Binder.get(environment);
    boolean dlqByDefault =
        binder
            .bind("spring.cloud.stream.kafka.default.consumer.enable-dlq", Boolean.class)
            .orElse(false);
    BindingServiceProperties bound = bindings.getIfAvailable();
    Map<String, BindingProperties> all = bound == null ? Map.of() : bound.getBindings();
    for (Map.Entry<String, BindingProperties> binding : all.entrySet()) {
      String destination = binding.getValue().getDestination();
      if (destination == null || binding.getValue().getGroup() == null) {
        continue;
      }
      topics.add(destination);
      // Property names are lower case; Spring matches referralEvents-in-0 in YAML (or an
      // environment variable) to it.
      String consumer =
          "spring.cloud.stream.kafka.bindings."
              + binding.getKey().toLowerCase(Locale.ROOT)
              + ".consumer.";
      if (binder.bind(consumer + "enable-dlq", Boolean.class).orElse(dlqByDefault)) {
        topics.add(
            binder
                .bind(consumer + "dlq-name", String.class)
                .orElse("error." + destination + "." + binding.getValue().getGroup()));
      }
    }
    return topics;
  }

  /**
   * Reads the retention of the topics that exist and warns about each one shorter than the
   * outbox's.
   *
   * @return the topics that keep records for less time than the outbox keeps published events
   */
  List<String> check(Collection<String> topics) {
    Duration outboxRetention = properties.outbox().retention();
    List<String> tooShort = new ArrayList<>();
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      for (String topic : topics) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try {
          config =
              admin
                  .describeConfigs(List.of(resource))
                  .all()
                  .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                  .get(resource);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            log.warn(
                "Could not read the retention of topic {} ({})",
                topic,
                e.getCause().getClass().getName());
          }
          continue;
        }
        long retentionMs = longValue(config.get("retention.ms"));
        if (retentionMs >= 0 && retentionMs < outboxRetention.toMillis()) {
          tooShort.add(topic);
          log.warn(
              "Topic {} keeps records for {} (retention.ms={}), less than the outbox keeps published events "
                  + "({}): a consumer down for longer loses this topic's records. Raise it, for example "
                  + "kafka-configs.sh --alter --entity-type topics --entity-name {} --add-config retention.ms=-1 "
                  + "(ADR 17)",
              topic,
              Duration.ofMillis(retentionMs),
              retentionMs,
              outboxRetention,
              topic);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException e) {
      log.warn(
          "Could not read the retention of the topics in use: the broker did not answer in {} s",
          TIMEOUT_SECONDS);
    }
    return tooShort;
  }

  private void checkOffsetsRetention() {
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      String node =
          String.valueOf(
              admin
                  .describeCluster()
                  .nodes()
                  .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                  .iterator()
                  .next()
                  .id());
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node);
      Config config =
          admin
              .describeConfigs(List.of(broker))
              .all()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(broker);
      long minutes = longValue(config.get("offsets.retention.minutes"));
      Duration outboxRetention = properties.outbox().retention();
      if (minutes >= 0 && Duration.ofMinutes(minutes).compareTo(outboxRetention) < 0) {
        log.warn(
            "The broker keeps consumer groups' offsets for {} (offsets.retention.minutes={}), less than the "
                + "outbox keeps published events ({}): a group idle for longer starts over from its reset policy "
                + "(ADR 17)",
            Duration.ofMinutes(minutes),
            minutes,
            outboxRetention);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.info(
          "Could not read the broker's offsets.retention.minutes ({})", e.getClass().getName());
    }
  }

  private static long longValue(ConfigEntry entry) {
    return entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
  }
}
