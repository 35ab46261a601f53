package org.cellpath.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.cellpath.audit.JdbcAuditTrail;
import org.cellpath.audit.OperatorAudit;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the outbox, its relay, the inbox-backed consumers and dead-lettering into a service. The
 * service adds nothing but its bindings in {@code application.yml} and its handlers.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

  /** Flyway also runs the outbox and inbox tables, which every service has. */
  static final String MIGRATIONS = "classpath:db/messaging";

  /**
   * Events as JSON, with the patient's contact sealed under {@code EVENT_CONTACT_KEY} and bound to
   * its event (ADR 13, ADR 23). The key settings are checked here, so that a wrong one stops the
   * service at start.
   */
  @Bean
  EventJson eventJson(Environment environment, ObjectProvider<Clock> clock) {
    return new EventJson(
        ContactSeal.fromSettings(environment::getProperty, clock.getIfAvailable(Clock::systemUTC)));
  }

  /**
   * The one producer of a service, for the outbox relay and the dead-letter recoverer: byte arrays
   * in and out (payloads are serialized when they enter the outbox), {@code acks=all}, idempotence
   * on. Its own serializers, so that the binder's byte-array defaults are left alone.
   */
  @Bean
  ProducerFactory<byte[], byte[]> cellpathProducerFactory(
      KafkaProperties kafkaProperties, KafkaConnectionDetails connection) {
    Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
    config.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    // A send waits this long for the metadata of a topic that does not exist (and cannot be
    // created): the relay's
    // whole round would wait with it, a minute by default.
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new DefaultKafkaProducerFactory<>(config);
  }

  @Bean
  KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate(
      ProducerFactory<byte[], byte[]> cellpathProducerFactory) {
    return new KafkaTemplate<>(cellpathProducerFactory);
  }

  /**
   * The trace context carried from a state change through the outbox and Kafka to the consumers,
   * with the tracer and W3C propagator of Micrometer Tracing where the service has them (ADR 29).
   */
  @Bean
  EventTracing cellpathEventTracing(
      ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    Tracer available = tracer.getIfAvailable();
    Propagator propagation = propagator.getIfAvailable();
    return available == null || propagation == null
        ? EventTracing.NONE
        : new EventTracing(available, propagation);
  }

  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate,
      MessagingProperties properties,
      @Value("${spring.application.name:cellpath}") String applicationName,
      EventTracing cellpathEventTracing,
      ObjectProvider<MeterRegistry> meters) {
    String source =
        properties.source() != null ? properties.source() : "/cellpath/" + applicationName;
    return new OutboxRelay(
        jdbc,
        new TransactionTemplate(transactionManager),
        cellpathKafkaTemplate,
        properties,
        source,
        cellpathEventTracing,
        meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  Outbox outbox(
      JdbcClient jdbc,
      EventJson eventJson,
      MessagingProperties properties,
      EventTracing cellpathEventTracing,
      OutboxRelay outboxRelay) {
    return new JdbcOutbox(jdbc, eventJson, properties, cellpathEventTracing, outboxRelay::wakeUp);
  }

  @Bean
  OutboxAppender outboxAppender(Outbox outbox) {
    return new OutboxAppender(outbox);
  }

  @Bean
  InboundEvents inboundEvents(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      EventJson eventJson,
      EventTracing cellpathEventTracing,
      ObjectProvider<MeterRegistry> meters) {
    return new InboundEvents(
        jdbc,
        new TransactionTemplate(transactionManager),
        eventJson,
        cellpathEventTracing,
        meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  ListenerContainerWithDlqAndRetryCustomizer cellpathDeadLetters(
      KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate, MessagingProperties properties) {
    return new DeadLetterCustomizer(cellpathKafkaTemplate, properties.consumer());
  }

  @Bean
  KafkaAdmin.NewTopics cellpathTopics(MessagingProperties properties) {
    return new KafkaAdmin.NewTopics(
        properties.publishes().stream()
            .map(
                name ->
                    new NewTopic(properties.topic(name), properties.partitions(), (short) -1)
                        .configs(Map.of("retention.ms", properties.topicRetentionMs())))
            .toArray(NewTopic[]::new));
  }

  /**
   * The outbox in {@code /actuator/health} as {@code outbox}, where the service runs Actuator.
   * Services keep it out of their readiness group (see {@link OutboxHealthIndicator}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class OutboxHealthConfiguration {

    @Bean
    HealthIndicator outboxHealthIndicator(JdbcClient jdbc, MessagingProperties properties) {
      return new OutboxHealthIndicator(
          new OutboxRows(jdbc), properties.outbox().backlogHealthMaxAge());
    }
  }

  /** The operators' outbox endpoint, {@code /actuator/outbox}, where the service runs Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  static class OutboxEndpointConfiguration {

    @Bean
    OutboxEndpoint outboxEndpoint(
        JdbcClient jdbc,
        OutboxRelay outboxRelay,
        ObjectProvider<JdbcAuditTrail> trail,
        ObjectProvider<Clock> clock) {
      return new OutboxEndpoint(
          new OutboxRows(jdbc),
          outboxRelay::wakeUp,
          new OperatorAudit(trail.getIfAvailable(), clock.getIfAvailable(Clock::systemUTC)));
    }
  }

  /**
   * Warns at start about topics in use that keep records for less time than the outbox keeps
   * events.
   */
  @Bean
  TopicRetentionCheck topicRetentionCheck(
      KafkaAdmin kafkaAdmin,
      MessagingProperties properties,
      ObjectProvider<BindingServiceProperties> bindings,
      Environment environment) {
    return new TopicRetentionCheck(kafkaAdmin, properties, bindings, environment);
  }

  @Bean
  FlywayConfigurationCustomizer cellpathMessagingMigrations() {
    // The messaging migrations (V0_n) number below every service's own (V1 and up), so a new one
    // arrives in a
    // database that has the service's later ones already: out of order is the normal case for it,
    // and Flyway would
    // otherwise refuse to start ("resolved migration not applied").
    return configuration ->
        configuration
            .outOfOrder(true)
            .locations(
                Stream.concat(
                        Arrays.stream(configuration.getLocations()),
                        Stream.of(new Location(MIGRATIONS)))
                    .distinct()
                    .toArray(Location[]::new));
  }
}
