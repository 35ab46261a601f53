package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

  private static final Path ROOT = Path.of("/repo");

  @Test
  void runsEachServiceJarFromItsModuleTargetWithTheSharedInfrastructure() {
    ServiceSpec spec =
        CellPathService.SCHEDULING.spec(
            ROOT,
            8082,
            new ServiceConnections(
                "localhost:9092",
                "localhost",
                2525,
                "",
                "http://127.0.0.1:8090/.well-known/jwks.json"),
            new ServiceDatabase(
                "jdbc:postgresql://localhost:5433/scheduling", "postgres", "secret"));

    assertThat(spec.jar())
        .isEqualTo(Path.of("/repo/scheduling-service/target/scheduling-service.jar"));
    assertThat(spec.environment())
        .containsEntry("SERVER_PORT", "8082")
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
        .containsEntry("DB_URL", "jdbc:postgresql://localhost:5433/scheduling")
        .containsEntry("DB_USERNAME", "postgres")
        .containsEntry("DB_PASSWORD", "secret")
        .containsEntry("MAIL_HOST", "localhost")
        .containsEntry("MAIL_PORT", "2525")
        .containsEntry("CELLPATH_TOPIC_PREFIX", "")
        .containsEntry("JWT_JWK_SET_URI", "http://127.0.0.1:8090/.well-known/jwks.json")
        .containsEntry("SPRING_PROFILES_ACTIVE", "local");
    assertThat(spec.readinessUrl()).hasToString("http://localhost:8082/actuator/health/readiness");
  }

  @Test
  void migratesAsTheOwnerWhenTheServiceConnectsAsAnotherRole() {
    ServiceConnections connections =
        new ServiceConnections(
            "localhost:9092", "localhost", 2525, "", "http://127.0.0.1:8090/.well-known/jwks.json");

    ServiceSpec separate =
        CellPathService.REFERRAL.spec(
            ROOT,
            8081,
            connections,
            new ServiceDatabase(
                "jdbc:postgresql://localhost:5433/referral",
                "cellpath_app",
                "app-secret",
                "postgres",
                "owner-secret"));
    ServiceSpec single =
        CellPathService.REFERRAL.spec(
            ROOT,
            8081,
            connections,
            new ServiceDatabase("jdbc:postgresql://localhost:5433/referral", "postgres", "secret"));

    assertThat(separate.environment())
        .containsEntry("DB_USERNAME", "cellpath_app")
        .containsEntry("DB_PASSWORD", "app-secret")
        .containsEntry("DB_MIGRATION_USERNAME", "postgres")
        .containsEntry("DB_MIGRATION_PASSWORD", "owner-secret");
    assertThat(single.environment())
        .containsEntry("DB_USERNAME", "postgres")
        .doesNotContainKeys("DB_MIGRATION_USERNAME", "DB_MIGRATION_PASSWORD");
    assertThat(
            new ServiceDatabase("jdbc:postgresql://x/y", "u", "app-secret", "o", "owner-secret")
                .toString())
        .doesNotContain("secret");
  }

  @Test
  void buildsTheCommandLineWithTheSmallFootprintOptionsFirst() {
    ServiceSpec spec =
        ServiceSpec.of("referral-service", Path.of("/repo/r.jar"), 8081)
            .withSystemProperty("cellpath.clock.adjustable", "true");

    assertThat(spec.command(Path.of("/jdk/bin/java")))
        .containsExactly(
            "/jdk/bin/java",
            "-XX:TieredStopAtLevel=1",
            "-Xss512k",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-Xmn64m",
            "-Dcellpath.clock.adjustable=true",
            "-jar",
            "/repo/r.jar");
  }

  @Test
  void everyServiceAndTheConsoleRunWithTheLocalProfile() {
    ServiceSpec service =
        CellPathService.NOTIFICATION.spec(
            ROOT,
            8083,
            new ServiceConnections(
                "localhost:9092",
                "localhost",
                2525,
                "",
                "http://127.0.0.1:8090/.well-known/jwks.json"),
            new ServiceDatabase(
                "jdbc:postgresql://localhost:5433/notification", "postgres", "secret"));

    assertThat(service.environment()).containsEntry("SPRING_PROFILES_ACTIVE", "local");
    assertThat(
            WebConsole.spec(
                    ROOT,
                    8084,
                    service.baseUrl(),
                    service.baseUrl(),
                    service.baseUrl(),
                    java.net.URI.create("http://127.0.0.1:8090"))
                .environment())
        .containsEntry("SPRING_PROFILES_ACTIVE", "local");
  }

  @Test
  void addsExtraEnvironmentWithoutLosingTheRest() {
    ServiceSpec spec =
        ServiceSpec.of("referral-service", Path.of("r.jar"), 8081)
            .withEnv("CELLPATH_REVIEW_AUTO_APPROVE", "true")
            .withEnv("SERVER_PORT", "9999");

    assertThat(spec.environment())
        .containsEntry("CELLPATH_REVIEW_AUTO_APPROVE", "true")
        .containsEntry("SERVER_PORT", "9999");
  }

  @Test
  void keepsPasswordsOutOfToString() {
    ServiceSpec spec =
        ServiceSpec.of("referral-service", Path.of("r.jar"), 8081).withEnv("DB_PASSWORD", "secret");

    assertThat(spec.toString()).doesNotContain("secret");
    assertThat(new ServiceDatabase("jdbc:postgresql://x/y", "u", "secret").toString())
        .doesNotContain("secret");
  }

  @Test
  void usesTheJavaThatRunsThisJvm() {
    assertThat(ServiceLauncher.currentJava()).isExecutable();
  }
}
