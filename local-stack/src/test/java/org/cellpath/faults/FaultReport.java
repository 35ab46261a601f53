package org.cellpath.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result of a fault-test run, written from the run itself: per scenario, what was done and what was counted at
 * the receiving end; per scenario and message kind, sent / received / lost / duplicated / resent; and per planted
 * defect, the check that caught it. Printed, and written to {@code local-stack/target/faults/fault-report.{md,json}}.
 */
final class FaultReport {

  /** One scenario. {@code resentBound} is how many same-identity resends its fault can explain. */
  record Row(String scenario, String title, Reconciler.Result result, int resentBound, Map<String, Object> figures,
      double seconds, boolean passed) {}

  /** One planted defect and what the reconciliation said about it. */
  record Plant(String defect, String check, boolean caught, List<String> findings) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<Plant> plants = new ArrayList<>();
  private final Path directory;

  FaultReport(Path directory) {
    this.directory = directory;
  }

  synchronized void add(Row row) {
    rows.add(row);
    write();
  }

  synchronized void add(Plant plant) {
    plants.add(plant);
    write();
  }

  synchronized String table() {
    StringBuilder out = new StringBuilder();
    out.append("| # | scenario | submitted | acknowledged | actions done | pairs booked | messages expected | received "
        + "| lost | duplicated | resent (bound) | unexpected | SMS rule breaks | lost events | double-booked "
        + "| healthy records dead-lettered | s | result |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      Reconciler.Result r = row.result();
      Reconciler.Tally total = total(r);
      out.append("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d (%d) | %d | %d | %d | %d | %d | %.0f | %s |%n"
          .formatted(row.scenario(), row.title(), r.submitted(), r.acknowledged(),
              r.actionsDone().values().stream().mapToInt(Integer::intValue).sum(), r.pairsBooked(), total.expected(),
              total.received(), r.lost(), r.duplicated(), r.resent(), row.resentBound(), r.unexpected(),
              r.ruleBreaks(), r.lostEvents(), r.doubleBooked(), r.healthyDeadLettered(), row.seconds(),
              row.passed() ? "pass" : "FAIL"));
    }
    out.append("\nBy message kind, all scenarios:\n\n");
    out.append("| message | expected | received | lost | duplicated | resent | unexpected |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    Map<String, Reconciler.Tally> kinds = new TreeMap<>();
    rows.forEach(row -> row.result().byKind().forEach((kind, tally) -> kinds.merge(kind, tally,
        Reconciler.Tally::plus)));
    kinds.forEach((kind, t) -> out.append("| %s | %d | %d | %d | %d | %d | %d |%n".formatted(kind, t.expected(),
        t.received(), t.lost(), t.duplicated(), t.resent(), t.unexpected())));
    if (!plants.isEmpty()) {
      out.append("\nPlanted defects:\n\n| defect | check | caught |\n|---|---|---|\n");
      plants.forEach(p -> out.append("| %s | %s | %s |%n".formatted(p.defect(), p.check(),
          p.caught() ? "yes" : "NO")));
    }
    out.append('\n');
    for (Row row : rows) {
      out.append("- %s. %s: actions %s; %s%n".formatted(row.scenario(), row.title(), row.result().actionsDone(),
          row.figures()));
      row.result().problems().stream().limit(25).forEach(problem -> out.append("  - ").append(problem).append('\n'));
    }
    return out.toString();
  }

  private static Reconciler.Tally total(Reconciler.Result r) {
    return r.byKind().values().stream().reduce(new Reconciler.Tally(0, 0, 0, 0, 0, 0), Reconciler.Tally::plus);
  }

  private void write() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("writtenAt", Instant.now().toString());
    json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.version"), "os", System.getProperty("os.name")));
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (Row row : rows) {
      Reconciler.Result r = row.result();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("scenario", row.scenario());
      entry.put("title", row.title());
      entry.put("passed", row.passed());
      entry.put("seconds", Math.round(row.seconds()));
      entry.put("submitted", r.submitted());
      entry.put("acknowledged", r.acknowledged());
      entry.put("actionsDone", r.actionsDone());
      entry.put("pairsBooked", r.pairsBooked());
      entry.put("lost", r.lost());
      entry.put("duplicated", r.duplicated());
      entry.put("resent", r.resent());
      entry.put("resentBound", row.resentBound());
      entry.put("unexpected", r.unexpected());
      entry.put("smsRuleBreaks", r.ruleBreaks());
      entry.put("lostEvents", r.lostEvents());
      entry.put("doubleBooked", r.doubleBooked());
      entry.put("healthyRecordsDeadLettered", r.healthyDeadLettered());
      entry.put("redeliveredRecordsAbsorbed", r.redeliveredRecords());
      entry.put("byKind", r.byKind());
      entry.put("figures", row.figures());
      entry.put("findings", r.findings());
      scenarios.add(entry);
    }
    json.put("scenarios", scenarios);
    json.put("plantedDefects", plants);
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("fault-report.json"),
          JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json));
      Files.writeString(directory.resolve("fault-report.md"), table());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
