package org.cellpath.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.cellpath.faults.FaultSystem;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.ClassDataArchive;
import org.cellpath.localstack.Jdks;
import org.cellpath.localstack.ServiceLauncher;
import org.cellpath.localstack.ServiceProcess;

/**
 * The ways a service jar can be started that figure 5 compares: the executable jar on this JVM, and
 * the extracted application with a class-data archive (CDS, JDK 17) or an AOT cache (JDK 25), as
 * Spring Boot 4's documentation describes: {@code java -Djarmode=tools -jar app.jar extract}, a
 * training run that stops once the application context has refreshed ({@code
 * -Dspring.context.exit=onRefresh}) and writes the archive or cache at exit, then runs that use it.
 */
enum StartupModes {

  /** {@code java -jar app.jar}, the way {@code local-stack} runs it. */
  JAR("the executable jar"),
  /**
   * The extracted application with an AppCDS archive ({@code -XX:ArchiveClassesAtExit}, {@code
   * -XX:SharedArchiveFile}).
   */
  CDS("extracted, with a CDS archive"),
  /**
   * The extracted application with a JDK 25 AOT cache ({@code -XX:AOTCacheOutput}, {@code
   * -XX:AOTCache}).
   */
  AOT_CACHE("extracted, with an AOT cache");

  private final String description;

  StartupModes(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /**
   * The JDK 25 beside the default one, if this machine has it ({@code JAVA25_HOME}, or one in
   * /usr/lib/jvm).
   */
  static Optional<Path> java25() {
    return Jdks.atLeast(25);
  }

  /**
   * Prepares this mode for one service with this {@code java}: extracts the jar and makes the
   * training run with local-stack's {@link ClassDataArchive} (the service's database must be up).
   * The jar mode needs nothing.
   *
   * @return how to run the service in this mode
   */
  FaultSystem.Runner prepare(
      FaultSystem system, FaultSystem.Instance instance, Path java, Path workDir)
      throws IOException, InterruptedException {
    if (this == JAR) {
      return new FaultSystem.Runner(java, UnaryOperator.identity());
    }
    CellPathService service = instance.service();
    ClassDataArchive archive =
        new ClassDataArchive(
            workDir.resolve(name().toLowerCase() + "/" + service.serviceName()),
            this == CDS ? ClassDataArchive.Kind.CDS : ClassDataArchive.Kind.AOT_CACHE,
            service.jar(system.repoRoot()));
    archive.extract(java);
    ServiceProcess training = system.startOnce(instance, java, archive::trainingSpec);
    if (!training
        .onExit()
        .thenApply(p -> true)
        .completeOnTimeout(false, ClassDataArchive.TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .join()) {
      training.kill();
    }
    archive.completeTraining(training, java);
    return new FaultSystem.Runner(java, archive::runSpec);
  }

  /** The {@code java} running this JVM, which the jar and CDS modes use. */
  static Path currentJava() {
    return ServiceLauncher.currentJava();
  }

  /**
   * The JDK's version from its {@code release} file ({@code bin/java}'s grandparent), else this
   * JVM's.
   */
  static String version(Path java) {
    return Jdks.version(java);
  }
}
