package org.cellpath.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka broker in a child JVM ({@link BrokerMain}) on a fixed port and data directory: stopped
 * cleanly (SIGTERM, as an operator's restart does) or killed (SIGKILL: no flush, no controlled
 * shutdown), and started again on the same data, as many times as a test likes.
 */
final class BrokerProcess implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(90);

  private final int port;
  private final Path data;
  private final Path log;
  private final Map<String, String> settings;
  private Process process;

  BrokerProcess(int port, Path data, Path log, Map<String, String> settings) {
    this.port = port;
    this.data = data;
    this.log = log;
    this.settings = Map.copyOf(settings);
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  synchronized void start() {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                BrokerMain.class.getName(),
                Integer.toString(port),
                data.toString()));
    settings.forEach((key, value) -> command.add(key + "=" + value));
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the broker process", e);
    }
    awaitReady();
  }

  /** SIGTERM, and wait for the clean shutdown. */
  synchronized void stop() {
    end(false);
  }

  /** SIGKILL: whatever the broker had not written to disk is gone. */
  synchronized void kill() {
    end(true);
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    stop();
  }

  private void end(boolean kill) {
    if (process == null) {
      return;
    }
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3_000))) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The broker process exited with " + process.exitValue() + "; see " + log);
        }
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          // Not listening yet: ask again.
        }
      }
    }
    throw new IllegalStateException("The broker did not answer within " + READY + "; see " + log);
  }
}
