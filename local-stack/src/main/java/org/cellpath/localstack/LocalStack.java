package org.cellpath.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.cellpath.infra.DevTokenIssuer;
import org.cellpath.infra.EmbeddedKafka;
import org.cellpath.infra.EmbeddedPostgresServer;

/**
 * Runs a whole CellPath system on one machine without Docker: the in-process Kafka broker, embedded
 * PostgreSQL, a mail catcher, and the three services as child JVMs. Broker and database data are
 * kept under {@code .local-stack/} in the checkout, so they survive a restart. Ctrl-C stops
 * everything, services first.
 *
 * <p>Ports come from environment variables: {@code KAFKA_PORT} (9092), {@code POSTGRES_PORT}
 * (5433), {@code SMTP_PORT} (2525), {@code MAIL_UI_PORT} (8025), {@code SMS_PORT} (8026, the SMS
 * catcher, which is notification-service's SMS provider and shows what it received), {@code
 * TOKEN_ISSUER_PORT} (8090, a token issuer for local development only: any role, no login), {@code
 * CONSOLE_PORT} (8084, the web console); the services listen on 8081, 8082 and 8083.
 */
public final class LocalStack {

  /** System property naming the log directory; read by this module's logback.xml. */
  static final String LOG_DIR_PROPERTY = "cellpath.localstack.logdir";

  /**
   * The role the services connect as, which owns nothing; their migrations run as the superuser,
   * who owns the tables and grants it what it needs (ADR 24). Local runs use the two roles a
   * deployment uses, so that a table a migration forgets to make usable, or a change of the audit
   * trail, fails here first.
   */
  static final String APPLICATION_ROLE = "cellpath_app";

  /** Kafka and PostgreSQL take seconds to start; a stop request waits for a start in progress. */
  private static final long STEP_WAIT_SECONDS = 90;

  private final Path repoRoot;
  private final Path stateDir;
  private final Path logDir;
  private final Ports ports;
  private final PrintStream out;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final Deque<Resource> running = new ArrayDeque<>();
  private final List<ServiceProcess> services = new ArrayList<>();
  private volatile boolean stopping;

  /**
   * The ports local-stack binds.
   *
   * @param kafka the broker's client port
   * @param postgres the database server's port
   * @param smtp the mail catcher's SMTP port
   * @param mailUi the mail catcher's web page
   * @param sms the SMS catcher: provider API and web page
   * @param tokens the local development token issuer
   * @param console the web console
   */
  record Ports(int kafka, int postgres, int smtp, int mailUi, int sms, int tokens, int console) {

    static Ports fromEnvironment(Map<String, String> env) {
      return new Ports(
          port(env, "KAFKA_PORT", 9092),
          port(env, "POSTGRES_PORT", 5433),
          port(env, "SMTP_PORT", 2525),
          port(env, "MAIL_UI_PORT", 8025),
          port(env, "SMS_PORT", 8026),
          port(env, "TOKEN_ISSUER_PORT", 8090),
          port(env, "CONSOLE_PORT", WebConsole.DEFAULT_PORT));
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        return defaultPort;
      }
      try {
        int port = Integer.parseInt(value.strip());
        if (port > 0 && port <= 65_535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw new IllegalArgumentException(
          name + " must be a port number between 1 and 65535, got: " + value);
    }
  }

  /** Something started that {@link #stop()} must stop; {@code name} is printed when it is. */
  private record Resource(String name, AutoCloseable handle) {}

  LocalStack(Path repoRoot, Ports ports, PrintStream out) {
    this.repoRoot = repoRoot;
    this.stateDir = repoRoot.resolve(".local-stack");
    this.logDir = stateDir.resolve("logs");
    this.ports = ports;
    this.out = out;
  }

