package org.cellpath.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service running as a child process, started by {@link ServiceLauncher}. Its stdout and stderr
 * go to {@link #logFile()}.
 *
 * <p>{@link #close()} stops it gracefully (SIGTERM, so Spring Boot's graceful shutdown finishes
 * in-flight work and commits Kafka offsets) and forcibly after a grace period, together with any
 * process it started.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

  /**
   * Long enough for graceful shutdown (Spring Boot's default phase timeout is 30 s, rarely needed).
   */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final int LOG_TAIL_LINES = 40;

  private final ServiceSpec spec;
  private final Process process;
  private final Path logFile;
  private final HttpClient http;

  ServiceProcess(ServiceSpec spec, Process process, Path logFile) {
    this.spec = spec;
    this.process = process;
    this.logFile = logFile;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  }

  /** Returns the service name. */
  public String name() {
    return spec.name();
  }

  /** Returns the HTTP port. */
  public int port() {
    return spec.port();
  }

  /** Returns {@code http://localhost:<port>}. */
  public URI baseUrl() {
    return spec.baseUrl();
  }

  /** Returns the operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** Returns the file that receives the service's stdout and stderr. */
  public Path logFile() {
    return logFile;
  }

  /** Returns whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes with this object when the process exits, for whatever reason. */
  public CompletableFuture<ServiceProcess> onExit() {
    return process.onExit().thenApply(exited -> this);
  }

  /**
   * Returns the exit code of the process.
   *
   * @throws IllegalStateException if it is still running
   */
  public int exitValue() {
    return process.exitValue();
  }

  /**
   * Waits until the readiness probe answers HTTP 200.
   *
   * @param timeout how long to wait
   * @throws ServiceStartException if the process exits first or the timeout passes; the message
   *     carries the tail of the service's log
   */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest probe =
        HttpRequest.newBuilder(spec.readinessUrl()).timeout(Duration.ofSeconds(2)).GET().build();
    String lastAnswer = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new ServiceStartException(
            name()
                + " exited with code "
                + process.exitValue()
                + " before it was ready. Last lines of "
                + logFile
                + ":\n"
                + logTail(LOG_TAIL_LINES));
      }
      try {
        HttpResponse<Void> response = http.send(probe, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
        lastAnswer = "HTTP " + response.statusCode();
      } catch (ConnectException e) {
        lastAnswer = "connection refused";
      } catch (IOException e) {
        lastAnswer = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServiceStartException("Interrupted while waiting for " + name());
      }
      // Waiting on the process doubles as the pause between probes and notices an exit at once.
      waitForExit(POLL_INTERVAL);
    }
    throw new ServiceStartException(
        name()
            + " was not ready within "
            + timeout.toSeconds()
            + " s ("
            + spec.readinessUrl()
            + ": "
            + lastAnswer
            + "). Last lines of "
            + logFile
            + ":\n"
            + logTail(LOG_TAIL_LINES));
  }

  /**
   * Returns the last lines of the service's log, for failure messages.
   *
   * @param lines how many lines at most
   * @return the lines joined by newlines, or a note if the log cannot be read
   */
  public String logTail(int lines) {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      // Read at most the last 64 KiB: enough for the lines wanted, cheap for a large log.
      long start = Math.max(0, file.length() - 65_536);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the service: SIGTERM to it and its descendants, then, after {@code grace}, SIGKILL to
   * whatever is left.
   *
   * @param grace how long to wait for a graceful exit
   * @return {@code true} if everything exited within the grace period
   */
  public boolean stop(Duration grace) {
    boolean graceful = ProcessTree.stop(process, grace);
    if (!graceful) {
      log.warn(
          "{} (pid {}) did not stop within {} s; it was killed", name(), pid(), grace.toSeconds());
    }
    return graceful;
  }

  /**
   * Kills the service at once with SIGKILL, as a crash or an out-of-memory killer would: no
   * shutdown hook runs, no transaction is finished, no offset is committed. Waits until the process
   * is gone.
   */
  public void kill() {
    ProcessTree.kill(process);
  }

  /** Stops the service with {@link #DEFAULT_STOP_GRACE}. */
  @Override
  public void close() {
    stop(DEFAULT_STOP_GRACE);
  }

  @Override
  public String toString() {
    return name() + " (pid " + pid() + ", " + baseUrl() + ")";
  }

  private boolean waitForExit(Duration timeout) {
    return ProcessTree.waitForExit(process, timeout);
  }
}
