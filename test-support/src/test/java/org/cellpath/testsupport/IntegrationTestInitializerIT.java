package org.cellpath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs {@link IntegrationTest} against a tiny application with a DataSource, as a service test
 * would. The inlined properties play the part of a service's {@code application.yml} pointing
 * elsewhere.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "spring.application.name=initializer-probe",
      "spring.datasource.url=jdbc:postgresql://localhost:1/not_this_one",
      "cellpath.messaging.topic-prefix=fixed-",
    })
class IntegrationTestInitializerIT {

  @Autowired private DataSource dataSource;

  @Autowired private Environment environment;

  @Test
  void connectsTheContextToAFreshDatabaseOfItsOwn() throws SQLException {
    assertThat(currentDatabase(dataSource)).matches("initializer_probe_[a-z0-9]{8}");
    assertThat(environment.getProperty("spring.datasource.url"))
        .endsWith(currentDatabase(dataSource));
  }

  @Test
  void givesTheContextAUniqueTopicPrefixEvenOverATestProperty() {
    assertThat(environment.getProperty(IntegrationTestInitializer.TOPIC_PREFIX))
        .matches("t[a-z0-9]{8}-");
  }

  @Test
  void pointsKafkaAndTheBinderAtTheSharedBroker() {
    String brokers = TestInfrastructure.kafkaBootstrapServers();

    assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(brokers);
    assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.brokers"))
        .isEqualTo(brokers);
  }

  @Test
  void isolatesEveryOtherContextFromThisOne() throws SQLException {
    try (ConfigurableApplicationContext other =
        new SpringApplicationBuilder(ProbeApplication.class)
            .web(WebApplicationType.NONE)
            .properties("spring.application.name=initializer-probe")
            .initializers(new IntegrationTestInitializer())
            .run()) {
      Environment otherEnvironment = other.getEnvironment();

      assertThat(currentDatabase(other.getBean(DataSource.class)))
          .isNotEqualTo(currentDatabase(dataSource));
      assertThat(otherEnvironment.getProperty(IntegrationTestInitializer.TOPIC_PREFIX))
          .matches("t[a-z0-9]{8}-")
          .isNotEqualTo(environment.getProperty(IntegrationTestInitializer.TOPIC_PREFIX));
      assertThat(otherEnvironment.getProperty("spring.kafka.bootstrap-servers"))
          .isEqualTo(environment.getProperty("spring.kafka.bootstrap-servers"));
    }
  }

  private static String currentDatabase(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_database()")) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  /** Stands in for a service: auto-configuration with a DataSource, nothing else. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class ProbeApplication {}
}
