package org.cellpath.messaging.operations;

import org.cellpath.messaging.MessagingAutoConfiguration;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Operators' tools for every consumer binding of a service (ADR 18): dead-letter replay
 * ({@code /actuator/deadletters}). The endpoint must be exposed ({@code management.endpoints.web.exposure.include});
 * like every actuator endpoint but health and info, it is for {@code ADMIN} only.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, MessagingAutoConfiguration.class})
@EnableConfigurationProperties(ConsumerOperationsProperties.class)
public class ConsumerOperationsAutoConfiguration {

  @Bean
  ConsumerBindings cellpathConsumerBindings(BindingServiceProperties bindings, Environment environment) {
    return new ConsumerBindings(bindings, environment);
  }

  @Bean
  DeadLetterReader cellpathDeadLetterReader(KafkaProperties kafkaProperties, KafkaConnectionDetails connection,
      ConsumerOperationsProperties properties) {
    return new DeadLetterReader(kafkaProperties.buildConsumerProperties(),
        String.join(",", connection.getConsumer().getBootstrapServers()), properties.kafkaTimeout());
  }

  @Bean
  DeadLetterReplay cellpathDeadLetterReplay(ConsumerBindings cellpathConsumerBindings,
      DeadLetterReader cellpathDeadLetterReader, BeanFactory beans) {
    return new DeadLetterReplay(cellpathConsumerBindings, cellpathDeadLetterReader, beans);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  static class Endpoints {

    @Bean
    DeadLettersEndpoint cellpathDeadLettersEndpoint(DeadLetterReplay cellpathDeadLetterReplay,
        ConsumerBindings cellpathConsumerBindings, DeadLetterReader cellpathDeadLetterReader) {
      return new DeadLettersEndpoint(cellpathDeadLetterReplay, cellpathConsumerBindings, cellpathDeadLetterReader);
    }
  }
}
