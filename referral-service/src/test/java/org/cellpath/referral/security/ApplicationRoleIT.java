package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.IntegrationTestInitializer;
import org.cellpath.testsupport.PrivilegeProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * referral-service as a deployment runs it: Flyway migrates as the database's owner, and the
 * service connects as a role that owns nothing. The service works (a referral is submitted and
 * audited), and its role can neither change nor remove a row of the audit trail, nor disable or
 * drop its trigger, nor alter or drop any table.
 */
@IntegrationTest
@TestPropertySource(properties = IntegrationTestInitializer.DATABASE_ROLES + "=separate")
class ApplicationRoleIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired JsonMapper json;

  @Value("${spring.datasource.url}")
  String url;

  @Value("${spring.datasource.username}")
  String applicationRole;

  @Value("${spring.flyway.user}")
  String owner;

  @Value("${spring.flyway.password}")
  String ownerPassword;

  @Test
  void theServiceWorksAsARoleThatOwnsNothingAndTheOwnerMigrated() {
    int status =
        ApiClients.physician(port)
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                json.writeValueAsString(
                    ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles())))
            .retrieve()
            .toBodilessEntity()
            .getStatusCode()
            .value();

    assertThat(status).isEqualTo(201);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action = 'SUBMIT' and outcome = 'ALLOWED'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(owner).isNotEqualTo(applicationRole);
    JdbcClient asOwner = JdbcClient.create(new DriverManagerDataSource(url, owner, ownerPassword));
    assertThat(
            asOwner
                .sql("select distinct installed_by from flyway_schema_history")
                .query(String.class)
                .list())
        .containsExactly(owner);
    assertThat(
            asOwner
                .sql(
                    "select distinct tableowner from pg_tables where schemaname = current_schema()")
                .query(String.class)
                .list())
        .containsExactly(owner);
    assertThatThrownBy(
            () -> jdbc.sql("select count(*) from flyway_schema_history").query(Long.class).single())
        .as("the migrations' history is the owner's")
        .rootCause()
        .hasMessageContaining("permission denied");
  }

  @Test
  void theServicesRoleCannotChangeOrRemoveAnAuditRowNorDisableOrDropTheTrigger() {
    jdbc.sql(
            "insert into audit_event (subject, roles, action, outcome) values ('reviewer-1', 'REVIEWER', "
                + "'REVIEW_READ', 'ALLOWED')")
        .update();
    long rows = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    List<Map<String, Object>> before =
        jdbc.sql("select * from audit_event order by id").query().listOfRows();

    for (String attack :
        List.of(
            "update audit_event set subject = 'someone-else'",
            "delete from audit_event",
            "truncate audit_event")) {
      assertThatThrownBy(() -> jdbc.sql(attack).update())
          .as(attack)
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("permission denied for table audit_event");
    }
    for (String attack :
        List.of(
            "alter table audit_event disable trigger audit_event_no_update_or_delete",
            "drop trigger audit_event_no_update_or_delete on audit_event",
            "alter table referral add column x integer",
            "drop table referral cascade")) {
      assertThatThrownBy(() -> jdbc.sql(attack).update())
          .as(attack)
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("must be owner");
    }

    assertThat(PrivilegeProbe.powersOf(dataSource)).isEmpty();
    assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single())
        .isEqualTo(rows);
    assertThat(jdbc.sql("select * from audit_event order by id").query().listOfRows())
        .isEqualTo(before);
  }
}
