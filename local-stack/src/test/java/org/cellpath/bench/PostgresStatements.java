package org.cellpath.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cellpath.faults.FaultSystem;
import org.cellpath.localstack.CellPathService;

/**
 * Where PostgreSQL's time went during a phase, per referral: the statements that took most of it
 * (from {@code pg_stat_statements}, which {@link FaultSystem} preloads), and the tables read by
 * sequential scans. Statement texts are normalised by PostgreSQL (every literal is a {@code $n}),
 * so no patient data appears.
 */
final class PostgresStatements {

  private static final int TOP = 15;

  private PostgresStatements() {}

  /** Forgets the counts so far, so that the next {@link #since} covers one phase. */
  static void reset(FaultSystem system) throws SQLException {
    try (Connection db = system.database(CellPathService.REFERRAL);
        Statement statement = db.createStatement()) {
      statement.execute("create extension if not exists pg_stat_statements");
      statement.execute("select pg_stat_statements_reset()");
    }
    for (CellPathService service : CellPathService.values()) {
      try (Connection db = system.database(service);
          Statement statement = db.createStatement()) {
        statement.execute("select pg_stat_reset()");
      }
    }
  }

  /**
   * The statements that took most execution time since {@link #reset}, and each service's tables
   * that sequential scans read rows from.
   *
   * @param referrals the referrals completed since the reset, to divide by
   */
  static Map<String, Object> since(FaultSystem system, int referrals) throws SQLException {
    Map<String, Object> figures = new LinkedHashMap<>();
    List<Map<String, Object>> statements = new ArrayList<>();
    double total;
    try (Connection db = system.database(CellPathService.REFERRAL);
        Statement statement = db.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "select sum(total_exec_time), sum(calls) from pg_stat_statements")) {
        rows.next();
        total = rows.getDouble(1);
        figures.put("executionMillisPerReferral", round(total / referrals));
        figures.put("statementsPerReferral", round(rows.getDouble(2) / referrals));
      }
      try (ResultSet rows =
          statement.executeQuery(
              """
          select d.datname, s.query, s.calls, s.total_exec_time, s.rows, s.shared_blks_hit + s.shared_blks_read
          from pg_stat_statements s join pg_database d on d.oid = s.dbid
          order by s.total_exec_time desc limit %d"""
                  .formatted(TOP))) {
        while (rows.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          long calls = rows.getLong(3);
          row.put("database", rows.getString(1));
          row.put("query", rows.getString(2).replaceAll("\\s+", " ").trim());
          row.put("callsPerReferral", round((double) calls / referrals));
          row.put("millisPerReferral", round(rows.getDouble(4) / referrals));
          row.put("shareOfExecutionTime", round(rows.getDouble(4) / total));
          row.put("meanMillis", round(rows.getDouble(4) / calls));
          row.put("rowsPerCall", round((double) rows.getLong(5) / calls));
          row.put("buffersPerCall", round((double) rows.getLong(6) / calls));
          statements.add(row);
        }
      }
    }
    figures.put("topStatements", statements);
    List<Map<String, Object>> scans = new ArrayList<>();
    for (CellPathService service : CellPathService.values()) {
      try (Connection db = system.database(service);
          Statement statement = db.createStatement()) {
        statement.execute("select pg_stat_force_next_flush()");
        try (ResultSet rows =
            statement.executeQuery(
                """
            select relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, n_dead_tup, autovacuum_count
            from pg_stat_user_tables where seq_tup_read > 0 order by seq_tup_read desc""")) {
          while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", service.databaseName() + "." + rows.getString(1));
            row.put("seqScansPerReferral", round((double) rows.getLong(2) / referrals));
            row.put("rowsReadBySeqScansPerReferral", round((double) rows.getLong(3) / referrals));
            row.put("indexScansPerReferral", round((double) rows.getLong(4) / referrals));
            row.put("liveRows", rows.getLong(5));
            row.put("deadRows", rows.getLong(6));
            row.put("autovacuums", rows.getLong(7));
            scans.add(row);
          }
        }
      }
    }
    figures.put("tablesReadBySequentialScans", scans);
    return figures;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
