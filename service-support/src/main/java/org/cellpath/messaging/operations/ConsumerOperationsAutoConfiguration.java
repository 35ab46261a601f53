package org.cellpath.messaging.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.cellpath.audit.JdbcAuditTrail;
import org.cellpath.audit.OperatorAudit;
import org.cellpath.messaging.MessagingAutoConfiguration;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Operators' tools for every consumer binding of a service (ADR 18): dead-letter replay ({@code
 * /actuator/deadletters}), consumer lag (gauge and health {@code consumerLag}) and gaps left by
 * retention (check on assignment and periodic, health {@code consumerGaps}, {@code
 * /actuator/consumergaps}). The endpoints must be exposed ({@code
 * management.endpoints.web.exposure.include}); like every actuator endpoint but health and info,
 * they are for {@code ADMIN} only.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, MessagingAutoConfiguration.class})
@EnableConfigurationProperties(ConsumerOperationsProperties.class)
public class ConsumerOperationsAutoConfiguration {

  @Bean
  ConsumerBindings cellpathConsumerBindings(
      BindingServiceProperties bindings, Environment environment) {
    return new ConsumerBindings(bindings, environment);
  }

  @Bean
  ConsumerGaps cellpathConsumerGaps(
      JdbcClient jdbc, ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock) {
    return new ConsumerGaps(
        jdbc,
        meters.getIfAvailable(SimpleMeterRegistry::new),
        clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  ConsumerLag cellpathConsumerLag(
      ConsumerOperationsProperties properties,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<Clock> clock) {
    return new ConsumerLag(
        meters.getIfAvailable(SimpleMeterRegistry::new),
        clock.getIfAvailable(Clock::systemUTC),
        properties.lagThreshold(),
        properties.lagDuration());
  }

  @Bean
  ConsumerWatch cellpathConsumerWatch(
      ConsumerBindings cellpathConsumerBindings,
      ConsumerLag cellpathConsumerLag,
      ConsumerGaps cellpathConsumerGaps,
      KafkaAdmin kafkaAdmin,
      ConsumerOperationsProperties properties) {
    return new ConsumerWatch(
        cellpathConsumerBindings,
        cellpathConsumerLag,
        cellpathConsumerGaps,
        () -> Admin.create(kafkaAdmin.getConfigurationProperties()),
        properties.watchInterval(),
        properties.kafkaTimeout());
  }

  /**
   * The binder takes a rebalance listener only when there is exactly one: a service that brings its
   * own keeps it, and loses the check on assignment (the periodic check remains).
   */
  @Bean
  @ConditionalOnMissingBean(KafkaBindingRebalanceListener.class)
  KafkaBindingRebalanceListener cellpathGapCheckOnAssignment(
      ConsumerGaps cellpathConsumerGaps, ConsumerOperationsProperties properties) {
    return new GapCheckOnAssignment(cellpathConsumerGaps, properties.kafkaTimeout());
  }

  @Bean
  DeadLetterReader cellpathDeadLetterReader(
      KafkaProperties kafkaProperties,
      KafkaConnectionDetails connection,
      ConsumerOperationsProperties properties) {
    return new DeadLetterReader(
        kafkaProperties.buildConsumerProperties(),
        String.join(",", connection.getConsumer().getBootstrapServers()),
        properties.kafkaTimeout());
  }

  @Bean
  DeadLetterReplay cellpathDeadLetterReplay(
      ConsumerBindings cellpathConsumerBindings,
      DeadLetterReader cellpathDeadLetterReader,
      BeanFactory beans) {
    return new DeadLetterReplay(cellpathConsumerBindings, cellpathDeadLetterReader, beans);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  static class Endpoints {

    @Bean
    DeadLettersEndpoint cellpathDeadLettersEndpoint(
        DeadLetterReplay cellpathDeadLetterReplay,
        ConsumerBindings cellpathConsumerBindings,
        DeadLetterReader cellpathDeadLetterReader,
        ObjectProvider<JdbcAuditTrail> trail,
        ObjectProvider<Clock> clock) {
      return new DeadLettersEndpoint(
          cellpathDeadLetterReplay,
          cellpathConsumerBindings,
          cellpathDeadLetterReader,
          new OperatorAudit(trail.getIfAvailable(), clock.getIfAvailable(Clock::systemUTC)));
    }

    @Bean
    ConsumerGapsEndpoint cellpathConsumerGapsEndpoint(
        ConsumerGaps cellpathConsumerGaps,
        ObjectProvider<JdbcAuditTrail> trail,
        ObjectProvider<Clock> clock) {
      return new ConsumerGapsEndpoint(
          cellpathConsumerGaps,
          new OperatorAudit(trail.getIfAvailable(), clock.getIfAvailable(Clock::systemUTC)));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class Health {

    @Bean
    HealthIndicator consumerLagHealthIndicator(ConsumerLag cellpathConsumerLag) {
      return new ConsumerLagHealthIndicator(cellpathConsumerLag);
    }

    @Bean
    HealthIndicator consumerGapsHealthIndicator(ConsumerGaps cellpathConsumerGaps) {
      return new ConsumerGapsHealthIndicator(cellpathConsumerGaps);
    }
  }
}
