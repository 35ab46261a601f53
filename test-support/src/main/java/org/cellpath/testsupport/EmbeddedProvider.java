package org.cellpath.testsupport;

import org.cellpath.infra.EmbeddedKafka;
import org.cellpath.infra.EmbeddedPostgresServer;

/**
 * Starts the in-process broker and the embedded PostgreSQL server, each in a temporary directory.
 * The two have separate locks so that they can start in parallel.
 */
final class EmbeddedProvider implements InfrastructureProvider {

  private final Object kafkaLock = new Object();
  private final Object postgresLock = new Object();
  private EmbeddedKafka kafka;
  private EmbeddedPostgresServer postgres;
  private DatabaseServer databaseServer;
  private volatile boolean closed;

  @Override
  public String kafkaBootstrapServers() {
    synchronized (kafkaLock) {
      requireOpen();
      if (kafka == null) {
        kafka = EmbeddedKafka.start(0, null);
      }
      return kafka.bootstrapServers();
    }
  }

  @Override
  public DatabaseServer databaseServer() {
    synchronized (postgresLock) {
      requireOpen();
      if (databaseServer == null) {
        postgres = EmbeddedPostgresServer.start(0, null);
        databaseServer =
            new DatabaseServer(
                postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
      }
      return databaseServer;
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (kafkaLock) {
      if (kafka != null) {
        kafka.close();
      }
    }
    synchronized (postgresLock) {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The embedded test infrastructure was already stopped");
    }
  }
}
