package org.cellpath.faults;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cellpath.infra.DevTokenIssuer;
import org.cellpath.infra.EmbeddedKafka;
import org.cellpath.infra.EmbeddedPostgresServer;
import org.cellpath.infra.FreePorts;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.ServiceConnections;
import org.cellpath.localstack.ServiceDatabase;
import org.cellpath.localstack.ServiceLauncher;
import org.cellpath.localstack.ServiceProcess;
import org.cellpath.localstack.ServiceSpec;
import org.cellpath.testsupport.TestTokens;

/**
 * A whole CellPath that the fault tests may break: a Kafka broker and a PostgreSQL server that can be stopped and
 * started again on the same port and data, a real SMTP server (GreenMail), an SMS provider stub that can go down,
 * and the three services as child JVMs, any number of instances each, that can be killed with SIGKILL and started
 * again. Everything listens on free ports; data lives under {@code local-stack/target/faults/}.
 */
public final class FaultSystem implements AutoCloseable {

  /** Instances of one service share its database and consumer group; each has its own port and log. */
  public record Instance(CellPathService service, int index, int port) {
    public String name() {
      return service.serviceName() + "-" + (char) ('a' + index);
    }
  }

  private final Path root;
  private final Path data;
  private final Path repoRoot = RepoRoot.find();
  private final int kafkaPort = FreePorts.pick();
  private final int postgresPort = FreePorts.pick();
  private final DevTokenIssuer tokens = TestTokens.issuer();
  private final GreenMail smtp;
  private final SmsProviderStub sms;
  private final ServiceLauncher launcher;
  private final Map<Instance, ServiceProcess> running = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Instance, Integer> starts = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<CellPathService, List<Instance>> instances = new EnumMap<>(CellPathService.class);
  private volatile EmbeddedKafka kafka;
  private volatile EmbeddedPostgresServer postgres;
  /** System properties given to every service started from now on (a fresh consumer group, for example). */
  private final Map<CellPathService, Map<String, String>> overrides = new EnumMap<>(CellPathService.class);
  /** How each service is run when not the default (another JDK, other JVM options): the benchmark's start-up runs. */
  private final Map<CellPathService, Runner> runners = new EnumMap<>(CellPathService.class);
  private final Map<Path, ServiceLauncher> launchers = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Another way to run a service's instances from their next start: another {@code java} and a change of the spec
   * (JVM options, the jar of an extracted application).
   */
  public record Runner(Path java, java.util.function.UnaryOperator<ServiceSpec> change) {
  }

  public FaultSystem() {
    // A fresh broker and database each run; logs of the last run stay in local-stack/target/faults/logs.
    root = repoRoot.resolve("local-stack/target/faults");
    data = root.resolve("run-" + System.currentTimeMillis());
    launcher = new ServiceLauncher(root.resolve("logs"));
    // GreenMail parses every message with Jakarta Mail, which otherwise scans the class path for its stream provider
    // on each message and body part (the services name it too: see notification-service's EmailChannel).
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    int smtpPort = FreePorts.pick();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    sms = SmsProviderStub.start();
    startBroker();
    startDatabase();
    for (CellPathService service : CellPathService.values()) {
      postgres.createDatabaseIfMissing(service.databaseName());
      instances.put(service, new ArrayList<>());
      overrides.put(service, new java.util.LinkedHashMap<>());
    }
  }

  // ---------------------------------------------------------------- infrastructure

  public void startBroker() {
    kafka = EmbeddedKafka.start(kafkaPort, data.resolve("kafka"));
  }

  /** A clean broker shutdown: what an operator's restart or a rolling upgrade of a one-node cluster does. */
  public void stopBroker() {
    kafka.close();
  }

  public void startDatabase() {
    // pg_stat_statements: the benchmark reads which statements the database's time went to.
    postgres = EmbeddedPostgresServer.start(postgresPort, data.resolve("postgres"), root.resolve("logs/postgres.log"),
        Map.of("shared_preload_libraries", "pg_stat_statements"));
  }

  /** Stops the database server (fast shutdown: open sessions are cut off, their transactions rolled back). */
  public void stopDatabase() {
    postgres.close();
  }

  public String bootstrapServers() {
    return "localhost:" + kafkaPort;
  }

