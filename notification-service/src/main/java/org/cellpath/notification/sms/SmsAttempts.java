package org.cellpath.notification.sms;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SMS that may have reached the provider without their send being recorded
 * (docs/notifications.md, "SMS caps and a crash mid-send"). The dispatcher sends an SMS inside the
 * transaction that records it SENT, so an instance that dies after the provider accepted the SMS
 * and before that commit leaves no trace of it, and the number's caps would let another SMS go the
 * same day. Before the provider is called, the SMS is therefore written to {@code sms_in_doubt} in
 * a transaction of its own, committed at once; the sending transaction deletes the row with its
 * outcome, so the row outlives only a send that never finished. {@code
 * NotificationQueries.smsSentSince} counts such rows.
 *
 * <p>The row is written through a pool of its own (two connections at most, none kept idle): the
 * dispatcher thread already holds one of the service's connections for its sending transaction, and
 * waiting for a second one from the same pool, whose other holders may be waiting for this
 * transaction's locks, could stall the queue. A connection of this pool is held only for one insert
 * that waits for nothing.
 */
@Component
class SmsAttempts implements SendsInDoubt, DisposableBean {

  private final HikariDataSource own;
  private final JdbcClient jdbc;
  private final Clock clock;

  SmsAttempts(DataSource dataSource, JdbcClient jdbc, Clock clock) throws SQLException {
    HikariDataSource service = dataSource.unwrap(HikariDataSource.class);
    HikariConfig config = new HikariConfig();
    config.setPoolName("sms-attempts");
    config.setJdbcUrl(service.getJdbcUrl());
    config.setUsername(service.getUsername());
    config.setPassword(service.getPassword());
    config.setDataSourceProperties(service.getDataSourceProperties());
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    // An insert that waits for nothing: a connection slow to come is a database in trouble.
    config.setConnectionTimeout(5_000);
    config.setAutoCommit(true);
    // The database may not be up yet when the service starts; the first SMS opens the pool.
    config.setInitializationFailTimeout(-1);
    this.own = new HikariDataSource(config);
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Committed before the provider is called: from here on, the number may have had this SMS. */
  @Override
  public void beforeTheProvider(UUID notificationId) {
    // Plain JDBC, not a JdbcClient: inside the dispatcher's transaction Spring would keep the
    // connection bound to the thread until that transaction ends, and the two of this pool would
    // be held by two sends at a time.
    try (Connection connection = own.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                """
                insert into sms_in_doubt (notification_id, attempted_at) values (?, ?)
                on conflict (notification_id) do update set attempted_at = excluded.attempted_at
                """)) {
      insert.setObject(1, notificationId);
      insert.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      // Never to the provider without the note: the send fails and is tried again.
      throw new IllegalStateException("Could not note an SMS in doubt: " + e.getSQLState());
    }
  }

  /**
   * In the sending transaction, whatever the provider answered: the outcome that transaction
   * records (sent, tried again, given up) replaces the doubt when it commits.
   */
  @Override
  public void resolved(UUID notificationId) {
    jdbc.sql("delete from sms_in_doubt where notification_id = :id")
        .param("id", notificationId)
        .update();
  }

  @Override
  public void destroy() {
    own.close();
  }
}
