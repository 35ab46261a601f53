package org.cellpath.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.cellpath.faults.ClinicSeed;
import org.cellpath.faults.FaultSystem;
import org.cellpath.faults.ReferralLoad;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.RepoRoot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast CellPath runs, beside the limits of the machine, in one run. Everything local: the
 * embedded broker and PostgreSQL, GreenMail, the three services as processes (this JVM's {@code
 * java}), the load generator. It measures, in order:
 *
 * <ol>
 *   <li>start-up to ready of each service alone, then resident memory after the load (figure 5);
 *   <li>the machine's own limits: PostgreSQL durable commits per second (4 clients, one-row insert
 *       per commit) and Kafka produce-to-consume latency (1 KB records, {@code acks=all});
 *   <li>end-to-end latency at a steady 10 referrals/s, per hop, from the services' own timestamps
 *       (figure 2);
 *   <li>sustained throughput from submission to confirmation email accepted by the SMTP server,
 *       with auto-approval, and the commits one referral costs (figure 1).
 * </ol>
 *
 * Writes {@code target/benchmark/benchmark.json} and {@code .md} at the repository root, merging
 * the scheduling figures ({@code scheduling-service/target/benchmark/*.json}: planner, booking
 * contention) when they exist. No time is asserted: a benchmark shows figures; only correctness is
 * checked.
 */
@Tag("benchmark")
class CellPathBenchmarkIT {

  private static final int REFERRALS = Integer.getInteger("bench.referrals", 2000);
  private static final int LATENCY_REFERRALS = Integer.getInteger("bench.latencyReferrals", 300);

  /**
   * Referrals through the services after each start-up mode's restart, before their resident memory
   * is read.
   */
  private static final int WARM_UP_REFERRALS = Integer.getInteger("bench.warmUpReferrals", 300);

  /** The start-up modes measured, in order; an empty list skips figure 5's restarts. */
  private static final String MODES = System.getProperty("bench.startupModes", "JAR,CDS,AOT_CACHE");

  private static final double LATENCY_RATE = 10.0;

  /**
   * A second, lighter steady rate, where the machine has cores to spare: what the pipeline itself
   * takes when no stage waits for a core.
   */
  private static final double LIGHT_RATE = 2.0;

  private static final int LIGHT_REFERRALS = Integer.getInteger("bench.lightReferrals", 120);
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final ReferralLoad load = new ReferralLoad();

  @Test
  void measure() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put(
        "machine",
        Map.of(
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "java",
            System.getProperty("java.version"),
            "vm",
            System.getProperty("java.vm.name"),
            "os",
            System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            "memoryGiB",
            Math.round(
                ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize()
                    / (1024.0 * 1024 * 1024))));
    results.put("writtenAt", Instant.now().toString());
    try (FaultSystem system = new FaultSystem()) {
      Map<String, Object> startup = new LinkedHashMap<>();
      List<FaultSystem.Instance> instances = new ArrayList<>();
      for (CellPathService service : CellPathService.values()) {
        FaultSystem.Instance instance = system.addInstance(service);
        long started = System.nanoTime();
        system.start(instance);
        startup.put(service.serviceName(), Map.of("readySeconds", seconds(started)));
        instances.add(instance);
      }
      // About 300 pairs per clinician; every referral of every phase needs one, or it waits on the
      // waitlist.
      int referralsInAll =
          REFERRALS
              + LATENCY_REFERRALS
              + LIGHT_REFERRALS
              + WARM_UP_REFERRALS * (int) MODES.chars().filter(c -> c == ',').count()
              + 2 * WARM_UP_REFERRALS;
      int clinicians = referralsInAll / 300 + 2;
      ClinicSeed.seed(system, clinicians);

      results.put("postgresCommitsPerSecond", postgresCommitRate(system));
      results.put("kafkaLatency", kafkaLatency(system));
      results.put("warmUpBeforeLatency", warmUp(system));
      results.put("latencyAt10PerSecond", latency(system, LATENCY_RATE, LATENCY_REFERRALS));
      results.put("latencyAt2PerSecond", latency(system, LIGHT_RATE, LIGHT_REFERRALS));
      results.put(
          "throughput", throughput(system, (Map<?, ?>) results.get("postgresCommitsPerSecond")));

      for (FaultSystem.Instance instance : instances) {
        @SuppressWarnings("unchecked")
        Map<String, Object> figures =
            new LinkedHashMap<>(
                (Map<String, Object>) startup.get(instance.service().serviceName()));
        figures.put("rssMiBAfterLoad", rssMiB(system.process(instance).pid()));
        startup.put(instance.service().serviceName(), figures);
      }
      startup.put(
          "jvmOptions", String.join(" ", org.cellpath.localstack.ServiceSpec.DEFAULT_JVM_OPTIONS));
      results.put("firstStartWithMigrations", startup);
      results.put("startupModes", startupModes(system, instances));
    }
    Path repo = RepoRoot.find();
    Path schedulingFigures = repo.resolve("scheduling-service/target/benchmark");
    if (Files.isDirectory(schedulingFigures)) {
      try (var files = Files.list(schedulingFigures)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          JsonNode figure = JSON.readTree(Files.readString(file));
          results.put(file.getFileName().toString().replace(".json", ""), figure);
        }
      }
    }
    Path out = repo.resolve("target/benchmark");
    Files.createDirectories(out);
    Files.writeString(out.resolve("benchmark.json"), JSON.writeValueAsString(results));
    String table = markdown(JSON.readTree(JSON.writeValueAsString(results)));
    Files.writeString(out.resolve("benchmark.md"), table);
    System.out.println(table);
  }

  /** The figures side by side with what they are compared to and the targets of issue 8. */
  static String markdown(JsonNode r) {
    JsonNode machine = r.get("machine");
    JsonNode throughput = r.get("throughput");
    JsonNode kafka = r.get("kafkaLatency");
    StringBuilder out = new StringBuilder();
    out.append(
        "Machine: %s cores, %s GiB, Java %s (%s), %s; %s%n%n"
            .formatted(
                machine.get("cores"),
                machine.get("memoryGiB"),
                machine.get("java").asString(),
                machine.get("vm").asString(),
                machine.get("os").asString(),
                r.get("writtenAt").asString()));
    out.append("| figure | CellPath | compared to, same run | target |\n|---|---|---|---|\n");
    out.append(
        "| sustained throughput, submission to confirmation email accepted (%s referrals, auto-approval) "
            .formatted(throughput.get("referrals")));
    out.append(
        "| %s referrals/s (%s commits, %s WAL syncs per referral) | PostgreSQL %s durable commits/s (4 clients) / %s = %s referrals/s: CellPath reaches %.0f%% | >= 50/s and >= 40%% |%n"
            .formatted(
                throughput.get("confirmedPerSecondSteady"),
                throughput.get("commitsPerReferral"),
                throughput.get("walSyncsPerReferral"),
                r.get("postgresCommitsPerSecond").get("commitsPerSecond"),
                throughput.get("commitsPerReferral"),
                throughput.get("commitCeilingReferralsPerSecond"),
                throughput.get("shareOfCommitCeiling").asDouble() * 100));
    JsonNode cpu = throughput.get("cpu");
    if (cpu != null) {
      StringBuilder parts = new StringBuilder();
      cpu.get("cpuMillisPerReferral")
          .properties()
          .forEach(
              part ->
                  parts
                      .append(parts.isEmpty() ? "" : ", ")
                      .append(part.getKey())
                      .append(' ')
                      .append(part.getValue()));
      out.append(
          "| - CPU per referral during that run | %s ms (%s) | the machine was %.0f%% busy; %s cores / %s ms = %s referrals/s | |%n"
              .formatted(
                  cpu.get("cpuMillisPerReferralTotal"),
                  parts,
                  cpu.get("machineBusyShare").asDouble() * 100,
                  machine.get("cores"),
                  cpu.get("cpuMillisPerReferralTotal"),
                  cpu.get("cpuCeilingReferralsPerSecond")));
    }
    for (String rate : List.of("10", "2")) {
      JsonNode latency = r.get("latencyAt" + rate + "PerSecond");
      if (latency == null) {
        continue;
      }
      JsonNode busy = latency.get("machineBusyShare");
      JsonNode warmUp = r.get("warmUpBeforeLatency");
      out.append(
          "| latency at %s referrals/s (machine %.0f%% busy%s), submitted to confirmation sent | %s | Kafka produce to consume, 1 KB, acks=all: %s | |%n"
              .formatted(
                  rate,
                  busy == null ? Double.NaN : busy.asDouble() * 100,
                  warmUp == null ? "" : ", after " + warmUp.get("referrals") + " warm-up referrals",
                  percentiles(latency.get("submittedToConfirmationSent")),
                  percentiles(kafka)));
      for (String hop :
          List.of(
              "submittedToReviewOpened",
              "reviewOpenedToApproved",
              "approvedToPairBooked",
              "pairBookedToConfirmationQueued",
              "confirmationQueuedToSent",
              "approvedToConfirmationSent")) {
        out.append(
            "| - %s | %s | | %s |%n"
                .formatted(
                    hop,
                    percentiles(latency.get(hop)),
                    hop.equals("approvedToConfirmationSent") ? "p99 <= 250 ms (at 10/s)" : ""));
      }
    }
    JsonNode first = r.get("firstStartWithMigrations");
    if (first != null) {
      first.properties().stream()
          .filter(service -> service.getValue().isObject())
          .forEach(
              service ->
                  out.append(
                      "| %s first start (schema migrated) / RSS after all the load above, jar on JDK %s | %s s / %s MiB | | |%n"
                          .formatted(
                              service.getKey(),
                              machine.get("java").asString(),
                              service.getValue().get("readySeconds"),
                              service.getValue().get("rssMiBAfterLoad"))));
    }
    JsonNode modes = r.get("startupModes");
    if (modes != null) {
      modes.properties().stream()
          .filter(mode -> mode.getValue().has("error"))
          .forEach(
              mode ->
                  out.append(
                      "| start-up %s | could not run: %s | | |%n"
                          .formatted(
                              mode.getValue().get("how").asString(),
                              mode.getValue().get("error").asString())));
      modes.properties().stream()
          .filter(mode -> mode.getValue().has("services"))
          .forEach(
              mode ->
                  mode.getValue()
                      .get("services")
                      .properties()
                      .forEach(
                          service ->
                              out.append(
                                  "| %s start-up to ready, alone / RSS after %s referrals: %s, JDK %s | %s s / %s MiB | | <= 10 s / <= 350 MB (JDK 17) |%n"
                                      .formatted(
                                          service.getKey(),
                                          mode.getValue().get("warmUpReferrals"),
                                          mode.getValue().get("how").asString(),
                                          mode.getValue().get("java").asString(),
                                          service.getValue().get("readySeconds"),
                                          service.getValue().get("rssMiBAfterWarmUp")))));
    }
    out.append("\nOther figures (planner, booking contention) are in benchmark.json.\n");
    return out.toString();
  }

  private static String percentiles(JsonNode figures) {
    return figures == null || !figures.has("p50Millis")
        ? "n/a"
        : "p50 %s / p95 %s / p99 %s ms (%s samples)"
            .formatted(
                figures.get("p50Millis"),
                figures.get("p95Millis"),
                figures.get("p99Millis"),
                figures.get("samples"));
  }

  // ------------------------------------------------------------------------------------------- the
  // machine

  /**
   * Durable commits per second: 4 clients, each inserting one row per transaction, for 5 s, on the
   * same server.
   */
  private static Map<String, Object> postgresCommitRate(FaultSystem system) throws Exception {
    try (Connection db = system.database(CellPathService.NOTIFICATION);
        Statement ddl = db.createStatement()) {
      ddl.execute(
          "create table if not exists bench_commit (id bigserial primary key, value text not null)");
    }
    int clients = 4;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Long>> counts = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      counts.add(
          pool.submit(
              () -> {
                long commits = 0;
                try (Connection db = system.database(CellPathService.NOTIFICATION);
                    PreparedStatement insert =
                        db.prepareStatement("insert into bench_commit (value) values (?)")) {
                  db.setAutoCommit(true);
                  while (System.nanoTime() < until) {
                    insert.setString(1, "x");
                    insert.executeUpdate();
                    commits++;
                  }
                }
                return commits;
              }));
    }
    long total = 0;
    for (Future<Long> count : counts) {
      total += count.get();
    }
    pool.shutdown();
    try (Connection db = system.database(CellPathService.NOTIFICATION);
        Statement ddl = db.createStatement()) {
      ddl.execute("drop table bench_commit");
    }
    return Map.of("clients", clients, "seconds", 5, "commitsPerSecond", Math.round(total / 5.0));
  }

  /**
   * Produce-to-consume latency of 1 KB records with {@code acks=all}, 2,000 records at 200/s, same
   * broker.
   */
  private static Map<String, Object> kafkaLatency(FaultSystem system) throws Exception {
    String topic = "bench-latency-" + UUID.randomUUID();
    int records = 2_000;
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    system.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.LINGER_MS_CONFIG,
                    0,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class));
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    system.bootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    100))) {
      producer
          .send(new ProducerRecord<>(topic, 0, null, new byte[1024]))
          .get(); // creates the topic
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      long[] latencies = new long[records];
      int received = 0;
      long next = System.nanoTime();
      int sent = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received < records && System.nanoTime() < deadline) {
        while (sent < records && System.nanoTime() >= next) {
          byte[] value = new byte[1024];
          java.nio.ByteBuffer.wrap(value).putLong(System.nanoTime());
          producer.send(new ProducerRecord<>(topic, 0, null, value));
          sent++;
          next += TimeUnit.MILLISECONDS.toNanos(5);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(1))) {
          if (received < records) {
            latencies[received++] =
                System.nanoTime() - java.nio.ByteBuffer.wrap(record.value()).getLong();
          }
        }
      }
      assertThat(received).as("records consumed").isEqualTo(records);
      Map<String, Object> figures =
          percentilesMillis(Arrays.stream(latencies).mapToDouble(n -> n / 1e6).toArray());
      figures.put("records", records);
      figures.put("recordBytes", 1024);
      return figures;
    }
  }

  // -------------------------------------------------------------------------------------------
  // CellPath

  /**
   * Figure 2: a steady rate, then each hop from the services' own timestamps, and how busy the
   * machine was from the first submission to the last confirmation.
   */
  private Map<String, Object> latency(FaultSystem system, double rate, int referrals)
      throws Exception {
    CpuMeter.Reading before = new CpuMeter(Map.of()).read();
    List<ReferralLoad.Submission> submissions =
        load.submitAtRate(
            "latency-" + rate, referrals, rate, () -> endpoints(system), Duration.ofMinutes(2));
    List<UUID> ids = acknowledged(submissions);
    awaitConfirmed(system, ids, Duration.ofMinutes(15));
    Map<String, Object> cpu = CpuMeter.between(before, new CpuMeter(Map.of()).read(), ids.size());
    Map<UUID, Instant[]> hops = hops(system, ids);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("referrals", ids.size());
    figures.put("offeredPerSecond", rate);
    figures.put("machineBusyShare", cpu.get("machineBusyShare"));
    figures.put("cpuMillisPerReferral", cpu.get("cpuMillisPerReferralTotal"));
    figures.put("submittedToConfirmationSent", percentilesMillis(between(hops, 0, 5)));
    figures.put("submittedToReviewOpened", percentilesMillis(between(hops, 0, 1)));
    figures.put("reviewOpenedToApproved", percentilesMillis(between(hops, 1, 2)));
    figures.put("approvedToPairBooked", percentilesMillis(between(hops, 2, 3)));
    figures.put("pairBookedToConfirmationSent", percentilesMillis(between(hops, 3, 5)));
    figures.put("pairBookedToConfirmationQueued", percentilesMillis(between(hops, 3, 4)));
    figures.put("confirmationQueuedToSent", percentilesMillis(between(hops, 4, 5)));
    figures.put("approvedToConfirmationSent", percentilesMillis(between(hops, 2, 5)));
    return figures;
  }

  /**
   * Steady state before the latency figures: {@link #WARM_UP_REFERRALS} referrals through the
   * freshly started services (8 at a time), so that class loading, the JIT's first compilations and
   * the pools' first connections are behind them, as in a service that has been running. Not
   * measured.
   */
  private Map<String, Object> warmUp(FaultSystem system) throws Exception {
    long started = System.nanoTime();
    List<UUID> ids =
        acknowledged(
            load.submit(
                "warm-up", WARM_UP_REFERRALS, 8, () -> endpoints(system), Duration.ofMinutes(5)));
    awaitConfirmed(system, ids, Duration.ofMinutes(10));
    return Map.of("referrals", ids.size(), "seconds", seconds(started));
  }

  /**
   * Figure 5: each service restarted alone in each start-up mode (the database already migrated),
   * then all three warmed up with {@link #WARM_UP_REFERRALS} referrals before their resident memory
   * is read. JDK 25's mode runs only where that JDK is installed.
   */
  private Map<String, Object> startupModes(FaultSystem system, List<FaultSystem.Instance> instances)
      throws Exception {
    Path work = RepoRoot.find().resolve("local-stack/target/benchmark-startup");
    Map<StartupModes, Path> modes = new LinkedHashMap<>();
    for (String name : MODES.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      StartupModes mode = StartupModes.valueOf(name.trim());
      if (mode == StartupModes.AOT_CACHE) {
        StartupModes.java25().ifPresent(java -> modes.put(mode, java));
      } else {
        modes.put(mode, StartupModes.currentJava());
      }
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    for (Map.Entry<StartupModes, Path> mode : modes.entrySet()) {
      try {
        figures.put(
            mode.getKey().name(),
            startupMode(system, instances, mode.getKey(), mode.getValue(), work));
      } catch (Exception | AssertionError e) {
        // One mode that cannot run here (a training run that fails, say) must not cost the other
        // figures.
        figures.put(
            mode.getKey().name(),
            Map.of("how", mode.getKey().description(), "error", String.valueOf(e)));
        for (FaultSystem.Instance instance : instances) {
          system.stop(instance);
          system.runWith(instance.service(), null);
          system.start(instance);
        }
      }
    }
    for (FaultSystem.Instance instance : instances) {
      system.runWith(instance.service(), null);
    }
    return figures;
  }

  private Map<String, Object> startupMode(
      FaultSystem system,
      List<FaultSystem.Instance> instances,
      StartupModes mode,
      Path java,
      Path work)
      throws Exception {
    Map<String, FaultSystem.Runner> runners = new LinkedHashMap<>();
    for (FaultSystem.Instance instance : instances) {
      system.stop(instance);
    }
    for (FaultSystem.Instance instance : instances) {
      runners.put(instance.service().serviceName(), mode.prepare(system, instance, java, work));
    }
    Map<String, Object> services = new LinkedHashMap<>();
    for (FaultSystem.Instance instance : instances) {
      system.runWith(instance.service(), runners.get(instance.service().serviceName()));
      long started = System.nanoTime();
      system.start(instance);
      services.put(
          instance.service().serviceName(),
          new LinkedHashMap<>(Map.of("readySeconds", seconds(started))));
    }
    List<UUID> ids =
        acknowledged(
            load.submit(
                "warm-up-" + mode.name().toLowerCase(),
                WARM_UP_REFERRALS,
                8,
                () -> endpoints(system),
                Duration.ofMinutes(5)));
    awaitConfirmed(system, ids, Duration.ofMinutes(10));
    for (FaultSystem.Instance instance : instances) {
      @SuppressWarnings("unchecked")
      Map<String, Object> service =
          (Map<String, Object>) services.get(instance.service().serviceName());
      service.put("rssMiBAfterWarmUp", rssMiB(system.process(instance).pid()));
    }
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("how", mode.description());
    figure.put("java", StartupModes.version(java));
    figure.put("warmUpReferrals", ids.size());
    figure.put("services", services);
    return figure;
  }

  /**
   * Figure 1: as many referrals as the system takes, then the rate at which confirmations went out.
   */
  private Map<String, Object> throughput(FaultSystem system, Map<?, ?> postgres) throws Exception {
    long idleStarted = System.nanoTime();
    long idleCommitsBefore = commits(system);
    // The pollers' own transactions (outbox relays, dispatcher, waitlist) over 10 s of no load, to
    // subtract: a
    // measuring window, not a wait for an outcome.
    TimeUnit.SECONDS.sleep(10);
    double idleCommitsPerSecond = (commits(system) - idleCommitsBefore) / seconds(idleStarted);

    Map<String, Long> pids = new LinkedHashMap<>();
    for (CellPathService service : CellPathService.values()) {
      pids.put(service.serviceName(), system.process(system.first(service)).pid());
    }
    CpuMeter cpu = new CpuMeter(pids);
    PostgresStatements.reset(system);
    CpuMeter.Reading cpuBefore = cpu.read();
    long commitsBefore = commits(system);
    long walSyncsBefore = walSyncs(system);
    long started = System.nanoTime();
    List<ReferralLoad.Submission> submissions =
        load.submit("throughput", REFERRALS, 16, () -> endpoints(system), Duration.ofMinutes(10));
    double submittedSeconds = seconds(started);
    List<UUID> ids = acknowledged(submissions);
    assertThat(ids).hasSize(REFERRALS);
    awaitConfirmed(system, ids, Duration.ofMinutes(60));
    CpuMeter.Reading cpuAfter = cpu.read();
    double totalSeconds = seconds(started);
    long commits = commits(system) - commitsBefore;
    long walSyncs = walSyncs(system) - walSyncsBefore;

    Map<UUID, Instant[]> hops = hops(system, ids);
    double[] sent =
        hops.values().stream().mapToDouble(h -> h[5].toEpochMilli() / 1000.0).sorted().toArray();
    int from = (int) (sent.length * 0.1);
    int to = (int) (sent.length * 0.9);
    double steady = (to - from) / (sent[to] - sent[from]);
    double commitsPerReferral = (commits - idleCommitsPerSecond * totalSeconds) / ids.size();
    long commitRate = ((Number) postgres.get("commitsPerSecond")).longValue();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("referrals", ids.size());
    figures.put("submittedPerSecond", round(ids.size() / submittedSeconds));
    figures.put("confirmedPerSecondSteady", round(steady));
    figures.put("secondsFirstSubmissionToLastConfirmation", round(totalSeconds));
    figures.put(
        "backlogWhenSubmissionsEnded", ids.size() - count(sent, sent[0] + submittedSeconds));
    figures.put("commitsPerReferral", round(commitsPerReferral));
    figures.put("walSyncsPerReferral", round((double) walSyncs / ids.size()));
    figures.put("idleCommitsPerSecond", round(idleCommitsPerSecond));
    figures.put("commitCeilingReferralsPerSecond", round(commitRate / commitsPerReferral));
    figures.put("shareOfCommitCeiling", round(steady / (commitRate / commitsPerReferral)));
    figures.put("cpu", CpuMeter.between(cpuBefore, cpuAfter, ids.size()));
    // Where the backlog waited: a stage that cannot keep up shows as the hop whose times grow.
    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put("submittedToReviewOpened", percentilesMillis(between(hops, 0, 1)));
    stages.put("reviewOpenedToApproved", percentilesMillis(between(hops, 1, 2)));
    stages.put("approvedToPairBooked", percentilesMillis(between(hops, 2, 3)));
    stages.put("pairBookedToConfirmationQueued", percentilesMillis(between(hops, 3, 4)));
    stages.put("confirmationQueuedToSent", percentilesMillis(between(hops, 4, 5)));
    figures.put("hops", stages);
    figures.put("postgresql", PostgresStatements.since(system, ids.size()));
    return figures;
  }

  private static long count(double[] sortedSeconds, double until) {
    return Arrays.stream(sortedSeconds).filter(t -> t <= until).count();
  }

  /** Waits until each referral's confirmation email is SENT (accepted by the SMTP server). */
  private static void awaitConfirmed(FaultSystem system, List<UUID> ids, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              try (Connection db = system.database(CellPathService.NOTIFICATION);
                  PreparedStatement statement =
                      db.prepareStatement(
                          """
              select count(*) from notification where kind = 'BOOKING_CONFIRMATION' and channel = 'EMAIL'
              and status = 'SENT' and referral_id = any(?)""")) {
                statement.setArray(1, db.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                  rows.next();
                  return rows.getLong(1) == ids.size();
                }
              }
            });
  }

  /**
   * Per referral: submitted, review opened, approved, pair booked, confirmation email queued, and
   * sent.
   */
  private static Map<UUID, Instant[]> hops(FaultSystem system, List<UUID> ids) throws Exception {
    Map<UUID, Instant[]> hops = new LinkedHashMap<>();
    ids.forEach(id -> hops.put(id, new Instant[6]));
    fill(
        system,
        CellPathService.REFERRAL,
        "select id, submitted_at from referral where id = any(?)",
        hops,
        0);
    fill(
        system,
        CellPathService.REFERRAL,
        "select referral_id, opened_at from eligibility_review " + "where referral_id = any(?)",
        hops,
        1);
    fill(
        system,
        CellPathService.REFERRAL,
        "select referral_id, decided_at from eligibility_review "
            + "where state = 'APPROVED' and referral_id = any(?)",
        hops,
        2);
    fill(
        system,
        CellPathService.SCHEDULING,
        "select referral_id, booked_at from appointment_pair " + "where referral_id = any(?)",
        hops,
        3);
    fill(
        system,
        CellPathService.NOTIFICATION,
        "select referral_id, created_at from notification "
            + "where kind = 'BOOKING_CONFIRMATION' and channel = 'EMAIL' and referral_id = any(?)",
        hops,
        4);
    fill(
        system,
        CellPathService.NOTIFICATION,
        "select referral_id, sent_at from notification "
            + "where kind = 'BOOKING_CONFIRMATION' and channel = 'EMAIL' and referral_id = any(?)",
        hops,
        5);
    return hops;
  }

  private static void fill(
      FaultSystem system, CellPathService service, String sql, Map<UUID, Instant[]> hops, int hop)
      throws Exception {
    try (Connection db = system.database(service);
        PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setArray(1, db.createArrayOf("uuid", hops.keySet().toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          hops.get(UUID.fromString(rows.getString(1)))[hop] = rows.getTimestamp(2).toInstant();
        }
      }
    }
  }

  private static double[] between(Map<UUID, Instant[]> hops, int from, int to) {
    return hops.values().stream()
        .filter(h -> h[from] != null && h[to] != null)
        .mapToDouble(h -> Duration.between(h[from], h[to]).toNanos() / 1e6)
        .toArray();
  }

  private static long commits(FaultSystem system) throws Exception {
    return single(
        system,
        "select sum(xact_commit) from pg_stat_database "
            + "where datname in ('referral', 'scheduling', 'notification')");
  }

  private static long walSyncs(FaultSystem system) throws Exception {
    return single(system, "select wal_sync from pg_stat_wal");
  }

  private static long single(FaultSystem system, String sql) throws Exception {
    try (Connection db = system.database(CellPathService.REFERRAL);
        Statement statement = db.createStatement()) {
      // Statistics are flushed lazily; ask for fresh ones.
      statement.execute("select pg_stat_force_next_flush()");
      try (ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static List<URI> endpoints(FaultSystem system) {
    return system.instances(CellPathService.REFERRAL).stream()
        .map(instance -> URI.create("http://localhost:" + instance.port()))
        .toList();
  }

  private static List<UUID> acknowledged(List<ReferralLoad.Submission> submissions) {
    return submissions.stream()
        .filter(s -> s.referralId() != null)
        .map(s -> UUID.fromString(s.referralId()))
        .toList();
  }

  /** Resident memory of a process, from {@code /proc/<pid>/status}. */
  private static long rssMiB(long pid) throws Exception {
    for (String line :
        Files.readAllLines(
            Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.UTF_8)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static Map<String, Object> percentilesMillis(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("samples", sorted.length);
    if (sorted.length > 0) {
      figures.put("p50Millis", round(sorted[(int) (sorted.length * 0.50)]));
      figures.put(
          "p95Millis", round(sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.95))]));
      figures.put(
          "p99Millis", round(sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))]));
      figures.put("maxMillis", round(sorted[sorted.length - 1]));
    }
    return figures;
  }

  private static double seconds(long sinceNanos) {
    return round((System.nanoTime() - sinceNanos) / 1e9);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