  /**
   * Starts the stack and blocks until the JVM is asked to stop. Exits with status 1 if startup
   * fails (after stopping what had started), 2 if the settings are wrong.
   *
   * @param args ignored
   * @throws InterruptedException if the main thread is interrupted while waiting
   */
  public static void main(String[] args) throws InterruptedException {
    Path repoRoot;
    Ports ports;
    try {
      repoRoot = RepoRoot.find();
      ports = Ports.fromEnvironment(System.getenv());
    } catch (RuntimeException e) {
      System.err.println("local-stack: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Before the first logger exists: logback.xml writes local-stack.log there.
    System.setProperty(
        LOG_DIR_PROPERTY, repoRoot.resolve(".local-stack").resolve("logs").toString());

    LocalStack stack = new LocalStack(repoRoot, ports, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
    try {
      stack.start();
    } catch (RuntimeException e) {
      if (stack.stopping) {
        // Ctrl-C during startup: the shutdown hook is already stopping everything.
        return;
      }
      System.err.println();
      System.err.println("local-stack failed to start: " + e.getMessage());
      System.err.println("Logs: " + stack.logDir);
      stack.stop();
      System.exit(1);
      return;
    }
    stack.printBanner();
    // Everything runs on other threads and in other processes; the shutdown hook stops it all.
    new CountDownLatch(1).await();
  }

  void start() {
    long startedAt = System.nanoTime();
    out.println("CellPath local stack, data and logs in " + stateDir);

    EmbeddedKafka kafka =
        step(
            "Kafka",
            "on port " + ports.kafka(),
            () -> EmbeddedKafka.start(ports.kafka(), stateDir.resolve("kafka")));
    EmbeddedPostgresServer postgres =
        step(
            "PostgreSQL",
            "on port " + ports.postgres(),
            () -> {
              EmbeddedPostgresServer server =
                  EmbeddedPostgresServer.start(
                      ports.postgres(),
                      stateDir.resolve("postgres"),
                      logDir.resolve("postgres.log"));
              try {
                for (CellPathService service : CellPathService.values()) {
                  server.createDatabaseIfMissing(service.databaseName());
                }
                server.createRoleIfMissing(APPLICATION_ROLE);
              } catch (RuntimeException e) {
                server.close();
                throw e;
              }
              return server;
            });
    MailCatcher mail =
        step(
            "mail catcher",
            "on SMTP port " + ports.smtp() + ", web page on port " + ports.mailUi(),
            () -> MailCatcher.start(ports.smtp(), ports.mailUi()));
    SmsCatcher sms =
        step("SMS catcher", "on port " + ports.sms(), () -> SmsCatcher.start(ports.sms()));
    DevTokenIssuer tokens =
        step(
            "token issuer (local development only)",
            "on port " + ports.tokens(),
            () -> DevTokenIssuer.start(ports.tokens()));

    ServiceConnections connections =
        new ServiceConnections(
            kafka.bootstrapServers(), "localhost", mail.smtpPort(), "", tokens.jwkSetUri());
    List<ServiceSpec> specs = new ArrayList<>();
    for (CellPathService service : CellPathService.values()) {
      ServiceDatabase database =
          new ServiceDatabase(
              postgres.jdbcUrl(service.databaseName()),
              APPLICATION_ROLE,
              postgres.password(),
              postgres.username(),
              postgres.password());
      ServiceSpec spec = service.spec(repoRoot, service.defaultPort(), connections, database);
      if (service == CellPathService.NOTIFICATION) {
        spec = spec.withEnv("SMS_PROVIDER_URL", sms.providerUrl().toString());
      }
      specs.add(spec);
    }
    // The console calls the services only when someone opens a page, so it starts alongside them.
    specs.add(
        WebConsole.spec(
            repoRoot,
            ports.console(),
            specs.get(0).baseUrl(),
            specs.get(1).baseUrl(),
            specs.get(2).baseUrl(),
            WebConsole.issuerUrl(tokens)));
    startServices(withClassDataArchives(specs));
    out.printf(
        "Everything is up after %d s.%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt));
  }

  /**
   * Each service to run from its extracted jar with a class-data archive (AppCDS on JDK 17, the AOT
   * cache on JDK 25), which halves its start-up; the archives live in {@code
   * .local-stack/class-data/} and are trained again, by a short run that stops once the application
   * context has refreshed, on the first start after a build. {@code LOCAL_STACK_CDS=false} runs the
   * jars as they are. A service whose training fails starts from its jar.
   */
  private List<ServiceSpec> withClassDataArchives(List<ServiceSpec> specs) {
    if ("false".equalsIgnoreCase(System.getenv().getOrDefault("LOCAL_STACK_CDS", "true"))) {
      return specs;
    }
    Path java = ServiceLauncher.currentJava();
    ClassDataArchive.Kind kind = ClassDataArchive.Kind.forJdk(Runtime.version().feature());
    ServiceLauncher trainer = new ServiceLauncher(logDir);
    List<ClassDataArchive> archives =
        specs.stream()
            .map(
                spec ->
                    new ClassDataArchive(
                        stateDir.resolve("class-data").resolve(spec.name()), kind, spec.jar()))
            .toList();
    long stale = archives.stream().filter(archive -> !archive.isCurrent(java)).count();
    if (stale > 0) {
      out.printf(
          "Making class-data archives for %d of %d processes (once after each build; "
              + "LOCAL_STACK_CDS=false skips it) ...%n",
          stale, specs.size());
    }
    long startedAt = System.nanoTime();
    // One thread per process: the common pool has a single thread on 2 cores, and the runs mostly
    // wait.
    ExecutorService training = Executors.newFixedThreadPool(specs.size());
    List<CompletableFuture<ServiceSpec>> prepared = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ServiceSpec spec = specs.get(i);
      ClassDataArchive archive = archives.get(i);
      prepared.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return archive.prepare(spec, java, trainer);
                } catch (IOException | RuntimeException e) {
                  out.printf(
                      "  %s: no class-data archive, starting from its jar (%s)%n",
                      spec.name(), e.getMessage().lines().findFirst().orElse(""));
                  return spec;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return spec;
                }
              },
              training));
    }
    List<ServiceSpec> result = prepared.stream().map(CompletableFuture::join).toList();
    training.shutdown();
    if (stale > 0) {
      out.printf("  class-data archives made in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
    }
    return result;
  }

