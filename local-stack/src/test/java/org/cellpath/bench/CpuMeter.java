package org.cellpath.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of the system, read from {@code /proc}: the service processes,
 * PostgreSQL (every {@code postgres} process, plus what its postmaster reaped from backends that
 * ended), this JVM (the broker, the SMTP server, the SMS stub and the load generator), and the
 * whole machine's busy time. Two readings give who used the cores in between, and so what bounds a
 * throughput when the machine is saturated.
 */
final class CpuMeter {

  /** Linux's {@code USER_HZ}: {@code /proc} counts CPU time in hundredths of a second. */
  private static final double TICKS_PER_SECOND = 100.0;

  /** One reading: CPU seconds per part, and the machine's busy and total seconds over all cores. */
  record Reading(
      Map<String, Double> seconds,
      Map<String, Double> postgresParts,
      double machineBusy,
      double machineTotal,
      long atNanos) {}

  private final Map<String, Long> services;

  /**
   * @param services the service processes to account for, by name
   */
  CpuMeter(Map<String, Long> services) {
    this.services = Map.copyOf(services);
  }

  Reading read() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    services.forEach((name, pid) -> seconds.put(name, processSeconds(pid, false)));
    Map<String, Double> postgresParts = postgresSeconds();
    seconds.put(
        "postgresql", postgresParts.values().stream().mapToDouble(Double::doubleValue).sum());
    seconds.put(
        "broker, SMTP, SMS stub, load generator (one JVM)",
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9);
    double[] machine = machineSeconds();
    return new Reading(seconds, postgresParts, machine[0], machine[1], System.nanoTime());
  }

  /**
   * Where the CPU went between two readings, per referral, and how busy the machine was.
   *
   * @param before the first reading
   * @param after the second
   * @param referrals the referrals completed in between
   * @return milliseconds of CPU per referral per part, the total, and the machine's busy share
   */
  static Map<String, Object> between(Reading before, Reading after, int referrals) {
    Map<String, Object> figures = new LinkedHashMap<>();
    Map<String, Object> perReferral = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, Double> part : after.seconds().entrySet()) {
      double used = part.getValue() - before.seconds().getOrDefault(part.getKey(), 0.0);
      total += used;
      perReferral.put(part.getKey(), round(used * 1000 / referrals));
    }
    double wall = (after.atNanos() - before.atNanos()) / 1e9;
    int cores = Runtime.getRuntime().availableProcessors();
    figures.put("cpuMillisPerReferral", perReferral);
    figures.put("cpuMillisPerReferralTotal", round(total * 1000 / referrals));
    Map<String, Object> postgres = new LinkedHashMap<>();
    after
        .postgresParts()
        .forEach(
            (part, seconds) ->
                postgres.put(
                    part,
                    round(
                        (seconds - before.postgresParts().getOrDefault(part, 0.0))
                            * 1000
                            / referrals)));
    figures.put("postgresqlCpuMillisPerReferral", postgres);
    figures.put(
        "machineBusyShare",
        round(
            (after.machineBusy() - before.machineBusy())
                / (after.machineTotal() - before.machineTotal())));
    figures.put("wallSeconds", round(wall));
    // If every core did nothing else: the rate at which this much CPU per referral fills the
    // machine.
    figures.put("cpuCeilingReferralsPerSecond", round(cores / (total / referrals)));
    return figures;
  }

  /**
   * utime + stime of a process, and of its reaped children when asked (fields 14-17 of
   * /proc/pid/stat).
   */
  private static double processSeconds(long pid, boolean withChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name may hold spaces; fields are counted after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      if (withChildren) {
        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      }
      return ticks / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended between listing and reading
    }
  }

  /**
   * CPU seconds of every {@code postgres} process, summed by what it is: the connections of each
   * database, each background process (WAL writer, checkpointer ...), and the processes that ended
   * (autovacuum workers, closed connections), which the postmaster reaped.
   */
  private static Map<String, Double> postgresSeconds() {
    Map<String, Double> parts = new java.util.TreeMap<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process :
          processes
              .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
              .toList()) {
        try {
          if (!Files.readString(process.resolve("comm")).trim().equals("postgres")) {
            continue;
          }
          long pid = Long.parseLong(process.getFileName().toString());
          String stat = Files.readString(process.resolve("stat"));
          long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
          if (!isPostgres(parent)) {
            parts.merge("postmaster", processSeconds(pid, false), Double::sum);
            parts.merge(
                "ended processes (autovacuum workers, closed connections)",
                processSeconds(pid, true) - processSeconds(pid, false),
                Double::sum);
          } else {
            parts.merge(
                role(Files.readString(process.resolve("cmdline"))),
                processSeconds(pid, false),
                Double::sum);
          }
        } catch (IOException | RuntimeException e) {
          // ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list /proc", e);
    }
    return parts;
  }

  /**
   * What a postgres child process is, from the title it sets: {@code postgres: checkpointer}, or
   * {@code postgres: <user> <database> <host> <state>} for a connection.
   */
  static String role(String cmdline) {
    String title = cmdline.replace('\0', ' ').trim();
    if (!title.startsWith("postgres: ")) {
      return "other";
    }
    String[] words = title.substring("postgres: ".length()).split(" ");
    if (words.length >= 3 && (words[2].contains("(") || words[2].equals("[local]"))) {
      return "connections to " + words[1];
    }
    return title.substring("postgres: ".length());
  }

  private static boolean isPostgres(long pid) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid), "comm"))
          .trim()
          .equals("postgres");
    } catch (IOException e) {
      return false;
    }
  }

  /** Busy and total jiffies of all cores, from the first line of /proc/stat, in seconds. */
  private static double[] machineSeconds() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
      String[] fields = lines.get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read /proc/stat", e);
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