  public Connection database(CellPathService service) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/" + service.databaseName(),
        postgres.username(), postgres.password());
  }

  public SmsProviderStub sms() {
    return sms;
  }

  /**
   * Every message the SMTP server accepted: its Message-ID, listed under the notification id CellPath stamps on it
   * (one entry per transmission).
   */
  public Map<String, List<String>> mailByNotification() {
    Map<String, List<String>> byNotification = new java.util.HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        String[] header = message.getHeader("X-CellPath-Notification-Id");
        byNotification.computeIfAbsent(header == null ? "(none)" : header[0], id -> new ArrayList<>())
            .add(message.getMessageID());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return byNotification;
  }

  public int mailCount() {
    return smtp.getReceivedMessages().length;
  }

  // ---------------------------------------------------------------- services

  /** Adds an instance of the service (not started). */
  public Instance addInstance(CellPathService service) {
    List<Instance> list = instances.get(service);
    Instance instance = new Instance(service, list.size(), FreePorts.pick());
    list.add(instance);
    return instance;
  }

  public List<Instance> instances(CellPathService service) {
    return List.copyOf(instances.get(service));
  }

  public Instance first(CellPathService service) {
    return instances.get(service).get(0);
  }

  /** Starts these instances at once and waits until every one is ready. */
  public void start(List<Instance> toStart) {
    List<ServiceProcess> started = new ArrayList<>();
    for (Instance instance : toStart) {
      Runner runner = runners.get(instance.service());
      ServiceProcess process = runner == null ? launcher.start(spec(instance))
          : launcher(runner.java()).start(runner.change().apply(spec(instance)));
      running.put(instance, process);
      started.add(process);
    }
    launcher.awaitAllReady(started);
  }

  public void start(Instance instance) {
    start(List.of(instance));
  }

  /** SIGKILL: no shutdown hook, no commit, no goodbye to the broker's group coordinator. */
  public void kill(Instance instance) {
    ServiceProcess process = running.remove(instance);
    if (process != null) {
      process.kill();
    }
  }

  /** A graceful stop (SIGTERM). */
  public void stop(Instance instance) {
    ServiceProcess process = running.remove(instance);
    if (process != null) {
      process.close();
    }
  }

  public void stopAll() {
    ServiceLauncher.stopAll(List.copyOf(running.values()));
    running.clear();
  }

  /** The running process of an instance (its pid, for memory figures). */
  public ServiceProcess process(Instance instance) {
    return running.get(instance);
  }

  /** Whether every instance started and not stopped or killed by the test is still alive. */
  public boolean allAlive() {
    return running.values().stream().allMatch(ServiceProcess::isAlive);
  }

  public Path repoRoot() {
    return repoRoot;
  }

  public Path reportDirectory() {
    return root;
  }

  public boolean isRunning(Instance instance) {
    ServiceProcess process = running.get(instance);
    return process != null && process.isAlive();
  }

  public Optional<Instance> anyRunning(CellPathService service) {
    return instances.get(service).stream().filter(this::isRunning).findFirst();
  }

  /** Runs the service's instances started from now on with this runner; {@code null} for the default again. */
  public void runWith(CellPathService service, Runner runner) {
    if (runner == null) {
      runners.remove(service);
    } else {
      runners.put(service, runner);
    }
  }

  /** Runs a spec of this instance to its end, without waiting for readiness: a training run that exits by itself. */
  public ServiceProcess startOnce(Instance instance, Path java, java.util.function.UnaryOperator<ServiceSpec> change) {
    return launcher(java).start(change.apply(spec(instance)));
  }

  private ServiceLauncher launcher(Path java) {
    return launchers.computeIfAbsent(java, j -> new ServiceLauncher(root.resolve("logs"), j,
        ServiceLauncher.DEFAULT_READINESS_TIMEOUT));
  }

  /** A system property for every instance of the service started from now on. */
  public void override(CellPathService service, String key, String value) {
    overrides.get(service).put(key, value);
  }

  private ServiceSpec spec(Instance instance) {
    ServiceConnections connections = new ServiceConnections(bootstrapServers(), "127.0.0.1", smtp.getSmtp().getPort(),
        "", tokens.jwkSetUri());
    ServiceDatabase database = new ServiceDatabase(
        "jdbc:postgresql://localhost:" + postgresPort + "/" + instance.service().databaseName(), postgres.username(),
        postgres.password());
    ServiceSpec spec = instance.service().spec(repoRoot, instance.port(), connections, database);
    // One log per start, so that the log of a killed instance is kept beside its successor's.
    int start = starts.merge(instance, 1, Integer::sum);
    String name = start == 1 ? instance.name() : instance.name() + "-restart" + (start - 1);
    spec = new ServiceSpec(name, spec.jar(), spec.port(), spec.jvmOptions(), spec.systemProperties(),
        spec.environment());
    spec = spec.withEnv(Map.of(
        // The load is one physician's: lift the per-caller flood guard.
        "REFERRAL_SUBMISSION_RATE_PERMITS", "1000000",
        // Auto-approval on, as the issue asks: the load runs from submission to confirmation without a person.
        "REVIEW_AUTO_APPROVE", "true",
        "SMS_PROVIDER_URL", sms.url(),
        // The SMS window is the patient's 08:00-21:00; the tests run at any hour.
        "SMS_WINDOW_START", "00:00",
        "SMS_WINDOW_END", "23:59",
        // Reminders due at local midnight: none of them falls due while a scenario runs (the 7-day one of a pair
        // booked 7 days ahead is due at once), so a replay's before and after are comparable.
        "REMINDER_SEND_AT", "00:00",
        "NOTIFICATION_BACK_OFF_INITIAL", "2s",
        "NOTIFICATION_BACK_OFF_MAX", "10s"));
    String extra = System.getProperty("faults.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      // For profiling, e.g. -Dfaults.jvmOptions=-XX:StartFlightRecording=filename=target/{instance}.jfr
      List<String> options = new ArrayList<>(spec.jvmOptions());
      for (String option : extra.split("\\s+")) {
        options.add(option.replace("{instance}", name));
      }
      spec = spec.withJvmOptions(options);
    }
    for (Map.Entry<String, String> property : overrides.get(instance.service()).entrySet()) {
      spec = spec.withSystemProperty(property.getKey(), property.getValue());
    }
    return spec;
  }

  /** Stops everything and deletes the run's broker and database data; the logs stay. */
  @Override
  public void close() {
    stopAll();
    sms.close();
    smtp.stop();
    if (postgres != null) {
      postgres.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    try (Stream<Path> paths = Files.walk(data)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Only disk space: target/ is cleaned by the next build anyway.
    }
  }
}
