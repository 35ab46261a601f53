package org.cellpath.faults;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * A whole CellPath that the fault tests may break: a Kafka broker and a PostgreSQL server that can
 * be stopped, killed and started again on the same port and data, a real SMTP server (GreenMail)
 * that can be made to hang, an SMS provider stub that can go down, and the three services as child
 * JVMs, any number of instances each, that can be killed with SIGKILL and started again. Everything
 * listens on free ports; data lives under {@code local-stack/target/faults/}.
 *
 * <p>Two kinds of system: {@link #forFaultTests()} runs the services under their production rules
 * (SMS hours and limits, the submission rate limit, reminders at their hour) on a clock the tests
 * move forward, with the broker in its own process so that it can be killed; {@link #FaultSystem()}
 * is the benchmark's, which measures throughput and so lifts the per-caller limits, keeps the
 * broker in this JVM (its CPU is counted as the harness's) and never moves time.
 */
public final class FaultSystem implements AutoCloseable {

  /**
   * Instances of one service share its database and consumer group; each has its own port and log.
   */
  public record Instance(CellPathService service, int index, int port) {
    public String name() {
      return service.serviceName() + "-" + (char) ('a' + index);
    }
  }

  /**
   * notification-service's default {@code SMS_INBOUND_SECRET}: the local-only key the SMS provider
   * signs its reply webhook with.
   */
  static final String SMS_INBOUND_SECRET = "local-only-sms-inbound-secret";

  /**
   * The longest {@code Retry-After} the services honour in the fault tests (a production setting,
   * shortened).
   */
  static final Duration SMS_RETRY_AFTER_MAX = Duration.ofSeconds(30);

  private final boolean faultTests;
  private final Path root;
  private final Path data;
  private final Path repoRoot = RepoRoot.find();
  private final int kafkaPort = FreePorts.pick();
  private final int postgresPort = FreePorts.pick();
  private final int smtpPort = FreePorts.pick();
  private final DevTokenIssuer tokens = TestTokens.issuer();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final SmsProviderStub sms;
  private final Inboxes inboxes;
  private final ServiceLauncher launcher;
  private final Map<Instance, ServiceProcess> running =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Instance, Integer> starts = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<CellPathService, List<Instance>> instances =
      new EnumMap<>(CellPathService.class);
  private volatile GreenMail smtp;
  private volatile SilentSmtpServer silentSmtp;
  private volatile EmbeddedKafka inProcessKafka;
  private final BrokerProcess brokerProcess;
  private volatile EmbeddedPostgresServer postgres;

  /** How far ahead of the wall clock the services' clocks run (fault tests only). */
  private volatile Duration clockOffset = Duration.ZERO;

  /** Each move of the clocks: from that wall-clock instant on, the services ran this far ahead. */
  private final java.util.NavigableMap<Instant, Duration> clockMoves =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  /**
   * System properties given to every service started from now on (a fresh consumer group, for
   * example).
   */
  private final Map<CellPathService, Map<String, String>> overrides =
      new EnumMap<>(CellPathService.class);

  /**
   * How each service is run when not the default (another JDK, other JVM options): the benchmark's
   * start-up runs.
   */
  private final Map<CellPathService, Runner> runners = new EnumMap<>(CellPathService.class);

  private final Map<Path, ServiceLauncher> launchers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Another way to run a service's instances from their next start: another {@code java} and a
   * change of the spec (JVM options, the jar of an extracted application).
   */
  public record Runner(Path java, java.util.function.UnaryOperator<ServiceSpec> change) {}

  /** The benchmark's system: see the class comment. */
  public FaultSystem() {
    this(false);
  }

  /**
   * The fault tests' system: production rules, a clock the tests move, a broker that can be killed.
   */
  static FaultSystem forFaultTests() {
    return new FaultSystem(true);
  }

  private FaultSystem(boolean faultTests) {
    this.faultTests = faultTests;
    // A fresh broker and database each run; logs of the last run stay in
    // local-stack/target/faults/logs.
    root = repoRoot.resolve("local-stack/target/faults");
    data = root.resolve("run-" + System.currentTimeMillis());
    launcher = new ServiceLauncher(root.resolve("logs"));
    // GreenMail parses every message with Jakarta Mail, which otherwise scans the class path for
    // its stream provider
    // on each message and body part (the services name it too: see notification-service's
    // EmailChannel).
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty(
          "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    inboxes = new Inboxes();
    startSmtp();
    sms = SmsProviderStub.start();
    // Retention is checked every second, so that a test which shortens a topic's retention sees
    // records go.
    brokerProcess =
        faultTests
            ? new BrokerProcess(
                kafkaPort,
                data.resolve("kafka"),
                root.resolve("logs/broker.log"),
                Map.of("log.retention.check.interval.ms", "1000"))
            : null;
    startBroker();
    startDatabase();
    for (CellPathService service : CellPathService.values()) {
      postgres.createDatabaseIfMissing(service.databaseName());
      instances.put(service, new ArrayList<>());
      overrides.put(service, new LinkedHashMap<>());
    }
  }

  // ---------------------------------------------------------------- infrastructure

  public void startBroker() {
    if (brokerProcess != null) {
      brokerProcess.start();
    } else {
      inProcessKafka = EmbeddedKafka.start(kafkaPort, data.resolve("kafka"));
    }
  }

  /**
   * A clean broker shutdown: what an operator's restart or a rolling upgrade of a one-node cluster
   * does.
   */
  public void stopBroker() {
    if (brokerProcess != null) {
      brokerProcess.stop();
    } else {
      inProcessKafka.close();
    }
  }

  /** SIGKILL of the broker's process: no flush, no controlled shutdown (fault tests only). */
  void killBroker() {
    brokerProcess.kill();
  }

  public void startDatabase() {
    // pg_stat_statements: the benchmark reads which statements the database's time went to.
    postgres =
        EmbeddedPostgresServer.start(
            postgresPort,
            data.resolve("postgres"),
            root.resolve("logs/postgres.log"),
            Map.of("shared_preload_libraries", "pg_stat_statements"));
  }

  /**
   * Stops the database server (fast shutdown: open sessions are cut off, their transactions rolled
   * back).
   */
  public void stopDatabase() {
    postgres.close();
  }

  /**
   * SIGKILL of the postmaster, in the middle of whatever its backends are doing: they notice their
   * parent died and exit, the shared memory goes with them, and the next start runs crash recovery
   * from the write-ahead log.
   */
  void killDatabase() {
    Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle postmaster =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IllegalStateException("No postmaster with pid " + pid));
      List<ProcessHandle> backends = postmaster.descendants().toList();
      postmaster.destroyForcibly();
      postmaster.onExit().get(30, TimeUnit.SECONDS);
      for (ProcessHandle backend : backends) {
        // They exit on their own once they see the postmaster gone; a new server cannot start while
        // they hold the
        // shared memory.
        backend.onExit().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not kill the database server", e);
    }
    try {
      postgres.close();
    } catch (RuntimeException alreadyDead) {
      // pg_ctl finds no server to stop: that is the point.
    }
  }

  public String bootstrapServers() {
    return "localhost:" + kafkaPort;
  }

  public Connection database(CellPathService service) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + postgresPort + "/" + service.databaseName(),
        postgres.username(),
        postgres.password());
  }

  public SmsProviderStub sms() {
    return sms;
  }

  /**
   * Every message the SMTP server accepted so far, over every start of it, with when it arrived.
   */
  List<Inboxes.ReceivedMail> receivedMail() {
    return inboxes.mail(smtp.getManagers());
  }

  public int mailCount() {
    return receivedMail().size();
  }

  /**
   * Every message the SMTP server accepted: its Message-ID, listed under the notification id
   * CellPath stamps on it (one entry per transmission). The benchmark reads this; the fault tests
   * count by content instead.
   */
  public Map<String, List<String>> mailByNotification() {
    Map<String, List<String>> byNotification = new java.util.HashMap<>();
    for (Inboxes.ReceivedMail mail : receivedMail()) {
      byNotification
          .computeIfAbsent(
              mail.notificationIdHeader() == null ? "(none)" : mail.notificationIdHeader(),
              id -> new ArrayList<>())
          .add(mail.messageId());
    }
    return byNotification;
  }

  /**
   * Delivers this message to the SMTP server once more, exactly as it was (same Message-ID): a
   * resend.
   */
  void resendMail(Inboxes.ReceivedMail mail) throws Exception {
    jakarta.mail.Session session = smtpSession();
    try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(mail.message(), mail.message().getAllRecipients());
    }
  }

  /** An email to this address that CellPath never wrote. */
  void sendMail(String to, String subject) throws Exception {
    jakarta.mail.Session session = smtpSession();
    MimeMessage message = new MimeMessage(session);
    message.setFrom("someone@elsewhere.example");
    message.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
    message.setSubject(subject);
    message.setText("Not from CellPath.");
    message.saveChanges();
    try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private jakarta.mail.Session smtpSession() {
    java.util.Properties properties = new java.util.Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", Integer.toString(smtpPort));
    return jakarta.mail.Session.getInstance(properties);
  }

  /**
   * From now on the SMTP port accepts connections and never answers (a hung mail server), until
   * {@link #answerSmtpAgain()}. What the real server received before stays counted.
   */
  void hangSmtp() {
    // Stopped first, then read: a message accepted in between would otherwise be counted nowhere.
    // Read from the store
    // the server had: stopping GreenMail gives it a new, empty one.
    Managers store = smtp.getManagers();
    smtp.stop();
    inboxes.keep(store);
    silentSmtp = SilentSmtpServer.start(smtpPort);
  }

  void answerSmtpAgain() {
    silentSmtp.close();
    silentSmtp = null;
    startSmtp();
  }

  /** Connections the hung SMTP server accepted and never answered. */
  int silentSmtpConnections() {
    SilentSmtpServer silent = silentSmtp;
    return silent == null ? 0 : silent.accepted();
  }

  private void startSmtp() {
    smtp =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
  }

  // ---------------------------------------------------------------- time

  /** "Now" as the services see it: the wall clock plus the offset the tests moved them by. */
  Instant now() {
    return Instant.now().plus(clockOffset);
  }

  Duration clockOffset() {
    return clockOffset;
  }

  /**
   * The first moment the services lived through at or after this one of theirs: the moment itself,
   * or, when the clocks jumped over it, where the jump landed (what was due in between became due
   * there).
   */
  Instant firstServiceMomentAtOrAfter(Instant serviceMoment) {
    Duration previous = Duration.ZERO;
    for (Map.Entry<Instant, Duration> move : clockMoves.entrySet()) {
      Instant jumpedFrom = move.getKey().plus(previous);
      Instant landed = move.getKey().plus(move.getValue());
      if (!serviceMoment.isBefore(jumpedFrom) && serviceMoment.isBefore(landed)) {
        return landed;
      }
      previous = move.getValue();
    }
    return serviceMoment;
  }

  /**
   * The services' "now" at a moment of the wall clock (a message's arrival, say), over every move
   * of the clocks.
   */
  Instant serviceTime(Instant wall) {
    Duration offset = Duration.ZERO;
    for (Map.Entry<Instant, Duration> move : clockMoves.entrySet()) {
      if (!move.getKey().isAfter(wall)) {
        offset = move.getValue();
      }
    }
    return wall.plus(offset);
  }

  /**
   * Moves every running service's clock forward by {@code by}, and every service started from now
   * on starts there. The services only ever move forward together; the harness reads its own "now"
   * the same way.
   */
  void moveClocksForward(Duration by) throws Exception {
    Duration next = clockOffset.plus(by);
    for (Instance instance : List.copyOf(running.keySet())) {
      HttpResponse<String> moved =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + instance.port() + "/actuator/clock"))
                  .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"offset\":\"" + next + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (moved.statusCode() != 200) {
        throw new IllegalStateException(
            instance.name()
                + " refused to move its clock: "
                + moved.statusCode()
                + " "
                + moved.body());
      }
    }
    clockOffset = next;
    clockMoves.put(Instant.now(), next);
  }

  // ---------------------------------------------------------------- the SMS provider calling
  // CellPath

  /**
   * A patient's reply, as the SMS provider delivers it: signed with the secret it shares with
   * notification-service.
   *
   * @return the webhook's HTTP status
   */
  int smsReply(String from, String text) throws Exception {
    Instance notification = anyRunning(CellPathService.NOTIFICATION).orElseThrow();
    String body = "{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}";
    // The provider signs with the time of the world the services live in: once the harness moved
    // their clocks, a
    // signature stamped with the wall clock would be days old to them, and refused as stale.
    long t = now().getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SMS_INBOUND_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + notification.port() + "/api/sms/inbound"))
                .header("Content-Type", "application/json")
                .header("X-CellPath-Signature", "t=" + t + ",v1=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
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
      ServiceProcess process =
          runner == null
              ? launcher.start(spec(instance))
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

  /** The base URL of a running instance of the service. */
  URI url(CellPathService service) {
    return URI.create(
        "http://localhost:"
            + anyRunning(service)
                .orElseThrow(
                    () -> new IllegalStateException("No " + service.serviceName() + " is running"))
                .port());
  }

  /**
   * Runs the service's instances started from now on with this runner; {@code null} for the default
   * again.
   */
  public void runWith(CellPathService service, Runner runner) {
    if (runner == null) {
      runners.remove(service);
    } else {
      runners.put(service, runner);
    }
  }

  /**
   * Runs a spec of this instance to its end, without waiting for readiness: a training run that
   * exits by itself.
   */
  public ServiceProcess startOnce(
      Instance instance, Path java, java.util.function.UnaryOperator<ServiceSpec> change) {
    return launcher(java).start(change.apply(spec(instance)));
  }

  private ServiceLauncher launcher(Path java) {
    return launchers.computeIfAbsent(
        java,
        j ->
            new ServiceLauncher(
                root.resolve("logs"), j, ServiceLauncher.DEFAULT_READINESS_TIMEOUT));
  }

  /** A system property for every instance of the service started from now on. */
  public void override(CellPathService service, String key, String value) {
    overrides.get(service).put(key, value);
  }

  private ServiceSpec spec(Instance instance) {
    ServiceConnections connections =
        new ServiceConnections(bootstrapServers(), "127.0.0.1", smtpPort, "", tokens.jwkSetUri());
    ServiceDatabase database =
        new ServiceDatabase(
            "jdbc:postgresql://localhost:" + postgresPort + "/" + instance.service().databaseName(),
            postgres.username(),
            postgres.password());
    ServiceSpec spec = instance.service().spec(repoRoot, instance.port(), connections, database);
    // One log per start, so that the log of a killed instance is kept beside its successor's.
    int start = starts.merge(instance, 1, Integer::sum);
    String name = start == 1 ? instance.name() : instance.name() + "-restart" + (start - 1);
    spec =
        new ServiceSpec(
            name,
            spec.jar(),
            spec.port(),
            spec.jvmOptions(),
            spec.systemProperties(),
            spec.environment());
    Map<String, String> env = new LinkedHashMap<>();
    // Auto-approval on: likely-eligible referrals run from submission to confirmation without a
    // person; the tests
    // review the others through the reviewer's API.
    env.put("REVIEW_AUTO_APPROVE", "true");
    env.put("SMS_PROVIDER_URL", sms.url());
    // A failed message is tried again within seconds rather than minutes, so that a scenario
    // settles in its time.
    env.put("NOTIFICATION_BACK_OFF_INITIAL", "2s");
    env.put("NOTIFICATION_BACK_OFF_MAX", "10s");
    if (faultTests) {
      // The production rules stay on: SMS hours and limits, the submission and booking rate limits,
      // reminders at
      // their hour. Time is what the tests move instead, with every service on the same adjustable
      // clock.
      env.put("CELLPATH_CLOCK_ADJUSTABLE", "true");
      env.put("CELLPATH_CLOCK_OFFSET", clockOffset.toString());
      env.put("NOTIFICATION_RETRY_AFTER_MAX", SMS_RETRY_AFTER_MAX.toString());
    } else {
      // The benchmark's load is one physician's: lift the per-caller flood guard.
      env.put("REFERRAL_SUBMISSION_RATE_PERMITS", "1000000");
      // The SMS window is the patient's 08:00-21:00; the benchmark runs at any hour.
      env.put("SMS_WINDOW_START", "00:00");
      env.put("SMS_WINDOW_END", "23:59");
      // Reminders due at local midnight: none falls due while the benchmark runs.
      env.put("REMINDER_SEND_AT", "00:00");
    }
    spec = spec.withEnv(env);
    String extra = System.getProperty("faults.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      // For profiling, e.g.
      // -Dfaults.jvmOptions=-XX:StartFlightRecording=filename=target/{instance}.jfr
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
    if (silentSmtp != null) {
      silentSmtp.close();
    }
    smtp.stop();
    if (postgres != null) {
      postgres.close();
    }
    if (brokerProcess != null) {
      brokerProcess.close();
    } else if (inProcessKafka != null) {
      inProcessKafka.close();
    }
    try (Stream<Path> paths = Files.walk(data)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Only disk space: target/ is cleaned by the next build anyway.
    }
  }

  /**
   * Keeps GreenMail's received messages across its restarts, each stamped with when the SMTP server
   * stored it. The stamp is the server's own: GreenMail lists messages mailbox by mailbox, so a
   * message that arrives in an older mailbox lands in the middle of the list, and a stamp given by
   * position or by when a poller first saw it would be late by however long the harness took to
   * look.
   */
  static final class Inboxes {

    /** One transmission the SMTP server accepted, and when (the wall clock). */
    record ReceivedMail(
        MimeMessage message, String messageId, String notificationIdHeader, Instant receivedAt) {}

    private final List<ReceivedMail> kept = new ArrayList<>();

    synchronized List<ReceivedMail> mail(Managers current) {
      List<ReceivedMail> all = new ArrayList<>(kept);
      all.addAll(read(current));
      return all;
    }

    /** After a GreenMail stopped, from the store it had: what it received stays counted. */
    synchronized void keep(Managers current) {
      kept.addAll(read(current));
    }

    private static List<ReceivedMail> read(Managers current) {
      List<ReceivedMail> read = new ArrayList<>();
      for (StoredMessage stored : current.getImapHostManager().getAllMessages()) {
        MimeMessage message = stored.getMimeMessage();
        try {
          String[] notification = message.getHeader("X-CellPath-Notification-Id");
          read.add(
              new ReceivedMail(
                  message,
                  message.getMessageID(),
                  notification == null ? null : notification[0],
                  stored.getReceivedDate().toInstant()));
        } catch (jakarta.mail.MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
      return read;
    }
  }
}
