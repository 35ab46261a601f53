package org.cellpath.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts one Kafka and one PostgreSQL container per JVM. The images match docker-compose and the
 * versions the services are built against.
 */
final class TestcontainersProvider implements InfrastructureProvider {

  static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
  static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17-alpine");

  // Separate locks: the two containers may start in parallel.
  private final Object kafkaLock = new Object();
  private final Object postgresLock = new Object();
  private SharedKafkaContainer kafka;
  private SharedPostgreSQLContainer postgres;
  private volatile boolean closed;

  @Override
  public String kafkaBootstrapServers() {
    return kafkaContainer().getBootstrapServers();
  }

  @Override
  public DatabaseServer databaseServer() {
    PostgreSQLContainer container = postgresContainer();
    return new DatabaseServer(
        container.getJdbcUrl(), container.getUsername(), container.getPassword());
  }

  /** Returns the started Kafka container, starting it on first use. */
  KafkaContainer kafkaContainer() {
    synchronized (kafkaLock) {
      requireOpen();
      if (kafka == null) {
        SharedKafkaContainer container = new SharedKafkaContainer(KAFKA_IMAGE);
        container.start();
        kafka = container;
      }
      return kafka;
    }
  }

  /** Returns the started PostgreSQL container, starting it on first use. */
  PostgreSQLContainer postgresContainer() {
    synchronized (postgresLock) {
      requireOpen();
      if (postgres == null) {
        SharedPostgreSQLContainer container = new SharedPostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        postgres = container;
      }
      return postgres;
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (kafkaLock) {
      if (kafka != null) {
        kafka.stop();
      }
    }
    synchronized (postgresLock) {
      if (postgres != null) {
        postgres.stop();
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The Testcontainers test infrastructure was already stopped");
    }
  }

  /*
   * The containers are shared by every application context of the JVM, but they are also Spring
   * beans (for @ServiceConnection). When a context closes, Spring Boot's
   * TestcontainersLifecycleBeanPostProcessor calls close() on every container bean whose
   * destroyMethod is "" (and Spring itself infers close() otherwise), which would pull the
   * containers from under the contexts still cached. Hence close() does nothing here, and only
   * stop(), called by this provider at JVM shutdown, ends them.
   */

  /** A Kafka container that only {@link #stop()} ends; {@link #close()} is a no-op. */
  static final class SharedKafkaContainer extends KafkaContainer {

    SharedKafkaContainer(DockerImageName image) {
      super(image);
    }

    @Override
    public void close() {
      // Shared per JVM: see the note above.
    }
  }

  /** A PostgreSQL container that only {@link #stop()} ends; {@link #close()} is a no-op. */
  static final class SharedPostgreSQLContainer extends PostgreSQLContainer {

    SharedPostgreSQLContainer(DockerImageName image) {
      super(image);
    }

    @Override
    public void close() {
      // Shared per JVM: see the note above.
    }
  }
}
