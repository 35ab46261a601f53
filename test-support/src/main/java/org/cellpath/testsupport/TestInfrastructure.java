package org.cellpath.testsupport;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one Kafka broker and the one PostgreSQL server that all integration tests of a JVM share.
 *
 * <p>The source is chosen once per JVM ({@link #mode()}): first the {@code CELLPATH_TEST_*}
 * environment variables (see {@link ExternalInfrastructure}), then Testcontainers if a Docker
 * engine answers, otherwise the embedded broker and database of {@code embedded-infra}. Each server
 * is started on first use, so the first caller pays its start time (embedded: about 3 s for Kafka
 * and 2 s for PostgreSQL on the 2-core machine) and every later caller gets it at once.
 *
 * <p>Tests share the servers but not their data: {@link #newDatabase(String)} creates a fresh
 * database per caller, and {@link IntegrationTest} gives every application context its own database
 * and topic prefix.
 *
 * <p>Everything started here is stopped by a JVM shutdown hook, which first waits (up to 20 s) for
 * the application contexts that {@link IntegrationTest} set up to close, so that no consumer loses
 * its broker while it shuts down. Databases created on an external server are dropped at the same
 * time.
 */
public final class TestInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

  private static final char[] NAME_CHARACTERS =
      "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int SUFFIX_LENGTH = 8;

  /** PostgreSQL identifiers are cut at 63 bytes; leave room for {@code _} and the suffix. */
  private static final int MAX_PREFIX_LENGTH = 63 - 1 - SUFFIX_LENGTH;

  private static final Object LOCK = new Object();
  private static InfrastructureMode mode;
  private static ExternalInfrastructure external;
  private static InfrastructureProvider provider;
  private static final List<String> externalDatabases = new ArrayList<>();
  private static final List<String> externalRoles = new ArrayList<>();
  private static final List<WeakReference<ConfigurableApplicationContext>> contexts =
      new CopyOnWriteArrayList<>();

  /**
   * Closing a context with Kafka consumers takes a few seconds; one that never closes must not hang
   * the JVM.
   */
  private static final Duration CONTEXT_CLOSE_WAIT = Duration.ofSeconds(20);

  private TestInfrastructure() {}

  /**
   * Connection settings of one freshly created, empty database.
   *
   * @param jdbcUrl URL of that database
   * @param username a user that owns or may use it
   * @param password that user's password
   */
  public record Database(String jdbcUrl, String username, String password) {

    public Database {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    /** Keeps the password out of test reports and logs. */
    @Override
    public String toString() {
      return "Database[" + jdbcUrl + ", username=" + username + "]";
    }
  }

  /**
   * One fresh database and the two roles a deployment runs a service with.
   *
   * @param owner the role that owns the database (and so the schema and every table migrations
   *     create)
   * @param application a role that owns nothing and may only connect, until migrations grant it
   *     more
   */
  public record DatabaseWithRoles(Database owner, Database application) {

    public DatabaseWithRoles {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(application, "application");
    }
  }

  /**
   * Returns where this JVM's tests get Kafka and PostgreSQL from, deciding it on the first call.
   * Starts nothing; with no external settings the first call asks Docker whether an engine runs.
   *
   * @return the mode, the same for the life of the JVM
   * @throws IllegalStateException if only some of the external environment variables are set
   */
  public static InfrastructureMode mode() {
    synchronized (LOCK) {
      if (mode == null) {
        Optional<ExternalInfrastructure> fromEnvironment =
            ExternalInfrastructure.fromEnvironment(System.getenv());
        mode =
            InfrastructureMode.select(
                fromEnvironment, () -> DockerClientFactory.instance().isDockerAvailable());
        external = fromEnvironment.orElse(null);
        log.info(
            "Integration tests use {} Kafka and PostgreSQL", mode.name().toLowerCase(Locale.ROOT));
      }
      return mode;
    }
  }

  /**
   * Returns the shared broker's bootstrap servers, starting the broker on first use.
   *
   * @return a {@code host:port} list for {@code bootstrap.servers}
   */
  public static String kafkaBootstrapServers() {
    return provider().kafkaBootstrapServers();
  }

  /**
   * Creates an empty database with a unique name on the shared server, starting the server on first
   * use. Use one per application context or child process, so that tests never see each other's
   * rows.
   *
   * @param prefix the start of the database name, for telling databases apart when debugging (such
   *     as the service name); lower-cased, with anything but letters, digits and {@code _} replaced
   *     by {@code _}
   * @return how to connect to the new database
   */
  public static Database newDatabase(String prefix) {
    String name = uniqueDatabaseName(prefix);
    InfrastructureProvider infrastructure = provider();
    Database database = infrastructure.databaseServer().create(name);
    if (infrastructure instanceof ExternalProvider) {
      synchronized (LOCK) {
        externalDatabases.add(name);
      }
    }
    log.debug("Created test database {}", database.jdbcUrl());
    return database;
  }

  /**
   * Creates an empty database with a unique name on the shared server, owned by a new role of its
   * own, and a second new role that owns nothing (see {@link DatabaseWithRoles}). Roles belong to
   * the whole server: each call makes its own, and they are dropped with the database on an
   * external server.
   *
   * @param prefix the start of the database name, as for {@link #newDatabase(String)}
   * @return how to connect to the new database as its owner and as the application
   */
  public static DatabaseWithRoles newDatabaseWithRoles(String prefix) {
    String name = uniqueDatabaseName(prefix);
    String suffix = randomSuffix(SUFFIX_LENGTH);
    String owner = "owner_" + suffix;
    String application = "app_" + suffix;
    InfrastructureProvider infrastructure = provider();
    DatabaseWithRoles database =
        infrastructure.databaseServer().createWithRoles(name, owner, application);
    if (infrastructure instanceof ExternalProvider) {
      synchronized (LOCK) {
        externalDatabases.add(name);
        externalRoles.add(owner);
        externalRoles.add(application);
      }
    }
    log.debug(
        "Created test database {} owned by {}, application role {}",
        database.owner().jdbcUrl(),
        owner,
        application);
    return database;
  }

  /**
   * Returns the shared Kafka container, for {@code @ServiceConnection} beans.
   *
   * @throws IllegalStateException unless {@link #mode()} is {@link
   *     InfrastructureMode#TESTCONTAINERS}
   */
  static KafkaContainer kafkaContainer() {
    return testcontainers().kafkaContainer();
  }

  /**
   * Returns the shared PostgreSQL container, for {@code @ServiceConnection} beans.
   *
   * @throws IllegalStateException unless {@link #mode()} is {@link
   *     InfrastructureMode#TESTCONTAINERS}
   */
  static PostgreSQLContainer postgresContainer() {
    return testcontainers().postgresContainer();
  }

  /**
   * Builds {@code <prefix>_<8 random letters or digits>}, a valid unquoted PostgreSQL identifier.
   */
  static String uniqueDatabaseName(String prefix) {
    String cleaned =
        (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
      cleaned = "test_" + cleaned;
    }
    if (cleaned.length() > MAX_PREFIX_LENGTH) {
      cleaned = cleaned.substring(0, MAX_PREFIX_LENGTH);
    }
    return cleaned + "_" + randomSuffix(SUFFIX_LENGTH);
  }

  /** Returns {@code length} random lower-case letters and digits. */
  static String randomSuffix(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] suffix = new char[length];
    for (int i = 0; i < length; i++) {
      suffix[i] = NAME_CHARACTERS[random.nextInt(NAME_CHARACTERS.length)];
    }
    return new String(suffix);
  }

  private static TestcontainersProvider testcontainers() {
    if (provider() instanceof TestcontainersProvider containers) {
      return containers;
    }
    throw new IllegalStateException(
        "The shared containers exist only in TESTCONTAINERS mode, not " + mode());
  }

  private static InfrastructureProvider provider() {
    InfrastructureMode selected = mode();
    synchronized (LOCK) {
      if (provider == null) {
        provider =
            switch (selected) {
              case EXTERNAL -> new ExternalProvider(external);
              case TESTCONTAINERS -> new TestcontainersProvider();
              case EMBEDDED -> new EmbeddedProvider();
            };
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    TestInfrastructure::shutDownAfterContexts,
                    "cellpath-test-infrastructure-shutdown"));
      }
      return provider;
    }
  }

  /**
   * Remembers an application context that uses the shared servers, so that they are stopped only
   * after it has closed.
   */
  static void stopAfter(ConfigurableApplicationContext context) {
    contexts.add(new WeakReference<>(context));
  }

  /*
   * Spring Boot's own shutdown hook closes the cached test contexts while this hook runs (JVM hooks
   * run concurrently), so wait for the contexts that use the servers: stopping the broker under a
   * consumer that is still closing costs that consumer its timeouts. Spring Boot's shutdown handlers
   * would run in the right order, but only in a JVM where a SpringApplication has run; a plain test
   * (such as the end-to-end test) would then leak the PostgreSQL process.
   */
  private static void shutDownAfterContexts() {
    long deadline = System.nanoTime() + CONTEXT_CLOSE_WAIT.toNanos();
    while (anyContextActive() && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    shutDown();
  }

  private static boolean anyContextActive() {
    for (WeakReference<ConfigurableApplicationContext> reference : contexts) {
      ConfigurableApplicationContext context = reference.get();
      if (context != null && context.isActive()) {
        return true;
      }
    }
    return false;
  }

  private static void shutDown() {
    InfrastructureProvider stopping;
    List<String> toDrop;
    List<String> rolesToDrop;
    synchronized (LOCK) {
      stopping = provider;
      toDrop = List.copyOf(externalDatabases);
      externalDatabases.clear();
      rolesToDrop = List.copyOf(externalRoles);
      externalRoles.clear();
    }
    if (stopping == null) {
      return;
    }
    for (String name : toDrop) {
      try {
        stopping.databaseServer().drop(name);
      } catch (RuntimeException e) {
        log.warn("Could not drop test database {}: {}", name, e.getMessage());
      }
    }
    for (String role : rolesToDrop) {
      try {
        stopping.databaseServer().dropRole(role);
      } catch (RuntimeException e) {
        log.warn("Could not drop test role {}: {}", role, e.getMessage());
      }
    }
    stopping.close();
  }
}
