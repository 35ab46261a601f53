package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.cellpath.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A service deployed before a new messaging migration (V0_n) has its own later migrations (V1 and
 * up) applied already. Starting the new release must apply the messaging migration rather than
 * refuse to start.
 */
class MessagingMigrationsIT {

  private static final String SERVICE_MIGRATIONS = "classpath:db/migration";

  @Test
  void aNewMessagingMigrationIsAppliedToADatabaseThatHasTheServicesLaterOnes() throws Exception {
    TestInfrastructure.Database database = deployedBeforeTheNewMessagingMigrations();

    FluentConfiguration release =
        Flyway.configure()
            .dataSource(database.jdbcUrl(), database.username(), database.password())
            .locations(SERVICE_MIGRATIONS);
    new MessagingAutoConfiguration().cellpathMessagingMigrations().customize(release);
    release.load().migrate();

    try (Connection db =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        ResultSet tables =
            db.createStatement()
                .executeQuery(
                    "select count(*) from information_schema.tables where table_name = 'consumer_gap'");
        ResultSet columns = db.getMetaData().getColumns(null, null, "outbox_event", "parked_at")) {
      tables.next();
      assertThat(tables.getInt(1)).as("consumer_gap").isEqualTo(1);
      assertThat(columns.next()).as("outbox_event.parked_at").isTrue();
    }
  }

  @Test
  void withoutOutOfOrderMigrationsTheSameDatabaseWouldStopTheServiceAtStart() {
    TestInfrastructure.Database database = deployedBeforeTheNewMessagingMigrations();

    FluentConfiguration inOrderOnly =
        Flyway.configure()
            .dataSource(database.jdbcUrl(), database.username(), database.password())
            .locations(SERVICE_MIGRATIONS, MessagingAutoConfiguration.MIGRATIONS);

    assertThatThrownBy(() -> inOrderOnly.load().migrate()).hasMessageContaining("not applied");
  }

  /**
   * The outbox and inbox (V0_1) and the service's own V1, as a deployment of an earlier release has
   * them.
   */
  private static TestInfrastructure.Database deployedBeforeTheNewMessagingMigrations() {
    TestInfrastructure.Database database = TestInfrastructure.newDatabase("migrations");
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.username(), database.password())
        .locations(MessagingAutoConfiguration.MIGRATIONS)
        .target("0.1")
        .load()
        .migrate();
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.username(), database.password())
        .locations(SERVICE_MIGRATIONS)
        .ignoreMigrationPatterns("*:missing")
        .load()
        .migrate();
    return database;
  }
}
