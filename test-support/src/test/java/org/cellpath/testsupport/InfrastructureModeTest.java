package org.cellpath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

  private static final Map<String, String> EXTERNAL_ENVIRONMENT =
      Map.of(
          "CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
          "CELLPATH_TEST_JDBC_URL", "jdbc:postgresql://db:5432/postgres",
          "CELLPATH_TEST_DB_USERNAME", "ci",
          "CELLPATH_TEST_DB_PASSWORD", "secret");

  @Test
  void usesTheExternalServersWhenTheEnvironmentNamesThemWithoutAskingDocker() {
    AtomicInteger dockerChecks = new AtomicInteger();
    BooleanSupplier docker =
        () -> {
          dockerChecks.incrementAndGet();
          return true;
        };

    InfrastructureMode mode =
        InfrastructureMode.select(
            ExternalInfrastructure.fromEnvironment(EXTERNAL_ENVIRONMENT), docker);

    assertThat(mode).isEqualTo(InfrastructureMode.EXTERNAL);
    assertThat(dockerChecks).hasValue(0);
  }

  @Test
  void usesTestcontainersWhenADockerEngineAnswers() {
    assertThat(
            InfrastructureMode.select(ExternalInfrastructure.fromEnvironment(Map.of()), () -> true))
        .isEqualTo(InfrastructureMode.TESTCONTAINERS);
  }

  @Test
  void fallsBackToTheEmbeddedServersWithoutDocker() {
    assertThat(
            InfrastructureMode.select(
                ExternalInfrastructure.fromEnvironment(Map.of()), () -> false))
        .isEqualTo(InfrastructureMode.EMBEDDED);
  }

  @Test
  void ignoresBlankVariables() {
    Map<String, String> blank =
        Map.of("CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS", " ", "CELLPATH_TEST_JDBC_URL", "");

    assertThat(ExternalInfrastructure.fromEnvironment(blank)).isEmpty();
  }

  @Test
  void readsEveryExternalSetting() {
    assertThat(ExternalInfrastructure.fromEnvironment(EXTERNAL_ENVIRONMENT))
        .contains(
            new ExternalInfrastructure(
                "kafka:9092", "jdbc:postgresql://db:5432/postgres", "ci", "secret"));
  }

  @Test
  void defaultsTheCredentialsToPostgresButKeepsAnEmptyPassword() {
    Map<String, String> minimal =
        Map.of(
            "CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "CELLPATH_TEST_JDBC_URL", "jdbc:postgresql://db:5432/postgres");

    assertThat(ExternalInfrastructure.fromEnvironment(minimal))
        .get()
        .extracting(ExternalInfrastructure::username, ExternalInfrastructure::password)
        .containsExactly("postgres", "postgres");

    Map<String, String> emptyPassword =
        Map.of(
            "CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "CELLPATH_TEST_JDBC_URL", "jdbc:postgresql://db:5432/postgres",
            "CELLPATH_TEST_DB_PASSWORD", "");
    assertThat(ExternalInfrastructure.fromEnvironment(emptyPassword))
        .get()
        .extracting(ExternalInfrastructure::password)
        .isEqualTo("");
  }

  @Test
  void refusesAHalfConfiguredEnvironmentNamingWhatIsMissing() {
    assertThatThrownBy(
            () ->
                ExternalInfrastructure.fromEnvironment(
                    Map.of("CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CELLPATH_TEST_JDBC_URL");
    assertThatThrownBy(
            () ->
                ExternalInfrastructure.fromEnvironment(
                    Map.of("CELLPATH_TEST_JDBC_URL", "jdbc:postgresql://db:5432/postgres")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void refusesADatabaseUrlThatIsNotPostgreSql() {
    assertThatThrownBy(
            () ->
                ExternalInfrastructure.fromEnvironment(
                    Map.of(
                        "CELLPATH_TEST_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "CELLPATH_TEST_JDBC_URL", "jdbc:h2:mem:test")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jdbc:postgresql://");
  }

  @Test
  void keepsThePasswordOutOfToString() {
    Optional<ExternalInfrastructure> external =
        ExternalInfrastructure.fromEnvironment(EXTERNAL_ENVIRONMENT);

    assertThat(external).get().asString().doesNotContain("secret");
    assertThat(new TestInfrastructure.Database("jdbc:postgresql://db/x", "ci", "secret").toString())
        .doesNotContain("secret");
  }
}
