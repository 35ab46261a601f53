package org.cellpath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfrastructureIT {

  @Test
  void givesEachCallerItsOwnEmptyDatabase() throws SQLException {
    TestInfrastructure.Database first = TestInfrastructure.newDatabase("referral-service");
    TestInfrastructure.Database second = TestInfrastructure.newDatabase("referral-service");

    assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
    try (Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE referral (id uuid PRIMARY KEY)");
      statement.execute("INSERT INTO referral VALUES (gen_random_uuid())");
    }
    assertThat(queryOne(first, "SELECT count(*) FROM referral")).isEqualTo("1");
    assertThat(queryOne(second, "SELECT current_database()")).startsWith("referral_service_");
    assertThatThrownBy(() -> queryOne(second, "SELECT count(*) FROM referral"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void sharesOneBrokerThatAcceptsRecordsWithAcksAll() throws Exception {
    String bootstrapServers = TestInfrastructure.kafkaBootstrapServers();
    assertThat(TestInfrastructure.kafkaBootstrapServers()).isEqualTo(bootstrapServers);

    RecordMetadata written;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
      written =
          producer
              .send(
                  new ProducerRecord<>(
                      "test-infrastructure-" + UUID.randomUUID(), "referral-1", "{}"))
              .get();
    }

    assertThat(written.hasOffset()).isTrue();
    assertThat(written.offset()).isZero();
  }

  private static String queryOne(TestInfrastructure.Database database, String sql)
      throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private static Connection connect(TestInfrastructure.Database database) throws SQLException {
    return DriverManager.getConnection(
        database.jdbcUrl(), database.username(), database.password());
  }
}
