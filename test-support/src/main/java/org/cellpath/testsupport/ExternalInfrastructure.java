package org.cellpath.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kafka broker and a PostgreSQL server that already run somewhere (a CI service container, a
 * developer's compose stack), named by environment variables.
 *
 * @param kafkaBootstrapServers value of {@value #KAFKA_BOOTSTRAP_SERVERS}
 * @param jdbcUrl value of {@value #JDBC_URL}: a URL of the server's maintenance database, such as
 *     {@code jdbc:postgresql://host:5432/postgres}; each test database is created next to it
 * @param username value of {@value #DB_USERNAME}, {@code postgres} if unset; needs the {@code
 *     CREATEDB} privilege
 * @param password value of {@value #DB_PASSWORD}, {@code postgres} if unset
 */
public record ExternalInfrastructure(
    String kafkaBootstrapServers, String jdbcUrl, String username, String password) {

  /** Environment variable naming the external broker. */
  public static final String KAFKA_BOOTSTRAP_SERVERS = "CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS";

  /** Environment variable naming the external database server. */
  public static final String JDBC_URL = "CELLPATH_TEST_JDBC_URL";

  /** Environment variable with the database user. */
  public static final String DB_USERNAME = "CELLPATH_TEST_DB_USERNAME";

  /** Environment variable with the database password. */
  public static final String DB_PASSWORD = "CELLPATH_TEST_DB_PASSWORD";

  private static final String DEFAULT_CREDENTIAL = "postgres";

  public ExternalInfrastructure {
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("Not a jdbc:postgresql:// URL");
    }
  }

  /**
   * Reads the settings from an environment.
   *
   * @param environment the environment variables, usually {@link System#getenv()}
   * @return the settings when both the broker and the database URL are set, empty when neither is
   * @throws IllegalStateException when only one of the two is set: a half-configured environment is
   *     a mistake that silently falling back would hide
   */
  public static Optional<ExternalInfrastructure> fromEnvironment(Map<String, String> environment) {
    String kafka = nonBlank(environment.get(KAFKA_BOOTSTRAP_SERVERS));
    String jdbc = nonBlank(environment.get(JDBC_URL));
    if (kafka == null && jdbc == null) {
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    if (kafka == null) {
      missing.add(KAFKA_BOOTSTRAP_SERVERS);
    }
    if (jdbc == null) {
      missing.add(JDBC_URL);
    } else if (!jdbc.startsWith("jdbc:postgresql://")) {
      // Test databases are created next to it by rewriting the URL's path, so a host is needed.
      throw new IllegalStateException(
          JDBC_URL
              + " must be a jdbc:postgresql://host[:port]/database URL, got: "
              + jdbc.split("\\?", 2)[0]);
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "External test infrastructure is half configured: set "
              + String.join(" and ", missing)
              + " as well, or unset the CELLPATH_TEST_* variables");
    }
    String username =
        Optional.ofNullable(nonBlank(environment.get(DB_USERNAME))).orElse(DEFAULT_CREDENTIAL);
    // An empty password is legitimate (trust authentication), so only an unset one gets the
    // default.
    String password = Optional.ofNullable(environment.get(DB_PASSWORD)).orElse(DEFAULT_CREDENTIAL);
    return Optional.of(new ExternalInfrastructure(kafka, jdbc, username, password));
  }

  /** Keeps the password out of test reports and logs. */
  @Override
  public String toString() {
    return "ExternalInfrastructure[kafkaBootstrapServers="
        + kafkaBootstrapServers
        + ", jdbcUrl="
        + JdbcUrls.server(jdbcUrl)
        + ", username="
        + username
        + "]";
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
