package org.cellpath.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a JDK of a given version beside the one running the build: the build and the services run
 * on JDK 17, while Keycloak 26 needs 21 and the benchmark's AOT cache needs 25.
 */
public final class Jdks {

  /** Where Debian and Temurin's packages install JDKs. */
  static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

  private Jdks() {}

  /**
   * Returns the {@code java} of a JDK whose feature version is at least {@code feature}. Looks, in
   * this order, at {@code JAVA<feature>_HOME} and {@code JAVA25_HOME} (the benchmark's), at this
   * JVM, and at every JDK in {@code /usr/lib/jvm}, newest first.
   *
   * @param feature the lowest feature version, such as 21
   * @return its {@code bin/java}, if this machine has one
   */
  public static Optional<Path> atLeast(int feature) {
    List<Path> homes = new ArrayList<>();
    Stream.of("JAVA" + feature + "_HOME", "JAVA25_HOME")
        .map(System::getenv)
        .filter(home -> home != null)
        .forEach(home -> homes.add(Path.of(home)));
    homes.add(Path.of(System.getProperty("java.home")));
    try (Stream<Path> installed = Files.list(JVM_DIRECTORY)) {
      installed.sorted(Comparator.comparingInt(Jdks::featureOfHome).reversed()).forEach(homes::add);
    } catch (IOException e) {
      // no /usr/lib/jvm: only the variables and this JVM
    }
    return homes.stream()
        .filter(home -> featureOfHome(home) >= feature)
        .map(home -> home.resolve("bin/java"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Returns the JDK's version from its {@code release} file ({@code bin/java}'s grandparent), else
   * this JVM's.
   *
   * @param java a JDK's {@code bin/java}
   * @return such as {@code 25.0.1}
   */
  public static String version(Path java) {
    return releaseVersion(home(java)).orElse(System.getProperty("java.version"));
  }

  /**
   * Returns the JDK home of a {@code bin/java}.
   *
   * @param java a JDK's {@code bin/java}
   * @return the directory {@code JAVA_HOME} should name
   */
  public static Path home(Path java) {
    return java.toAbsolutePath().getParent().getParent();
  }

  static int featureOfHome(Path home) {
    return releaseVersion(home).map(Jdks::feature).orElse(-1);
  }

  static int feature(String version) {
    String major = version.split("[.+-]")[0];
    try {
      return Integer.parseInt(major.equals("1") ? version.split("\\.")[1] : major);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return -1;
    }
  }

  private static Optional<String> releaseVersion(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          return Optional.of(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
        }
      }
    } catch (IOException e) {
      // no release file: not a JDK image
    }
    return Optional.empty();
  }
}
