package org.cellpath.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cellpath.infra.DevTokenIssuer;

/**
 * The three CellPath services: where their jars are after a build, their default ports and database
 * names, and the environment variables their {@code application.yml} reads.
 */
public enum CellPathService {
  REFERRAL("referral-service", 8081, "referral"),
  SCHEDULING("scheduling-service", 8082, "scheduling"),
  NOTIFICATION("notification-service", 8083, "notification");

  private final String serviceName;
  private final int defaultPort;
  private final String databaseName;

  CellPathService(String serviceName, int defaultPort, String databaseName) {
    this.serviceName = serviceName;
    this.defaultPort = defaultPort;
    this.databaseName = databaseName;
  }

  /** Returns the module and jar name, such as {@code referral-service}. */
  public String serviceName() {
    return serviceName;
  }

  /** Returns the port local-stack and docker-compose give the service. */
  public int defaultPort() {
    return defaultPort;
  }

  /** Returns the database name local-stack and docker-compose give the service. */
  public String databaseName() {
    return databaseName;
  }

  /** Returns {@code <repoRoot>/<service>/target/<service>.jar}. */
  public Path jar(Path repoRoot) {
    return repoRoot.resolve(serviceName).resolve("target").resolve(serviceName + ".jar");
  }

  /**
   * Returns a spec that runs this service's jar against the given infrastructure. Add anything else
   * (feature flags, a shorter reminder interval) with {@link ServiceSpec#withEnv(String, String)}.
   *
   * @param repoRoot the checkout root holding the built jars
   * @param port the HTTP port
   * @param connections the broker, SMTP server, topic prefix and token issuer
   * @param database this service's own database, and the users that migrate and connect to it
   * @return the spec, with the default JVM options
   */
  public ServiceSpec spec(
      Path repoRoot, int port, ServiceConnections connections, ServiceDatabase database) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", connections.kafkaBootstrapServers());
    env.put("DB_URL", database.jdbcUrl());
    env.put("DB_USERNAME", database.username());
    env.put("DB_PASSWORD", database.password());
    if (database.separateRoles()) {
      env.put("DB_MIGRATION_USERNAME", database.migrationUsername());
      env.put("DB_MIGRATION_PASSWORD", database.migrationPassword());
    }
    env.put("MAIL_HOST", connections.mailHost());
    env.put("MAIL_PORT", String.valueOf(connections.mailPort()));
    env.put("CELLPATH_TOPIC_PREFIX", connections.topicPrefix());
    env.put("JWT_JWK_SET_URI", connections.jwkSetUri());
    env.put("JWT_ISSUER", connections.jwtIssuer());
    env.put("JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
    return ServiceSpec.of(serviceName, jar(repoRoot), port).withEnv(env);
  }
}
