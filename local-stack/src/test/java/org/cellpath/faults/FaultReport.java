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
 * The result of a fault-test run, written from the run itself: per scenario, what was done and what
 * was counted at the receiving end; per scenario and message kind, sent / received / lost /
 * duplicated / resent; and per planted defect, the check that caught it. Printed, and written to
 * {@code local-stack/target/faults/fault-report.{md,json}}.
 */
final class FaultReport {

  /** One scenario. {@code resentBound} is how many same-identity resends its fault can explain. */
  record Row(
      String scenario,
      String title,
      Reconciler.Result result,
      int resentBound,
      Map<String, Object> figures,
      double seconds,
      boolean passed) {}

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
    out.append(
        "| # | scenario | submitted | acknowledged | actions done | pairs booked | messages owed "
            + "| received | booking SMS owed | booking SMS received | lost | duplicated | resent (bound) | unexpected "
            + "| SMS rule breaks | lost events | double-booked | healthy records dead-lettered | s | result |\n");
    out.append(
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      Reconciler.Result r = row.result();
      Reconciler.Tally email = total(r, false);
      Reconciler.Tally sms = total(r, true);
      Reconciler.Tally owed =
          r.byKind().getOrDefault(Reconciler.SMS_BY_NUMBER_AND_DAY, Reconciler.Tally.NONE);
      out.append(
          ("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d (%d) | %d | %d | %d | %d | %d "
                  + "| %.0f | %s |%n")
              .formatted(
                  row.scenario(),
                  row.title(),
                  r.submitted(),
                  r.acknowledged(),
                  r.actionsDone().values().stream().mapToInt(Integer::intValue).sum(),
                  r.pairsBooked(),
                  email.expected(),
                  email.received(),
                  owed.expected(),
                  sms.received(),
                  r.lost(),
                  r.duplicated(),
                  r.resent(),
                  row.resentBound(),
                  r.unexpected(),
                  r.ruleBreaks(),
                  r.lostEvents(),
                  r.doubleBooked(),
                  r.healthyDeadLettered(),
                  row.seconds(),
                  row.passed() ? "pass" : "FAIL"));
    }
    out.append("\nBy message kind, all scenarios:\n\n");
    out.append(
        "| message | must arrive | may arrive | received | lost | duplicated | resent | unexpected |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    Map<String, Reconciler.Tally> kinds = new TreeMap<>();
    rows.forEach(
        row ->
            row.result()
                .byKind()
                .forEach((kind, tally) -> kinds.merge(kind, tally, Reconciler.Tally::plus)));
    // The SMS row by number and day counts the same texts as the SMS rows by kind: printed last,
    // apart.
    Reconciler.Tally perNumber = kinds.remove(Reconciler.SMS_BY_NUMBER_AND_DAY);
    kinds.forEach((kind, t) -> out.append(kindRow(kind, t)));
    if (perNumber != null) {
      out.append(kindRow(Reconciler.SMS_BY_NUMBER_AND_DAY, perNumber));
    }
    out.append(
        "\nMessages owed: every email, and every reminder by the channel the patient chose. A booking, move or"
            + " cancellation SMS is owed when the number's daily and weekly limits leave room for it on the day it is due"
            + " (its window open): the (SMS) rows by kind may arrive, and their loss is counted in the last row.\n");
    if (!plants.isEmpty()) {
      out.append("\nPlanted defects:\n\n| defect | check | caught |\n|---|---|---|\n");
      plants.forEach(
          p ->
              out.append(
                  "| %s | %s | %s |%n"
                      .formatted(p.defect(), p.check(), p.caught() ? "yes" : "NO")));
    }
    out.append('\n');
    for (Row row : rows) {
      out.append(
          "- %s. %s: actions %s; %s; emails about times replaced before they went, superseded: %d%n"
              .formatted(
                  row.scenario(),
                  row.title(),
                  row.result().actionsDone(),
                  row.figures(),
                  row.result().supersededMessages()));
      row.result().problems().stream()
          .limit(25)
          .forEach(problem -> out.append("  - ").append(problem).append('\n'));
    }
    return out.toString();
  }

  private static String kindRow(String kind, Reconciler.Tally t) {
    return "| %s | %d | %d | %d | %d | %d | %d | %d |%n"
        .formatted(
            kind,
            t.expected(),
            t.allowed(),
            t.received(),
            t.lost(),
            t.duplicated(),
            t.resent(),
            t.unexpected());
  }

  /**
   * A scenario's messages by kind: the booking SMS (the "(SMS)" rows), or everything else (without
   * the SMS row by number and day, which counts the booking SMS again).
   */
  private static Reconciler.Tally total(Reconciler.Result r, boolean sms) {
    return r.byKind().entrySet().stream()
        .filter(e -> !e.getKey().equals(Reconciler.SMS_BY_NUMBER_AND_DAY))
        .filter(e -> e.getKey().endsWith(" (SMS)") == sms)
        .map(Map.Entry::getValue)
        .reduce(Reconciler.Tally.NONE, Reconciler.Tally::plus);
  }

  private void write() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("writtenAt", Instant.now().toString());
    json.put(
        "machine",
        Map.of(
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "java",
            System.getProperty("java.version"),
            "os",
            System.getProperty("os.name")));
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
      entry.put("supersededMessages", r.supersededMessages());
      entry.put("byKind", r.byKind());
      entry.put("figures", row.figures());
      entry.put("findings", r.findings());
      scenarios.add(entry);
    }
    json.put("scenarios", scenarios);
    json.put("plantedDefects", plants);
    try {
      Files.createDirectories(directory);
      Files.writeString(
          directory.resolve("fault-report.json"),
          JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build()
              .writeValueAsString(json));
      Files.writeString(directory.resolve("fault-report.md"), table());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
