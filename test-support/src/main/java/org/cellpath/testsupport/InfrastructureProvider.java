package org.cellpath.testsupport;

/**
 * Supplies the broker and the database server for one {@link InfrastructureMode}. Each resource is
 * started (or looked up) on first request, so a test that needs only PostgreSQL never pays for
 * Kafka. Implementations are thread-safe.
 */
interface InfrastructureProvider extends AutoCloseable {

  /** Returns the broker's bootstrap servers, starting the broker if needed. */
  String kafkaBootstrapServers();

  /** Returns the database server, starting it if needed. */
  DatabaseServer databaseServer();

  /** Stops whatever this provider started; databases it did not start are left running. */
  @Override
  void close();
}
