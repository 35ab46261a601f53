package org.cellpath.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

  private static EmbeddedPostgresServer postgres;

  @BeforeAll
  static void startServer() {
    postgres = EmbeddedPostgresServer.start(0, null);
  }

  @AfterAll
  static void stopServer() {
    postgres.close();
  }

  @Test
  void keepsTwoDatabasesApart() throws SQLException {
    postgres.createDatabaseIfMissing("referral");
    postgres.createDatabaseIfMissing("scheduling");

    execute(
        "referral", "CREATE TABLE marker (service text)", "INSERT INTO marker VALUES ('referral')");
    execute(
        "scheduling",
        "CREATE TABLE marker (service text)",
        "INSERT INTO marker VALUES ('scheduling')");

    assertThat(queryOne("referral", "SELECT service FROM marker")).isEqualTo("referral");
    assertThat(queryOne("scheduling", "SELECT service FROM marker")).isEqualTo("scheduling");
    assertThat(queryOne("scheduling", "SELECT current_database()")).isEqualTo("scheduling");
  }

  @Test
  void runsPostgreSql17() throws SQLException {
    assertThat(queryOne("postgres", "SHOW server_version")).startsWith("17.");
  }

  @Test
  void commitsAreDurableAsOnAProductionServer() throws SQLException {
    assertThat(queryOne("postgres", "SHOW synchronous_commit")).isEqualTo("on");
    assertThat(queryOne("postgres", "SHOW fsync")).isEqualTo("on");
  }

  @Test
  void createDatabaseIfMissingIsIdempotent() throws SQLException {
    postgres.createDatabaseIfMissing("notification");
    postgres.createDatabaseIfMissing("notification");

    assertThat(queryOne("notification", "SELECT current_database()")).isEqualTo("notification");
  }

  @Test
  void createsALoginRoleThatOwnsNothingOnce() throws SQLException {
    postgres.createRoleIfMissing("service_app");
    postgres.createRoleIfMissing("service_app");

    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl("postgres"), "service_app", "any");
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT current_user, rolsuper, rolcreatedb, rolcreaterole"
                    + " FROM pg_roles WHERE rolname = current_user")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("service_app");
      assertThat(List.of(rows.getBoolean(2), rows.getBoolean(3), rows.getBoolean(4)))
          .containsOnly(false);
    }
    assertThatThrownBy(() -> postgres.createRoleIfMissing("x; DROP ROLE postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(() -> postgres.createDatabaseIfMissing("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> postgres.createDatabaseIfMissing("Referral"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsDatabasesInAGivenDataDirectoryAcrossRestarts(@TempDir Path parent) throws SQLException {
    Path dataDir = parent.resolve("pgdata");
    try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(0, dataDir)) {
      first.createDatabaseIfMissing("kept");
    }
    try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(0, dataDir);
        Connection connection =
            DriverManager.getConnection(
                second.jdbcUrl("kept"), second.username(), second.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_database()")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("kept");
    }
    assertThat(parent.resolve("pgdata.log")).isRegularFile();
  }

  @Test
  void passesTheCallersServerSettings() throws SQLException {
    try (EmbeddedPostgresServer server =
            EmbeddedPostgresServer.start(
                0, null, null, Map.of("shared_preload_libraries", "pg_stat_statements"));
        Connection connection =
            DriverManager.getConnection(
                server.jdbcUrl("postgres"), server.username(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      statement.execute("SELECT 42");
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT current_setting('shared_preload_libraries'), current_setting('synchronous_commit'),"
                  + " (SELECT count(*) FROM pg_stat_statements WHERE query = 'SELECT $1')")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("pg_stat_statements");
        assertThat(rows.getString(2)).as("this class's own settings stay").isEqualTo("on");
        assertThat(rows.getLong(3)).isEqualTo(1);
      }
    }
  }

  private static void execute(String database, String... statements) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String queryOne(String database, String sql) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(database), postgres.username(), postgres.password());
  }
}
