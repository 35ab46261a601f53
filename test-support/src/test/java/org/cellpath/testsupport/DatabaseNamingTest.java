package org.cellpath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseNamingTest {

  @Test
  void turnsAServiceNameIntoAPlainIdentifierWithARandomSuffix() {
    assertThat(TestInfrastructure.uniqueDatabaseName("Referral-Service"))
        .matches("referral_service_[a-z0-9]{8}");
  }

  @Test
  void startsWithALetterWhateverThePrefix() {
    assertThat(TestInfrastructure.uniqueDatabaseName("42")).matches("test_42_[a-z0-9]{8}");
    assertThat(TestInfrastructure.uniqueDatabaseName("")).matches("test__[a-z0-9]{8}");
    assertThat(TestInfrastructure.uniqueDatabaseName(null)).matches("test__[a-z0-9]{8}");
  }

  @Test
  void staysWithinPostgreSqlsIdentifierLength() {
    assertThat(TestInfrastructure.uniqueDatabaseName("x".repeat(200))).hasSize(63);
  }

  @Test
  void neverRepeatsInAThousandNames() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      names.add(TestInfrastructure.uniqueDatabaseName("referral"));
    }
    assertThat(names).hasSize(1_000);
  }

  @Test
  void makesTopicPrefixesThatStartWithALetterAndEndWithADash() {
    assertThat(IntegrationTestInitializer.newTopicPrefix()).matches("t[a-z0-9]{8}-");
  }

  @Test
  void pointsAServerUrlAtAnotherDatabaseKeepingHostsAndParameters() {
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db:5432/postgres", "referral_ab12cd34"))
        .isEqualTo("jdbc:postgresql://db:5432/referral_ab12cd34");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost:32768/test?loggerLevel=OFF", "x"))
        .isEqualTo("jdbc:postgresql://localhost:32768/x?loggerLevel=OFF");
    assertThat(
            JdbcUrls.withDatabase(
                "jdbc:postgresql://a:5432,b:5432/postgres?targetServerType=primary", "x"))
        .isEqualTo("jdbc:postgresql://a:5432,b:5432/x?targetServerType=primary");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db:5432", "x"))
        .isEqualTo("jdbc:postgresql://db:5432/x");
    assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db/?sslmode=disable", "x"))
        .isEqualTo("jdbc:postgresql://db/x?sslmode=disable");
  }

  @Test
  void namesTheServerWithoutDatabaseOrParametersForMessages() {
    assertThat(JdbcUrls.server("jdbc:postgresql://db:5432/postgres?password=secret"))
        .isEqualTo("jdbc:postgresql://db:5432");
  }

  @Test
  void refusesUrlsOfOtherDatabases() {
    assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://db/x", "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
