package org.cellpath.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server on which test databases are created, reached through its maintenance
 * database.
 *
 * @param serverJdbcUrl URL of a database that always exists on the server (such as {@code
 *     postgres})
 * @param username a user allowed to create databases
 * @param password that user's password
 */
record DatabaseServer(String serverJdbcUrl, String username, String password) {

  /** Names go into DDL unquoted, so only plain lower-case identifiers are allowed. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /**
   * Creates an empty database.
   *
   * @param name a new database name, a plain lower-case identifier
   * @return how to connect to it
   */
  TestInfrastructure.Database create(String name) {
    execute("CREATE DATABASE " + requireName(name));
    return new TestInfrastructure.Database(
        JdbcUrls.withDatabase(serverJdbcUrl, name), username, password);
  }

  /**
   * Creates an empty database owned by a new role of its own, and a second new role that owns
   * nothing: as a deployment runs a service, migrations as the owner and the service as the other.
   *
   * @param name a new database name, a plain lower-case identifier
   * @param ownerRole a new role name for the owner, a plain lower-case identifier
   * @param applicationRole a new role name for the application, a plain lower-case identifier
   * @return how to connect to it as either
   */
  TestInfrastructure.DatabaseWithRoles createWithRoles(
      String name, String ownerRole, String applicationRole) {
    String ownerPassword = TestInfrastructure.randomSuffix(16);
    String applicationPassword = TestInfrastructure.randomSuffix(16);
    // Passwords are letters and digits only, so they can be spliced into the statement.
    execute("CREATE ROLE " + requireName(ownerRole) + " LOGIN PASSWORD '" + ownerPassword + "'");
    execute(
        "CREATE ROLE "
            + requireName(applicationRole)
            + " LOGIN PASSWORD '"
            + applicationPassword
            + "'");
    execute("CREATE DATABASE " + requireName(name) + " OWNER " + ownerRole);
    String url = JdbcUrls.withDatabase(serverJdbcUrl, name);
    return new TestInfrastructure.DatabaseWithRoles(
        new TestInfrastructure.Database(url, ownerRole, ownerPassword),
        new TestInfrastructure.Database(url, applicationRole, applicationPassword));
  }

  /** Drops a role; its database must be dropped first. */
  void dropRole(String name) {
    execute("DROP ROLE IF EXISTS " + requireName(name));
  }

  /** Drops a database, cutting any connection still open to it. */
  void drop(String name) {
    // WITH (FORCE): a pool of a context that failed to close must not keep the database alive.
    execute("DROP DATABASE IF EXISTS " + requireName(name) + " WITH (FORCE)");
  }

  private void execute(String ddl) {
    try (Connection connection = DriverManager.getConnection(serverJdbcUrl, username, password);
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Failed on " + JdbcUrls.server(serverJdbcUrl) + ": " + ddl, e);
    }
  }

  private static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
    }
    return name;
  }

  /** Keeps the password out of test reports and logs. */
  @Override
  public String toString() {
    return "DatabaseServer[" + JdbcUrls.server(serverJdbcUrl) + ", username=" + username + "]";
  }
}
