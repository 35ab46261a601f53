package org.cellpath.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts service jars as child JVMs, each logging to {@code <logDir>/<name>.log}, and waits until
 * they are ready. Used by local-stack and by the end-to-end test.
 *
 * <p>The children run on the same {@code java} as this JVM, so a checkout built with one JDK is run
 * with it too.
 */
public final class ServiceLauncher {

  private static final Logger log = LoggerFactory.getLogger(ServiceLauncher.class);

  /**
   * Cold start of a Spring Boot service next to two others on 2 cores takes 20 to 40 s, and up to
   * twice that when other builds share the cores; a ceiling, not a wait.
   */
  public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(180);

  private final Path logDir;
  private final Path java;
  private final Duration readinessTimeout;

  /**
   * A launcher using this JVM's {@code java} and {@link #DEFAULT_READINESS_TIMEOUT}.
   *
   * @param logDir where the services' logs go; created if missing
   */
  public ServiceLauncher(Path logDir) {
    this(logDir, currentJava(), DEFAULT_READINESS_TIMEOUT);
  }

  /**
   * @param logDir where the services' logs go; created if missing
   * @param java the {@code java} executable for the children
   * @param readinessTimeout how long {@link #startAll(List)} waits for each service
   */
  public ServiceLauncher(Path logDir, Path java, Duration readinessTimeout) {
    this.logDir = Objects.requireNonNull(logDir, "logDir").toAbsolutePath();
    this.java = Objects.requireNonNull(java, "java");
    this.readinessTimeout = Objects.requireNonNull(readinessTimeout, "readinessTimeout");
  }

  /**
   * Returns the {@code java} executable running this JVM.
   *
   * @return its path, falling back to {@code $java.home/bin/java}
   */
  public static Path currentJava() {
    return ProcessHandle.current()
        .info()
        .command()
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  /** Returns the directory the services log to. */
  public Path logDir() {
    return logDir;
  }

  /**
   * Starts one service without waiting for it to be ready. Its log file is truncated first.
   *
   * @param spec what to run
   * @return the running process
   * @throws ServiceStartException if the jar is missing, the port is taken, or the process cannot
   *     start
   */
  public ServiceProcess start(ServiceSpec spec) {
    if (!Files.isRegularFile(spec.jar())) {
      throw new ServiceStartException(
          "No jar for "
              + spec.name()
              + " at "
              + spec.jar()
              + ": build it first (./mvnw -DskipTests install)");
    }
    if (!isPortFree(spec.port())) {
      // Otherwise another process on that port (an older run, an IDE) would answer the readiness
      // probe.
      throw new ServiceStartException(
          "Port "
              + spec.port()
              + " for "
              + spec.name()
              + " is already in use: stop whatever listens there or choose another port");
    }
    Path logFile = logDir.resolve(spec.name() + ".log");
    try {
      Files.createDirectories(logDir);
      ProcessBuilder builder =
          new ProcessBuilder(spec.command(java))
              .directory(spec.jar().toAbsolutePath().getParent().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
      builder.environment().putAll(spec.environment());
      Process process = builder.start();
      log.info("Started {} as pid {}, logging to {}", spec.name(), process.pid(), logFile);
      return new ServiceProcess(spec, process, logFile);
    } catch (IOException e) {
      throw new ServiceStartException("Could not start " + spec.name() + " with " + java, e);
    }
  }

  /**
   * Starts all services at once and waits until every one is ready. If any fails, stops all of them
   * before throwing, so that a failed start leaves no process behind.
   *
   * @param specs what to run
   * @return the ready processes, in the order of {@code specs}
   * @throws ServiceStartException naming the first service that failed, with its log tail
   */
  public List<ServiceProcess> startAll(List<ServiceSpec> specs) {
    List<ServiceProcess> started = new ArrayList<>();
    try {
      for (ServiceSpec spec : specs) {
        started.add(start(spec));
      }
      awaitAllReady(started);
      return List.copyOf(started);
    } catch (RuntimeException e) {
      stopAll(started);
      throw e;
    }
  }

  /**
   * Waits, in parallel, until every service is ready. Stops nothing: on failure the caller decides.
   *
   * @param services started services
   * @throws ServiceStartException naming the first service (in list order) that failed, with its
   *     log tail
   */
  public void awaitAllReady(List<ServiceProcess> services) {
    List<CompletableFuture<Void>> readiness =
        services.stream()
            .map(
                service ->
                    CompletableFuture.runAsync(
                        () -> service.awaitReady(readinessTimeout),
                        inNewThread("await-" + service.name())))
            .toList();
    for (CompletableFuture<Void> ready : readiness) {
      try {
        ready.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
  }

  /**
   * Stops services in parallel (each with {@link ServiceProcess#DEFAULT_STOP_GRACE}) and waits for
   * all.
   *
   * @param services the services to stop
   */
  public static void stopAll(List<ServiceProcess> services) {
    List<CompletableFuture<Void>> stopping =
        services.stream()
            .map(
                service ->
                    CompletableFuture.runAsync(
                        service::close, inNewThread("stop-" + service.name())))
            .toList();
    stopping.forEach(CompletableFuture::join);
  }

  /**
   * One named daemon thread per task: the common pool has a single worker on 2 cores, which would
   * wait for the services one after another.
   */
  private static Executor inNewThread(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.start();
    };
  }

  static boolean isPortFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
