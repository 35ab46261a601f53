package org.cellpath.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the root of the CellPath checkout: the nearest directory, upwards, that holds {@code mvnw}.
 */
public final class RepoRoot {

  private static final String MARKER = "mvnw";

  private RepoRoot() {}

  /**
   * Searches from {@code start} upwards, {@code start} included.
   *
   * @param start a directory inside the checkout
   * @return the checkout root, if there is one above {@code start}
   */
  public static Optional<Path> findFrom(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /**
   * Searches from the working directory upwards.
   *
   * @return the checkout root
   * @throws IllegalStateException if the working directory is not inside a checkout
   */
  public static Path find() {
    Path workingDir = Path.of("").toAbsolutePath();
    return findFrom(workingDir)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No "
                        + MARKER
                        + " in "
                        + workingDir
                        + " or above: run from inside the CellPath checkout"));
  }
}
