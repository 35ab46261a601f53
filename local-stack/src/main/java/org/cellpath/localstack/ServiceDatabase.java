package org.cellpath.localstack;

import java.util.Objects;

/**
 * The database of one service, and who connects to it: the service as a role that owns nothing, its
 * migrations as the owner (ADR 24). With one user for both, the service owns its tables.
 *
 * @param jdbcUrl its JDBC URL
 * @param username the user the service connects as ({@code DB_USERNAME})
 * @param password that user's password
 * @param migrationUsername the owner, whom Flyway migrates as ({@code DB_MIGRATION_USERNAME})
 * @param migrationPassword the owner's password
 */
public record ServiceDatabase(
    String jdbcUrl,
    String username,
    String password,
    String migrationUsername,
    String migrationPassword) {

  public ServiceDatabase {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(migrationUsername, "migrationUsername");
    Objects.requireNonNull(migrationPassword, "migrationPassword");
  }

  /** One user that migrates and connects: the service owns its tables. */
  public ServiceDatabase(String jdbcUrl, String username, String password) {
    this(jdbcUrl, username, password, username, password);
  }

  /** Whether migrations run as another user than the service. */
  public boolean separateRoles() {
    return !migrationUsername.equals(username);
  }

  /** Keeps the passwords out of logs. */
  @Override
  public String toString() {
    return "ServiceDatabase["
        + jdbcUrl
        + ", username="
        + username
        + ", migrationUsername="
        + migrationUsername
        + "]";
  }
}
