package org.cellpath.database;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Two database roles (ADR 24): Flyway migrates as the owner of the schema ({@code
 * spring.flyway.user}, {@code DB_MIGRATION_USERNAME}), and the service connects as a role that owns
 * nothing ({@code DB_USERNAME}). The owner gives that role its grants in the repeatable migration
 * of {@code db/roles}, to the role its placeholder {@value #PLACEHOLDER} names: the user the
 * service's data source connects as, unless {@code spring.flyway.placeholders.application_role}
 * names another (a group role its login role belongs to).
 *
 * <p>The roles themselves are made by whoever runs PostgreSQL (an init script, a cloud console): a
 * migration cannot create a login role without rights the owner should not have.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class DatabaseRolesAutoConfiguration {

  /** The application role's grants, shared by every service. */
  static final String MIGRATIONS = "classpath:db/roles";

  /** The Flyway placeholder naming the role the service connects as. */
  static final String PLACEHOLDER = "application_role";

  /**
   * The name goes into a string in the migration (then quoted as an identifier): letters, digits
   * and a few signs a cloud provider's role names use, nothing that could end the string or its
   * dollar quotes.
   */
  private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@-]{0,62}");

  @Bean
  FlywayConfigurationCustomizer cellpathApplicationRole(
      ObjectProvider<JdbcConnectionDetails> connection, Environment environment) {
    return configuration ->
        grantTo(configuration, connectedAs(connection.getIfAvailable(), environment));
  }

  /**
   * Adds the grants' migration to {@code configuration}, for the role its placeholder names if set,
   * else for {@code connectedAs}.
   *
   * @throws IllegalStateException when there is no role, or its name is not a plain one
   */
  static void grantTo(FluentConfiguration configuration, @Nullable String connectedAs) {
    Map<String, String> placeholders = new LinkedHashMap<>(configuration.getPlaceholders());
    String role = placeholders.get(PLACEHOLDER);
    if (role == null || role.isBlank()) {
      role = connectedAs;
    }
    if (role == null || role.isBlank()) {
      throw new IllegalStateException(
          "The database role the service connects as is not known: set DB_USERNAME "
              + "(spring.datasource.username) or spring.flyway.placeholders."
              + PLACEHOLDER);
    }
    if (!ROLE.matcher(role).matches()) {
      throw new IllegalStateException(
          "spring.flyway.placeholders."
              + PLACEHOLDER
              + " (the database role the service "
              + "connects as, DB_USERNAME) must be a plain role name: letters, digits, '_', '.', '@' or '-'");
    }
    placeholders.put(PLACEHOLDER, role);
    configuration
        .placeholders(placeholders)
        // The grants arrive out of order in a database that has the service's own migrations
        // already.
        .outOfOrder(true)
        .locations(
            Stream.concat(
                    Arrays.stream(configuration.getLocations()),
                    Stream.of(new Location(MIGRATIONS)))
                .distinct()
                .toArray(Location[]::new));
  }

  /** The user the service's data source connects as. */
  private static @Nullable String connectedAs(
      @Nullable JdbcConnectionDetails connection, Environment environment) {
    String user = connection != null ? connection.getUsername() : null;
    return user != null && !user.isBlank()
        ? user
        : environment.getProperty("spring.datasource.username");
  }
}
