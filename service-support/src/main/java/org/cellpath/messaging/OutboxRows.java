package org.cellpath.messaging;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the outbox table for the relay, its health and its operator endpoint. Times are the
 * database's ({@code now()}), the clock that stamps {@code created_at} and {@code published_at}, so
 * that ages and back-offs are measured against one clock.
 */
final class OutboxRows {

  private final JdbcClient jdbc;

  OutboxRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Pending events that may go now, oldest first: not parked, not waiting for a retry, and with no
   * earlier pending event of their key that is parked or waiting (a referral's events never
   * overtake one another).
   */
  List<PendingEvent> sendable(int limit) {
    return jdbc.sql(
            """
            select id, event_id, topic, message_key, event_type, payload::text as payload, traceparent, occurred_at,
                   attempts
            from outbox_event e
            where published_at is null
              and not exists (
                select 1 from outbox_event held
                where held.message_key = e.message_key and held.id <= e.id and held.published_at is null
                  and (held.parked_at is not null or held.next_attempt_at > now()))
            order by id
            limit ?
            """)
        .param(limit)
        .query(
            (rs, row) ->
                new PendingEvent(
                    rs.getLong("id"),
                    rs.getString("event_id"),
                    rs.getString("topic"),
                    rs.getString("message_key"),
                    rs.getString("event_type"),
                    rs.getString("payload"),
                    rs.getString("traceparent"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getInt("attempts")))
        .list();
  }

  void markPublished(List<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("update outbox_event set published_at = now() where id in (:ids)")
          .param("ids", ids)
          .update();
    }
  }

  /** Counts a failed attempt: the event waits {@code backOff}, or is parked when {@code park}. */
  void recordFailure(long id, String reason, Duration backOff, boolean park) {
    jdbc.sql(
            """
            update outbox_event
            set attempts = attempts + 1, last_error = :reason,
                next_attempt_at = case when :park then null else now() + :backOffMillis * interval '1 millisecond' end,
                parked_at = case when :park then now() end
            where id = :id
            """)
        .param("reason", reason)
        .param("park", park)
        .param("backOffMillis", backOff.toMillis())
        .param("id", id)
        .update();
  }

  /**
   * Deletes published events older than the retention; pending and parked ones are never deleted.
   */
  int purgePublished(Duration retention) {
    return jdbc.sql("delete from outbox_event where published_at < now() - ? * interval '1 second'")
        .param(retention.toSeconds())
        .update();
  }

  Backlog backlog() {
    return jdbc.sql(
            """
            select (select count(*) from outbox_event where published_at is null and parked_at is null) as pending,
                   (select count(*) from outbox_event where published_at is null and parked_at is not null) as parked,
                   (select extract(epoch from now() - created_at) from outbox_event
                    where published_at is null and parked_at is null order by id limit 1) as oldest
            """)
        .query(
            (rs, row) ->
                new Backlog(
                    rs.getLong("pending"),
                    rs.getLong("parked"),
                    rs.getObject("oldest") == null
                        ? Duration.ZERO
                        : Duration.ofMillis(
                            Math.max(0, Math.round(rs.getDouble("oldest") * 1000)))))
        .single();
  }

  /**
   * Published events of a window (by publication time), optionally of one topic and one referral.
   */
  Window window(Instant from, Instant to, String topic, String key) {
    return jdbc.sql(
            "select count(*) as n, min(id) as first, max(id) as last from outbox_event where "
                + WINDOW)
        .params(windowParams(from, to, topic, key))
        .query(
            (rs, row) ->
                new Window(
                    rs.getLong("n"), (Long) rs.getObject("first"), (Long) rs.getObject("last")))
        .single();
  }

  /** Makes the window's published events pending again; the relay sends them anew, in id order. */
  int requeue(Instant from, Instant to, String topic, String key) {
    return jdbc.sql(
            "update outbox_event set published_at = null, attempts = 0, next_attempt_at = null, "
                + "last_error = null where "
                + WINDOW)
        .params(windowParams(from, to, topic, key))
        .update();
  }

  /** Parked events, optionally of one referral. */
  long parked(String key) {
    return jdbc.sql("select count(*) from outbox_event where " + PARKED)
        .params(key, key)
        .query(Long.class)
        .single();
  }

  /** Gives parked events a fresh set of attempts, at once; their keys' later events follow them. */
  int releaseParked(String key) {
    return jdbc.sql(
            "update outbox_event set parked_at = null, next_attempt_at = null, attempts = 0 where "
                + PARKED)
        .params(key, key)
        .update();
  }

  private static final String PARKED =
      """
      published_at is null and parked_at is not null and (cast(? as text) is null or message_key = ?)
      """;

  private static final String WINDOW =
      """
      published_at >= ? and published_at < ?
      and (cast(? as text) is null or topic = ?) and (cast(? as text) is null or message_key = ?)
      """;

  private static List<Object> windowParams(Instant from, Instant to, String topic, String key) {
    return Arrays.asList(Timestamp.from(from), Timestamp.from(to), topic, topic, key, key);
  }

  /**
   * @param pending events waiting for publication, parked ones not counted
   * @param parked events given up on after their attempts, which hold up their referrals' later
   *     events
   * @param oldestPendingAge how long the oldest pending (not parked) event has waited; zero when
   *     none waits
   */
  record Backlog(long pending, long parked, Duration oldestPendingAge) {}

  /**
   * How many published events a window holds, and the first and last of their ids (null when none).
   */
  record Window(long events, Long firstId, Long lastId) {}
}
