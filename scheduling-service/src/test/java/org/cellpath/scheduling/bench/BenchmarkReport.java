package org.cellpath.scheduling.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a benchmark leaves its figures: {@code target/benchmark/<figure>.json} of the module, next
 * to the machine it ran on, so that a figure is never read without its cores and JDK.
 */
final class BenchmarkReport {

  private static final Path DIRECTORY = Path.of("target", "benchmark");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private BenchmarkReport() {}

  /** The machine a figure was measured on. */
  record Machine(int cores, String jdk, String os, long maxHeapMegabytes) {

    static Machine current() {
      Runtime runtime = Runtime.getRuntime();
      return new Machine(
          runtime.availableProcessors(),
          System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.arch"),
          runtime.maxMemory() / (1024 * 1024));
    }
  }

  /** Writes the figure as pretty JSON and returns the file. */
  static Path write(String figure, Object figures) {
    try {
      Files.createDirectories(DIRECTORY);
      Path file = DIRECTORY.resolve(figure + ".json");
      JSON.writeValue(file.toFile(), figures);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
