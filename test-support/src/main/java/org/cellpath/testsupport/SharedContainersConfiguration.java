package org.cellpath.testsupport;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * In Testcontainers mode, exposes the JVM-wide containers to each application context as {@link
 * ServiceConnection} beans. Imported by {@link IntegrationTest}; skipped in the other modes.
 *
 * <p>A service connection would point every context at the container's one default database, so the
 * PostgreSQL connection is narrowed to {@link JdbcConnectionDetails} (no separate Flyway or R2DBC
 * connection to the default database) and redirected to the context's own database, which {@link
 * IntegrationTestInitializer} created and put in {@code spring.datasource.url}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(TestcontainersModeCondition.class)
class SharedContainersConfiguration {

  /*
   * destroyMethod = "": Spring must not close the shared containers when one context closes. That
   * alone is not enough in Spring Boot 4.0 (its lifecycle post-processor then closes them itself),
   * so the containers' close() is also a no-op; see TestcontainersProvider.
   */

  @Bean(destroyMethod = "")
  @ServiceConnection(type = JdbcConnectionDetails.class)
  PostgreSQLContainer cellpathPostgresContainer() {
    return TestInfrastructure.postgresContainer();
  }

  @Bean(destroyMethod = "")
  @ServiceConnection
  KafkaContainer cellpathKafkaContainer() {
    return TestInfrastructure.kafkaContainer();
  }

  @Bean
  static BeanPostProcessor cellpathPerContextDatabase(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JdbcConnectionDetails details) {
          return PerContextJdbcConnectionDetails.redirect(details, environment);
        }
        return bean;
      }
    };
  }
}
