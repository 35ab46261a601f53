package org.cellpath.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker running in this JVM in KRaft mode (combined broker and controller),
 * built from the broker jars rather than a container.
 *
 * <p>Topics are created on first use with 6 partitions, and every replication factor and {@code
 * min.insync.replicas} is 1, so producers with {@code acks=all} work against it. Consumer groups'
 * offsets are kept for 400 days ({@code offsets.retention.minutes}). Only the {@code PLAINTEXT}
 * listener is advertised; the controller listener is internal.
 *
 * <p>The instance owns its server threads and, when no data directory was given, its temporary data
 * directory; {@link #close()} releases both. Not meant for more than one instance per data
 * directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration OFFSETS_RETENTION = Duration.ofDays(400);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(
      KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean deleteDataDirOnClose) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
  }

  /**
   * Formats the storage (unless already formatted), starts the broker and waits until it answers an
   * Admin {@code describeCluster} request.
   *
   * @param port the client (PLAINTEXT) port on {@code localhost}, or 0 for a free port
   * @param dataDir the log and metadata directory, kept after {@link #close()} so that topics and
   *     offsets survive a restart; {@code null} for a temporary directory that {@link #close()}
   *     deletes
   * @return a started broker
   * @throws IllegalStateException if the broker cannot be formatted, started or reached in 60 s;
   *     whatever was started is shut down first
   */
  public static EmbeddedKafka start(int port, Path dataDir) {
    return start(port, dataDir, Map.of());
  }

  /**
   * As {@link #start(int, Path)}, with broker settings that win over the defaults set here (the
   * fault tests check retention every second, for example).
   *
   * @param settings broker configuration entries, such as {@code log.retention.check.interval.ms}
   * @return a started broker
   */
  public static EmbeddedKafka start(int port, Path dataDir, Map<String, String> settings) {
    QuietLogging.atMostWarn("kafka", "state.change.logger", "org.apache.kafka");
    long startedAt = System.nanoTime();
    int clientPort = FreePorts.resolve(port);
    int controllerPort = FreePorts.pick();
    boolean temporary = dataDir == null;
    Path dir = temporary ? createTempDir() : createDirs(dataDir);

    KafkaRaftServer server = null;
    try {
      Properties props = brokerProperties(clientPort, controllerPort, dir);
      props.putAll(settings);
      format(dir);
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      String bootstrap = "localhost:" + clientPort;
      awaitReady(bootstrap);
      log.info(
          "Embedded Kafka ready at {} in {} ms (data in {})",
          bootstrap,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
          dir);
      return new EmbeddedKafka(server, bootstrap, dir, temporary);
    } catch (RuntimeException | Error e) {
      stopQuietly(server);
      if (temporary) {
        Directories.deleteQuietly(dir);
      }
      throw e instanceof IllegalStateException ise
          ? ise
          : new IllegalStateException("Embedded Kafka did not start on port " + clientPort, e);
    }
  }

  /**
   * Returns the address clients connect to.
   *
   * @return {@code localhost:<port>}
   */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Returns the directory holding the broker's logs and metadata.
   *
   * @return the data directory (already deleted after {@link #close()} if it was temporary)
   */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Shuts the broker down, waits for its threads to finish, and deletes the data directory if it
   * was temporary. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    long stoppingAt = System.nanoTime();
    stopQuietly(server);
    if (deleteDataDirOnClose && !Directories.deleteQuietly(dataDir)) {
      log.warn("Could not delete the embedded Kafka data directory {}", dataDir);
    }
    log.info(
        "Embedded Kafka at {} stopped in {} ms",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers + "]";
  }

  private static Properties brokerProperties(int clientPort, int controllerPort, Path dir) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listeners",
        "PLAINTEXT://localhost:"
            + clientPort
            + ","
            + CONTROLLER_LISTENER
            + "://localhost:"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
    props.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", dir.toString());
    props.put("metadata.log.dir", dir.toString());
    // One node: every internal topic must be satisfiable with a single replica.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("min.insync.replicas", "1");
    // The default of 50 offsets partitions costs seconds on a 2-core machine when the first
    // consumer group appears; a handful is plenty for one node.
    props.put("offsets.topic.num.partitions", "6");
    // A consumer group's committed offsets outlive a long outage of its service (400 days, as long
    // as the
    // services keep published outbox events), instead of the default 7 days after which the group
    // would start
    // over from its reset policy (ADR 17).
    props.put("offsets.retention.minutes", String.valueOf(OFFSETS_RETENTION.toMinutes()));
    props.put("num.partitions", "6");
    props.put("auto.create.topics.enable", "true");
    // Consumers join at once instead of waiting 3 s for more members that never come.
    props.put("group.initial.rebalance.delay.ms", "0");
    // Two cores: keep the thread count modest.
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("background.threads", "2");
    props.put("log.cleaner.threads", "1");
    return props;
  }

  private static void format(Path dir) {
    if (Files.exists(dir.resolve("meta.properties"))) {
      // A kept data directory: reuse it as it is, with the cluster id it was formatted with
      // (the Formatter refuses a directory formatted for another cluster id).
      return;
    }
    // The Formatter reports to a PrintStream (System.out by default); keep library output in the
    // log.
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setDirectories(List.of(dir.toString()))
          .setMetadataLogDirectory(dir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Could not format Kafka storage in " + dir, e);
    }
    log.debug("Kafka storage format: {}", report.toString(StandardCharsets.UTF_8).strip());
  }

  private static void awaitReady(String bootstrap) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
          // Pause before asking again, so that an empty answer does not become a busy loop.
          TimeUnit.MILLISECONDS.sleep(100);
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for Kafka at " + bootstrap, e);
        }
      }
    }
    throw new IllegalStateException(
        "Kafka at " + bootstrap + " did not answer within " + READY_TIMEOUT, last);
  }

  private static void stopQuietly(KafkaRaftServer server) {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Embedded Kafka did not shut down cleanly", e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("cellpath-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary Kafka data directory", e);
    }
  }

  private static Path createDirs(Path dir) {
    try {
      return Files.createDirectories(dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the Kafka data directory " + dir, e);
    }
  }
}