  /**
   * Launches the services, registering each for {@link #stop()} as soon as its process exists, then
   * waits for all of them outside the lock, so that Ctrl-C during the wait stops them at once.
   */
  private void startServices(List<ServiceSpec> specs) {
    ServiceLauncher launcher = new ServiceLauncher(logDir);
    long startedAt = System.nanoTime();
    lifecycle.lock();
    try {
      requireNotStopping();
      out.printf(
          "Starting %d services and the web console, logs in %s ...%n", specs.size() - 1, logDir);
      for (ServiceSpec spec : specs) {
        ServiceProcess service = launcher.start(spec);
        services.add(service);
      }
      List<ServiceProcess> launched = List.copyOf(services);
      running.push(new Resource("services", () -> stopServices(launched)));
    } finally {
      lifecycle.unlock();
    }
    launcher.awaitAllReady(services);
    for (ServiceProcess service : services) {
      service
          .onExit()
          .thenAccept(
              exited -> {
                if (!stopping) {
                  out.printf(
                      "%s exited with code %d; see %s%n",
                      exited.name(), exited.exitValue(), exited.logFile());
                }
              });
    }
    out.printf("  services ready in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
  }

  private void stopServices(List<ServiceProcess> toStop) {
    ServiceLauncher.stopAll(toStop);
    for (ServiceProcess service : toStop) {
      out.printf("Stopped %s (pid %d)%n", service.name(), service.pid());
    }
  }

  /**
   * Starts one piece under the lifecycle lock and records it for {@link #stop()}, so that a stop
   * request never returns while a server it does not know about is still coming up.
   */
  private <T extends AutoCloseable> T step(String name, String where, Supplier<T> starter) {
    lifecycle.lock();
    try {
      requireNotStopping();
      out.printf("Starting %s %s ...%n", name, where);
      long startedAt = System.nanoTime();
      T started = starter.get();
      running.push(new Resource(name, started));
      out.printf("  %s ready in %.1f s%n", name, (System.nanoTime() - startedAt) / 1e9);
      return started;
    } finally {
      lifecycle.unlock();
    }
  }

  private void requireNotStopping() {
    if (stopping) {
      throw new IllegalStateException("stop requested while starting");
    }
  }

  /**
   * Stops everything started so far, newest first: services, SMS catcher, mail catcher, PostgreSQL,
   * Kafka. Safe to call more than once, from the shutdown hook and while {@link #start()} is
   * running.
   */
  void stop() {
    stopping = true;
    boolean locked = false;
    try {
      locked = lifecycle.tryLock(STEP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (running.isEmpty()) {
        return;
      }
      out.println();
      out.println("Stopping the CellPath local stack ...");
      while (!running.isEmpty()) {
        Resource resource = running.pop();
        try {
          resource.handle().close();
          if (!"services".equals(resource.name())) {
            out.println("Stopped " + resource.name());
          }
        } catch (Exception e) {
          out.println("Could not stop " + resource.name() + ": " + e.getMessage());
        }
      }
      out.println("All stopped.");
      out.flush();
    } finally {
      if (locked) {
        lifecycle.unlock();
      }
    }
  }

  void printBanner() {
    out.println();
    out.println("CellPath is running.");
    out.println();
    for (ServiceProcess service : services) {
      if (WebConsole.NAME.equals(service.name())) {
        out.printf(
            "  %-21s %s/ (sign in as a physician, reviewer, scheduler or admin)%n",
            "Web console", service.baseUrl());
        out.println();
      }
    }
    for (ServiceProcess service : services) {
      if (WebConsole.NAME.equals(service.name())) {
        continue;
      }
      out.printf("  %-21s %s%n", service.name(), service.baseUrl());
      out.printf("  %-21s %s/swagger-ui.html%n", "", service.baseUrl());
      out.printf("  %-21s %s/actuator/health%n", "", service.baseUrl());
    }
    out.println();
    out.printf("  %-21s localhost:%d%n", "Kafka", ports.kafka());
    out.printf(
        "  %-21s jdbc:postgresql://localhost:%d/{referral,scheduling,notification} (user postgres, trust;"
            + " the services connect as %s)%n",
        "PostgreSQL", ports.postgres(), APPLICATION_ROLE);
    out.printf("  %-21s localhost:%d (any recipient, no authentication)%n", "SMTP", ports.smtp());
    out.printf("  %-21s http://localhost:%d/%n", "Mail catcher", ports.mailUi());
    out.printf(
        "  %-21s http://localhost:%d/ (JSON: /api/sms; provider API: POST /messages, any key)%n",
        "SMS catcher", ports.sms());
    out.printf(
        "  %-21s http://localhost:%d/token?role=PHYSICIAN&npi=1234567893 (local development only; role: "
            + "PHYSICIAN, REVIEWER, SCHEDULER or ADMIN)%n",
        "Tokens", ports.tokens());
    out.printf("  %-21s %s%n", "Logs", logDir);
    out.println();
    out.println("First referral:");
    out.println(firstReferralExample().stripTrailing());
    out.println();
    out.println("Press Ctrl-C to stop everything.");
    out.flush();
  }

  /** Returns the ready-to-paste example shipped in the jar as {@code first-referral.sh.txt}. */
  static String firstReferralExample() {
    try (InputStream in = LocalStack.class.getResourceAsStream("/first-referral.sh.txt")) {
      return in == null
          ? "(first-referral.sh.txt is missing from the jar)"
          : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
