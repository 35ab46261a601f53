package org.cellpath.testsupport;

/** Hands out the servers named in the environment; starts and stops nothing. */
final class ExternalProvider implements InfrastructureProvider {

  private final ExternalInfrastructure settings;
  private final DatabaseServer databaseServer;

  ExternalProvider(ExternalInfrastructure settings) {
    this.settings = settings;
    this.databaseServer =
        new DatabaseServer(settings.jdbcUrl(), settings.username(), settings.password());
  }

  @Override
  public String kafkaBootstrapServers() {
    return settings.kafkaBootstrapServers();
  }

  @Override
  public DatabaseServer databaseServer() {
    return databaseServer;
  }

  @Override
  public void close() {
    // Not ours to stop.
  }
}
