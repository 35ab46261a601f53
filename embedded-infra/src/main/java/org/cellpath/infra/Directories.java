package org.cellpath.infra;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File-system chores shared by the embedded servers. */
final class Directories {

  private Directories() {}

  /**
   * Deletes a directory tree, best effort: a file that cannot be removed is skipped, so that a
   * failing cleanup never hides the real outcome of a test or a shutdown.
   *
   * @return {@code true} if the whole tree is gone
   */
  static boolean deleteQuietly(Path root) {
    if (root == null || Files.notExists(root)) {
      return true;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
              deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return false;
    }
    return Files.notExists(root);
  }

  private static void deleteIfExists(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // Reported through the return value of deleteQuietly.
    }
  }
}
