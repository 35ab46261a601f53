package org.cellpath.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The role the grants go to: named by the placeholder or the data source's user, and only a plain
 * role name.
 */
class ApplicationRolePlaceholderTest {

  @Test
  void theGrantsGoToTheUserTheServiceConnectsAs() {
    FluentConfiguration configuration = Flyway.configure();

    DatabaseRolesAutoConfiguration.grantTo(configuration, "cellpath_app");

    assertThat(configuration.getPlaceholders()).containsEntry("application_role", "cellpath_app");
    assertThat(configuration.getLocations()).contains(new Location("classpath:db/roles"));
    assertThat(configuration.isOutOfOrder()).isTrue();
  }

  @Test
  void aConfiguredRoleWinsOverTheUser() {
    FluentConfiguration configuration =
        Flyway.configure().placeholders(Map.of("application_role", "cellpath_rw"));

    DatabaseRolesAutoConfiguration.grantTo(configuration, "cellpath_app_login");

    assertThat(configuration.getPlaceholders()).containsEntry("application_role", "cellpath_rw");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"app'; drop table audit_event; --", "app$$", "app role", "1app", "\"app\""})
  void aNameThatCouldBreakOutOfTheMigrationIsRefused(String role) {
    assertThatThrownBy(() -> DatabaseRolesAutoConfiguration.grantTo(Flyway.configure(), role))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plain role name");
  }

  @Test
  void withoutARoleTheServiceDoesNotStart() {
    assertThatThrownBy(() -> DatabaseRolesAutoConfiguration.grantTo(Flyway.configure(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DB_USERNAME");
  }
}
