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
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result table of a fault-test run, one row per scenario: printed, and written as Markdown and JSON to
 * {@code local-stack/target/faults/fault-report.{md,json}}.
 */
final class FaultReport {

  /** One scenario: what was sent and what came of it, and the figures particular to the scenario. */
  record Row(int scenario, String title, int sent, Reconciler.Reconciliation result, Map<String, Object> figures,
      double seconds, boolean passed) {}

  private final List<Row> rows = new ArrayList<>();
  private final Path directory;

  FaultReport(Path directory) {
    this.directory = directory;
  }

  synchronized void add(Row row) {
    rows.add(row);
    write();
  }

  synchronized String table() {
    StringBuilder out = new StringBuilder();
    out.append("| # | scenario | sent | acknowledged | pairs booked | confirmations (email + SMS) | lost | duplicated "
        + "| double-booked | healthy records dead-lettered | redelivered, absorbed | same message resent | s | result |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      Reconciler.Reconciliation r = row.result();
      out.append("| %d | %s | %d | %d | %d | %d + %d | %d | %d | %d | %d | %d | %d | %.0f | %s |%n".formatted(
          row.scenario(), row.title(), row.sent(), r.acknowledged(), r.pairs(), r.confirmationEmails(),
          r.confirmationSms(), r.lost(), r.duplicated(), r.doubleBooked(), r.healthyDeadLettered(),
          r.redeliveredRecords(), r.repeatedProviderCalls(), row.seconds(), row.passed() ? "pass" : "FAIL"));
    }
    out.append('\n');
    for (Row row : rows) {
      out.append("- %d. %s: %s%n".formatted(row.scenario(), row.title(), row.figures()));
      row.result().problems().forEach(problem -> out.append("  - ").append(problem).append('\n'));
    }
    return out.toString();
  }

  private void write() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("writtenAt", Instant.now().toString());
    json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.version"), "os", System.getProperty("os.name")));
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (Row row : rows) {
      Reconciler.Reconciliation r = row.result();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("scenario", row.scenario());
      entry.put("title", row.title());
      entry.put("passed", row.passed());
      entry.put("seconds", Math.round(row.seconds()));
      entry.put("sent", row.sent());
      entry.put("acknowledged", r.acknowledged());
      entry.put("stored", r.stored());
      entry.put("approvedReviews", r.reviews());
      entry.put("pairsBooked", r.pairs());
      entry.put("confirmationEmails", r.confirmationEmails());
      entry.put("confirmationSms", r.confirmationSms());
      entry.put("lost", r.lost());
      entry.put("duplicated", r.duplicated());
      entry.put("doubleBooked", r.doubleBooked());
      entry.put("healthyRecordsDeadLettered", r.healthyDeadLettered());
      entry.put("redeliveredRecordsAbsorbed", r.redeliveredRecords());
      entry.put("sameMessageResent", r.repeatedProviderCalls());
      entry.put("outboxPending", r.outboxPending());
      entry.put("figures", row.figures());
      entry.put("problems", r.problems());
      scenarios.add(entry);
    }
    json.put("scenarios", scenarios);
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
