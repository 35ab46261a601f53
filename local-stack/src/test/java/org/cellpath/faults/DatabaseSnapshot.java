package org.cellpath.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cellpath.localstack.CellPathService;

/**
 * The content of every table of every service database as a row count and an MD5 over all rows in a
 * fixed order: two snapshots are equal exactly when no row was added, removed or changed. The audit
 * trail (which records the test's own reads) and Flyway's history are left out.
 */
final class DatabaseSnapshot {

  private static final List<String> LEFT_OUT = List.of("audit_event", "flyway_schema_history");

  private DatabaseSnapshot() {}

  /** {@code "<database>.<table>" -> "<rows> rows, md5 <hash>"} for every table. */
  static Map<String, String> take(FaultSystem system) throws SQLException {
    Map<String, String> tables = new TreeMap<>();
    for (CellPathService service : CellPathService.values()) {
      try (Connection db = system.database(service)) {
        for (String table :
            Reconciler.strings(
                db,
                "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
          if (LEFT_OUT.contains(table)) {
            continue;
          }
          // Table names come from the catalogue, not from input.
          try (PreparedStatement statement =
                  db.prepareStatement(
                      "select count(*), md5(coalesce(string_agg(t::text, "
                          + "'|' order by t::text), '')) from "
                          + table
                          + " t");
              ResultSet rows = statement.executeQuery()) {
            rows.next();
            tables.put(
                service.databaseName() + "." + table,
                rows.getLong(1) + " rows, md5 " + rows.getString(2));
          }
        }
      }
    }
    return tables;
  }

  /** The tables whose content differs, or that exist in only one snapshot. */
  static List<String> differences(Map<String, String> before, Map<String, String> after) {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    return names.stream()
        .filter(name -> !Objects.equals(before.get(name), after.get(name)))
        .toList();
  }
}
