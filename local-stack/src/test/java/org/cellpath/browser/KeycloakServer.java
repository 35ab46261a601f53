package org.cellpath.browser;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.cellpath.infra.FreePorts;
import org.cellpath.localstack.Jdks;
import org.cellpath.localstack.OidcSignIn;
import org.cellpath.localstack.ProcessTree;
import org.cellpath.localstack.RepoRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak as docker-compose runs it, without Docker: Maven Central's server distribution (unpacked
 * by the build into {@code local-stack/target/keycloak}, system property {@code keycloak.home})
 * started as a child process with {@code kc.sh start-dev}, the repository's realm ({@code
 * docker/keycloak/cellpath-realm.json}) imported, health checks on, on free ports of the loopback
 * interface, with an in-memory database, so each run starts from the realm file.
 *
 * <p>As under docker-compose, the browser and the CellPath processes reach Keycloak at different
 * addresses: the browser at {@code http://localhost:<port>}, its configured hostname and so the
 * issuer of every token, the console and the services at {@code http://127.0.0.1:<port>}
 * (back-channel URLs follow the request).
 */
final class KeycloakServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);

  /** The realm of docker-compose, and its web console client. */
  static final String REALM = "cellpath";

  static final String CONSOLE_CLIENT = "cellpath-web-console";

  /** Keycloak 26 runs on Java 21 or later. */
  static final int JAVA_FEATURE = 21;

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** Keycloak's placeholder for an environment variable with a default: {@code ${NAME:default}}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_]+:([^}]*)}");

  private final Process process;
  private final Path logFile;
  private final int port;
  private final int managementPort;
  private final long startedAt = System.nanoTime();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Duration readyAfter;

  private KeycloakServer(Process process, Path logFile, int port, int managementPort) {
    this.process = process;
    this.logFile = logFile;
    this.port = port;
    this.managementPort = managementPort;
  }

  /** The unpacked distribution the build names, if it names one. */
  static Optional<Path> home() {
    return Optional.ofNullable(System.getProperty("keycloak.home")).map(Path::of);
  }

  /**
   * Why Keycloak cannot run on this machine, if it cannot: no distribution, or no Java 21 or later.
   */
  static Optional<String> unavailable() {
    Optional<Path> home = home();
    if (home.isEmpty()) {
      return Optional.of(
          "No Keycloak distribution: the system property keycloak.home is not set "
              + "(run the test through Maven: scripts/keycloak-tests.sh or ./mvnw -Pkeycloak-tests verify)");
    }
    if (!Files.isRegularFile(home.get().resolve("bin/kc.sh"))) {
      return Optional.of(
          "No Keycloak distribution at "
              + home.get()
              + ": the profile keycloak-tests unpacks "
              + "org.keycloak:keycloak-quarkus-dist there (./mvnw -Pkeycloak-tests verify)");
    }
    if (Jdks.atLeast(JAVA_FEATURE).isEmpty()) {
      return Optional.of(
          "Keycloak needs Java "
              + JAVA_FEATURE
              + " or later and none was found "
              + "(set JAVA21_HOME or JAVA25_HOME, or install one under /usr/lib/jvm)");
    }
    return Optional.empty();
  }

  /**
   * Starts Keycloak without waiting for it: {@link #awaitReady(Duration)} does. The realm file is
   * copied into a fresh {@code data/import} of the distribution.
   *
   * @param logFile where Keycloak's output goes (truncated first)
   */
  static KeycloakServer start(Path logFile) {
    Path home = home().orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
    Path java =
        Jdks.atLeast(JAVA_FEATURE)
            .orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
    int port = FreePorts.pick();
    int managementPort = FreePorts.pick();
    try {
      deleteTree(home.resolve("data"));
      Path imports = Files.createDirectories(home.resolve("data/import"));
      Files.copy(
          realmFile(),
          imports.resolve(realmFile().getFileName()),
          StandardCopyOption.REPLACE_EXISTING);
      Files.createDirectories(logFile.getParent());
      List<String> command =
          new ArrayList<>(
              List.of(
                  "bash",
                  home.resolve("bin/kc.sh").toString(),
                  "start-dev",
                  "--import-realm",
                  "--db=dev-mem",
                  "--health-enabled=true",
                  "--http-host=127.0.0.1",
                  "--http-port=" + port,
                  "--http-management-port=" + managementPort,
                  "--hostname=http://localhost:" + port,
                  "--hostname-backchannel-dynamic=true"));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
      builder.environment().put("JAVA_HOME", Jdks.home(java).toString());
      // Quick JIT, as the services get in tests: the start is what costs here. And JBoss Threads
      // resets thread locals
      // through java.lang internals, which Java 24 and later close by default.
      builder
          .environment()
          .put(
              "JAVA_OPTS_APPEND",
              "-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED");
      Process process = builder.start();
      log.info(
          "Started Keycloak {} on Java {} as pid {}, http port {}, logging to {}",
          home.getFileName(),
          Jdks.version(java),
          process.pid(),
          port,
          logFile);
      return new KeycloakServer(process, logFile, port, managementPort);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start Keycloak from " + home, e);
    }
  }

  /** The realm docker-compose imports. */
  static Path realmFile() {
    return RepoRoot.find().resolve("docker/keycloak/cellpath-realm.json");
  }

  /**
   * A client's secret as Keycloak imports it here: the realm file's placeholder ({@code
   * ${OIDC_CLIENT_SECRET:...}}, which docker compose fills from .env) falls back to its local demo
   * value, since this Keycloak is given no such variable.
   */
  static String clientSecret(String clientId) {
    try {
      JsonNode realm = JsonMapper.builder().build().readTree(Files.readString(realmFile()));
      for (JsonNode client : realm.get("clients")) {
        if (clientId.equals(client.get("clientId").asString())) {
          return PLACEHOLDER.matcher(client.get("secret").asString()).replaceAll("$1");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("No client " + clientId + " in " + realmFile());
  }

  /**
   * Waits until Keycloak reports itself ready (realm imported, {@code /health/ready} answers 200).
   *
   * @throws IllegalStateException if it exits first or is not ready in time, with the tail of its
   *     log
   */
  void awaitReady(Duration timeout) {
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      await("Keycloak ready")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .failFast("Keycloak exited", () -> !process.isAlive())
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    } catch (ConditionTimeoutException | TerminalFailureException failed) {
      throw new IllegalStateException(
          failed.getMessage() + ". Last lines of " + logFile + ":\n" + logTail(), failed);
    }
    readyAfter = Duration.ofNanos(System.nanoTime() - startedAt);
    log.info("Keycloak ready after {} s", readyAfter.toMillis() / 1000.0);
  }

  /** From start to ready. */
  Duration readyAfter() {
    return readyAfter;
  }

  /** The realm's endpoints and the console's client, as the console is given them. */
  OidcSignIn consoleSignIn() {
    return OidcSignIn.keycloak(
        publicUrl(), internalUrl(), REALM, CONSOLE_CLIENT, clientSecret(CONSOLE_CLIENT));
  }

  /** Keycloak as the browser reaches it: its configured hostname. */
  URI publicUrl() {
    return URI.create("http://localhost:" + port);
  }

  /** Keycloak as the console and the services reach it. */
  URI internalUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Stops Keycloak (SIGTERM to {@code kc.sh} and its JVM, by process id; SIGKILL after a grace
   * period).
   */
  @Override
  public void close() {
    if (!ProcessTree.stop(process, STOP_GRACE)) {
      log.warn(
          "Keycloak (pid {}) did not stop within {} s; it was killed",
          process.pid(),
          STOP_GRACE.toSeconds());
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
