package org.cellpath.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import javax.sql.DataSource;
import org.cellpath.testsupport.PrivilegeProbe;
import org.cellpath.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two database roles against a real PostgreSQL: Flyway migrates as the owner, and the role the
 * service connects as reads and writes rows and can do nothing else; above all it cannot change,
 * remove or stop guarding a row of the audit trail. Each check is shown to catch a role with too
 * much (a grant too wide, an application that owns its tables).
 */
class DatabaseRolesIT {

  /** The test application's own migration (the {@code effect} table), as a service's. */
  private static final String SERVICE_MIGRATIONS = "classpath:db/migration";

  /**
   * service-support's, which every service's Flyway runs too (MessagingAutoConfiguration,
   * AuditAutoConfiguration).
   */
  private static final String MESSAGING_MIGRATIONS = "classpath:db/messaging";

  private static final String AUDIT_MIGRATIONS = "classpath:db/audit";

  @Test
  void theApplicationsRoleReadsAndWritesRowsAndNothingMore() {
    TestInfrastructure.DatabaseWithRoles database = migrated();
    JdbcClient application = JdbcClient.create(dataSource(database.application()));

    writeRows(application);

    assertThat(PrivilegeProbe.powersOf(dataSource(database.application()))).isEmpty();
  }

  @Test
  void aGrantTooWideOnTheAuditTrailIsCaught() {
    TestInfrastructure.DatabaseWithRoles database = migrated();
    JdbcClient.create(dataSource(database.owner()))
        .sql(
            "grant update, delete, truncate on audit_event to " + database.application().username())
        .update();

    assertThat(PrivilegeProbe.powersOf(dataSource(database.application())))
        .contains(
            "holds UPDATE on audit_event",
            "holds DELETE on audit_event",
            "holds TRUNCATE on audit_event",
            "truncate audit_event: not refused for want of a privilege (42501 audit_event is append-only: truncate is "
                + "not allowed)");
  }

  @Test
  void anApplicationThatConnectsAsTheOwnerIsCaught() {
    TestInfrastructure.DatabaseWithRoles database = migrated();

    assertThat(PrivilegeProbe.powersOf(dataSource(database.owner())))
        .contains(
            "owns table audit_event",
            "alter table audit_event disable trigger audit_event_no_update_or_delete: done",
            "drop trigger audit_event_no_update_or_delete on audit_event: done",
            "drop table audit_event cascade: done");
  }

  @Test
  void theApplicationsRoleCannotMigrate() {
    TestInfrastructure.DatabaseWithRoles database =
        TestInfrastructure.newDatabaseWithRoles("roles");

    assertThatThrownBy(
            () ->
                release(database.application(), database.application().username()).load().migrate())
        .hasMessageContaining("permission denied");
    assertThat(
            JdbcClient.create(dataSource(database.owner()))
                .sql("select count(*) from pg_tables where schemaname = current_schema()")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aTableOfALaterMigrationIsTheApplicationsToUseAtOnce() {
    TestInfrastructure.DatabaseWithRoles database = migrated();
    JdbcClient.create(dataSource(database.owner()))
        .sql("create table later_table (id uuid primary key)")
        .update();

    JdbcClient application = JdbcClient.create(dataSource(database.application()));
    application.sql("insert into later_table (id) values (?)").param(UUID.randomUUID()).update();

    assertThat(application.sql("delete from later_table").update()).isEqualTo(1);
    assertThat(PrivilegeProbe.powersOf(dataSource(database.application()))).isEmpty();
  }

  @Test
  void aDatabaseOfAnEarlierReleaseGetsTheAuditTrailAndTheGrantsOnTheNextStart() {
    TestInfrastructure.DatabaseWithRoles database =
        TestInfrastructure.newDatabaseWithRoles("roles");
    // An earlier release: the messaging tables and the service's own, no audit trail, no grants.
    Flyway.configure()
        .dataSource(
            database.owner().jdbcUrl(), database.owner().username(), database.owner().password())
        .locations(SERVICE_MIGRATIONS, MESSAGING_MIGRATIONS)
        .outOfOrder(true)
        .load()
        .migrate();

    release(database.owner(), database.application().username()).load().migrate();

    writeRows(JdbcClient.create(dataSource(database.application())));
    assertThat(PrivilegeProbe.powersOf(dataSource(database.application()))).isEmpty();
  }

  /**
   * A new database migrated by the owner, with every shared location, for the application's role.
   */
  private static TestInfrastructure.DatabaseWithRoles migrated() {
    TestInfrastructure.DatabaseWithRoles database =
        TestInfrastructure.newDatabaseWithRoles("roles");
    release(database.owner(), database.application().username()).load().migrate();
    return database;
  }

  /**
   * Flyway as a service configures it: its own migrations and service-support's, as {@code user}.
   */
  private static FluentConfiguration release(
      TestInfrastructure.Database user, String applicationRole) {
    FluentConfiguration configuration =
        Flyway.configure()
            .dataSource(user.jdbcUrl(), user.username(), user.password())
            .locations(SERVICE_MIGRATIONS, MESSAGING_MIGRATIONS, AUDIT_MIGRATIONS)
            .outOfOrder(true);
    DatabaseRolesAutoConfiguration.grantTo(configuration, applicationRole);
    return configuration;
  }

  /**
   * What the service does with rows: an audit entry, an outbox event written, published and purged,
   * an effect.
   */
  private static void writeRows(JdbcClient application) {
    application
        .sql(
            """
            insert into audit_event (subject, roles, action, outcome) values ('scheduler-1', 'SCHEDULER', 'PAIR_BOOK',
            'ALLOWED')""")
        .update();
    assertThat(application.sql("select count(*) from audit_event").query(Long.class).single())
        .isEqualTo(1);
    UUID event = UUID.randomUUID();
    application
        .sql(
            """
            insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at)
            values (?, 'scheduling-events', 'key', 'AppointmentPairBooked', '{}'::jsonb, now())""")
        .param(event)
        .update();
    application
        .sql("update outbox_event set published_at = now() where event_id = ?")
        .param(event)
        .update();
    application
        .sql("insert into effect (event_id, referral_id) values (?, ?)")
        .param(event)
        .param(UUID.randomUUID())
        .update();
    assertThat(application.sql("delete from outbox_event where event_id = ?").param(event).update())
        .isEqualTo(1);
  }

  private static DataSource dataSource(TestInfrastructure.Database user) {
    return new DriverManagerDataSource(user.jdbcUrl(), user.username(), user.password());
  }
}
