package org.cellpath.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What a database role can do beyond reading and writing rows: the checks behind "the application's
 * role owns nothing and cannot change the audit trail" (ADR 24). Each attack runs in its own
 * transaction, which is rolled back whatever happens, so probing changes nothing.
 *
 * <p>An attack counts as refused only when PostgreSQL refuses it for want of a privilege or of
 * ownership. One that the audit trail's trigger stops is reported all the same: the trigger is the
 * last lock, not the one the role should meet first, and whoever can get past the privileges can
 * also drop it.
 */
public final class PrivilegeProbe {

  /** The audit trail every service keeps (service-support's {@code db/audit}). */
  public static final String AUDIT_TABLE = "audit_event";

  /**
   * Error codes of a refusal for want of a privilege or of ownership ({@code
   * insufficient_privilege}).
   */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private PrivilegeProbe() {}

  /**
   * Tries every attack as the data source's user and lists what it could do; empty when the role
   * reads and writes rows and nothing more.
   *
   * @param database connects as the role to probe, to a database whose schema holds the audit trail
   * @return one line per power found, such as {@code TRUNCATE audit_event: done}
   */
  public static List<String> powersOf(DataSource database) {
    List<String> powers = new ArrayList<>();
    try (Connection connection = database.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        facts(connection, powers);
        for (String attack : attacks(connection)) {
          attempt(connection, attack, powers);
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not probe the database", e);
    }
    return powers;
  }

  /** Ownership and privileges that no attack needs to show. */
  private static void facts(Connection connection, List<String> powers) throws SQLException {
    for (String table :
        strings(
            connection,
            "select tablename from pg_tables where schemaname = current_schema() and tableowner = current_user")) {
      powers.add("owns table " + table);
    }
    for (String function :
        strings(
            connection,
            """
                select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = current_schema() and pg_get_userbyid(p.proowner) = current_user
                """)) {
      powers.add("owns function " + function);
    }
    for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")) {
      if (bool(
          connection,
          "select has_table_privilege(current_user, '" + AUDIT_TABLE + "', '" + privilege + "')")) {
        powers.add("holds " + privilege + " on " + AUDIT_TABLE);
      }
    }
    if (bool(connection, "select has_schema_privilege(current_user, current_schema(), 'CREATE')")) {
      powers.add("holds CREATE on the schema");
    }
    if (bool(connection, "select rolsuper from pg_roles where rolname = current_user")) {
      powers.add("is a superuser");
    }
  }

  private static List<String> attacks(Connection connection) throws SQLException {
    List<String> attacks =
        new ArrayList<>(
            List.of(
                "update " + AUDIT_TABLE + " set subject = 'someone-else'",
                "delete from " + AUDIT_TABLE,
                "truncate " + AUDIT_TABLE,
                "alter table " + AUDIT_TABLE + " disable trigger audit_event_no_update_or_delete",
                "alter table " + AUDIT_TABLE + " disable trigger all",
                "drop trigger audit_event_no_update_or_delete on " + AUDIT_TABLE,
                "drop trigger audit_event_no_truncate on " + AUDIT_TABLE,
                "create or replace function audit_event_is_append_only() returns trigger language plpgsql as "
                    + "$$ begin return new; end; $$",
                "drop function audit_event_is_append_only() cascade",
                "set local session_replication_role = replica",
                "create table probe_owned_by_the_application (id integer)"));
    for (String table :
        strings(
            connection,
            "select tablename from pg_tables where schemaname = current_schema() order by tablename")) {
      attacks.add("alter table " + table + " add column probe_column integer");
      attacks.add("alter table " + table + " owner to current_user");
      attacks.add("drop table " + table + " cascade");
    }
    return attacks;
  }

  private static void attempt(Connection connection, String attack, List<String> powers)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("savepoint probe");
      statement.execute(attack);
      powers.add(summary(attack) + ": done");
    } catch (SQLException refused) {
      if (!INSUFFICIENT_PRIVILEGE.equals(refused.getSQLState())
          || refused.getMessage().contains("append-only")) {
        powers.add(
            summary(attack)
                + ": not refused for want of a privilege ("
                + refused.getSQLState()
                + " "
                + firstLine(refused.getMessage())
                + ")");
      }
    } finally {
      try (Statement statement = connection.createStatement()) {
        statement.execute("rollback to savepoint probe");
      }
    }
  }

  private static String summary(String attack) {
    String oneLine = attack.replaceAll("\\s+", " ");
    return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.replaceFirst("^ERROR: ", "").toLowerCase(Locale.ROOT);
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static boolean bool(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() && rows.getBoolean(1);
    }
  }
}
