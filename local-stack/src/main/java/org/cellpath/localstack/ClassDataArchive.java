package org.cellpath.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service run from its extracted jar with a class-data archive, which Spring Boot 4 documents for
 * faster start-up: {@code java -Djarmode=tools -jar app.jar extract}, a training run that stops
 * once the application context has refreshed ({@code -Dspring.context.exit=onRefresh}) and writes
 * the archive as it exits, then runs that map it. On JDK 17 to 24 the archive is an AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}, {@code -XX:SharedArchiveFile}); on JDK 25 and later an AOT
 * cache ({@code -XX:AOTCacheOutput}, {@code -XX:AOTCache}).
 *
 * <p>It about halves each process's start-up on JDK 17 (the figures are in docs/benchmarks.md). The
 * training run needs what the application context needs at refresh: its database (Flyway migrates
 * it).
 */
public final class ClassDataArchive {

  /** How long a training run may take before it is given up. */
  public static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

  /** The two kinds of archive, by the JDK that makes and maps them. */
  public enum Kind {
    /** AppCDS, JDK 13 and later. */
    CDS("application.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile="),
    /** The AOT cache of JEP 483 and 514, JDK 25 and later. */
    AOT_CACHE("application.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");

    private final String fileName;
    private final String record;
    private final String use;

    Kind(String fileName, String record, String use) {
      this.fileName = fileName;
      this.record = record;
      this.use = use;
    }

    /** The kind a JDK of this feature release makes best: the AOT cache from 25 on. */
    public static Kind forJdk(int feature) {
      return feature >= 25 ? AOT_CACHE : CDS;
    }
  }

  private final Path directory;
  private final Kind kind;
  private final Path jar;

  /**
   * @param directory where the jar is extracted and the archive kept (one directory per service and
   *     kind)
   * @param kind the kind of archive
   * @param jar the service's executable jar
   */
  public ClassDataArchive(Path directory, Kind kind, Path jar) {
    this.directory = directory.toAbsolutePath();
    this.kind = kind;
    this.jar = jar.toAbsolutePath();
  }

  /** The archive file. */
  public Path archive() {
    return directory.resolve(kind.fileName);
  }

  /** The extracted jar, which runs with {@code lib/} beside it. */
  public Path extractedJar() {
    return directory.resolve(jar.getFileName());
  }

  /**
   * Whether the archive was trained from this very jar with this {@code java}: an archive only fits
   * the classes and the JVM it was made with (a mismatch makes the JVM ignore it, or refuse to
   * start).
   */
  public boolean isCurrent(Path java) {
    try {
      return Files.isRegularFile(archive())
          && Files.isRegularFile(extractedJar())
          && Files.readString(stampFile(), StandardCharsets.UTF_8).equals(stamp(java));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Extracts the jar afresh ({@code java -Djarmode=tools -jar app.jar extract --destination dir}).
   *
   * @throws IOException if it cannot, with the tool's output
   */
  public void extract(Path java) throws IOException, InterruptedException {
    if (Files.isDirectory(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(directory.getParent());
    Process extract =
        new ProcessBuilder(
                java.toString(),
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                directory.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
      extract.destroyForcibly();
      throw new IOException("Could not extract " + jar + ": " + output.strip());
    }
  }

  /**
   * The spec of the training run: the extracted jar, writing the archive at exit, exiting after
   * refresh.
   */
  public ServiceSpec trainingSpec(ServiceSpec spec) {
    return withJar(spec, spec.name() + "-training", kind.record + archive())
        .withSystemProperty("spring.context.exit", "onRefresh");
  }

  /** The spec that runs the extracted jar mapping the archive. */
  public ServiceSpec runSpec(ServiceSpec spec) {
    return withJar(spec, spec.name(), kind.use + archive());
  }

  /**
   * Checks what a training run left, and stamps the archive as made from this jar with this {@code
   * java}.
   *
   * @param training the training run, which has exited
   * @throws IOException if it wrote no archive, with the tail of its log
   */
  public void completeTraining(ServiceProcess training, Path java) throws IOException {
    if (training.isAlive() || !Files.isRegularFile(archive())) {
      throw new IOException(
          "The training run of "
              + training.name()
              + " wrote no "
              + archive().getFileName()
              + (training.isAlive() ? " in time" : " (exit " + training.exitValue() + ")")
              + ":\n"
              + training.logTail(20));
    }
    Files.writeString(stampFile(), stamp(java), StandardCharsets.UTF_8);
  }

  /**
   * Extracts and trains unless the archive is current, then returns the spec that maps it.
   *
   * @param spec the service as it would run from its jar
   * @param java the {@code java} that runs it (an archive fits one JVM)
   * @param launcher starts the training run (its log goes beside the service's)
   */
  public ServiceSpec prepare(ServiceSpec spec, Path java, ServiceLauncher launcher)
      throws IOException, InterruptedException {
    if (!isCurrent(java)) {
      Files.deleteIfExists(stampFile());
      extract(java);
      ServiceProcess training = launcher.start(trainingSpec(spec));
      try {
        training.onExit().get(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        training.kill();
      }
      completeTraining(training, java);
    }
    return runSpec(spec);
  }

  private ServiceSpec withJar(ServiceSpec spec, String name, String option) {
    List<String> options = new ArrayList<>(spec.jvmOptions());
    options.add(option);
    return new ServiceSpec(
        name, extractedJar(), spec.port(), options, spec.systemProperties(), spec.environment());
  }

  private Path stampFile() {
    return directory.resolve("trained-from.txt");
  }

  private String stamp(Path java) throws IOException {
    return jar
        + " "
        + Files.size(jar)
        + " "
        + Files.getLastModifiedTime(jar).toMillis()
        + "\n"
        + java.toAbsolutePath()
        + " "
        + Files.getLastModifiedTime(java.toRealPath()).toMillis()
        + "\n";
  }
}
