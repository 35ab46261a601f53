package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

  private static final Path JAVA = Path.of("/jdk/bin/java");

  @TempDir Path dir;

  @Test
  void jdk17MakesAnAppCdsArchiveAndJdk25AnAotCache() {
    assertThat(ClassDataArchive.Kind.forJdk(17)).isEqualTo(ClassDataArchive.Kind.CDS);
    assertThat(ClassDataArchive.Kind.forJdk(24)).isEqualTo(ClassDataArchive.Kind.CDS);
    assertThat(ClassDataArchive.Kind.forJdk(25)).isEqualTo(ClassDataArchive.Kind.AOT_CACHE);
  }

  @Test
  void theTrainingRunWritesTheArchiveFromTheExtractedJarAndStopsAfterRefresh() {
    ClassDataArchive archive =
        new ClassDataArchive(
            dir.resolve("referral-service"),
            ClassDataArchive.Kind.CDS,
            Path.of("/repo/referral-service/target/referral-service.jar"));
    ServiceSpec spec =
        ServiceSpec.of(
                "referral-service",
                Path.of("/repo/referral-service/target/referral-service.jar"),
                8081)
            .withEnv("DB_URL", "jdbc:postgresql://localhost:5433/referral");

    ServiceSpec training = archive.trainingSpec(spec);

    Path archiveFile = dir.resolve("referral-service/application.jsa").toAbsolutePath();
    assertThat(training.name()).isEqualTo("referral-service-training");
    assertThat(training.command(JAVA))
        .containsSequence(
            "-XX:ArchiveClassesAtExit=" + archiveFile,
            "-Dspring.context.exit=onRefresh",
            "-jar",
            dir.resolve("referral-service/referral-service.jar").toAbsolutePath().toString());
    assertThat(training.environment())
        .containsEntry("DB_URL", "jdbc:postgresql://localhost:5433/referral");
  }

  @Test
  void theRunMapsTheArchiveUnderTheServicesOwnNameAndPort() {
    ClassDataArchive archive =
        new ClassDataArchive(
            dir.resolve("notification-service"),
            ClassDataArchive.Kind.AOT_CACHE,
            Path.of("/repo/notification-service/target/notification-service.jar"));
    ServiceSpec spec =
        ServiceSpec.of(
            "notification-service",
            Path.of("/repo/notification-service/target/notification-service.jar"),
            8083);

    ServiceSpec run = archive.runSpec(spec);

    assertThat(run.name()).isEqualTo("notification-service");
    assertThat(run.port()).isEqualTo(8083);
    assertThat(run.jvmOptions())
        .startsWith(ServiceSpec.DEFAULT_JVM_OPTIONS.toArray(String[]::new))
        .endsWith(
            "-XX:AOTCache=" + dir.resolve("notification-service/application.aot").toAbsolutePath());
    assertThat(run.systemProperties()).doesNotContainKey("spring.context.exit");
  }

  @Test
  void anArchiveWithoutItsStampIsNotCurrentSoItIsTrainedAgain() throws Exception {
    Path jar = Files.writeString(dir.resolve("app.jar"), "not really a jar");
    ClassDataArchive archive =
        new ClassDataArchive(dir.resolve("app"), ClassDataArchive.Kind.CDS, jar);
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(archive.archive(), "an archive left by an older build");
    Files.writeString(archive.extractedJar(), "extracted");

    assertThat(archive.isCurrent(ServiceLauncher.currentJava())).isFalse();
  }
}
