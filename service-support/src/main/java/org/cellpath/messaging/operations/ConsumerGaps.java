package org.cellpath.messaging.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gaps in what a consumer group read: records that retention deleted while the group's committed
 * offset was still below them, so that the consumer, resetting to the earliest record left, skipped
 * them without a word. Each gap is logged as an ERROR, counted in {@code
 * cellpath.consumer.gap.records} and kept in the table {@code consumer_gap} until an operator
 * acknowledges it; while any is open, health is DOWN. A gap seen while the database is away is held
 * in memory and stored at the next watch round.
 */
final class ConsumerGaps {

  private static final Logger log = LoggerFactory.getLogger(ConsumerGaps.class);

  private final JdbcClient jdbc;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Queue<Gap> unsaved = new ConcurrentLinkedQueue<>();

  ConsumerGaps(JdbcClient jdbc, MeterRegistry meters, Clock clock) {
    this.jdbc = jdbc;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * One gap.
   *
   * @param id null until stored
   * @param detectedBy {@code assignment} (checked when the partition was assigned, before the first
   *     fetch) or {@code watch} (the periodic check saw the committed offset below the log start
   *     twice in a row)
   */
  record Gap(
      Long id,
      String binding,
      String group,
      String topic,
      int partition,
      long committedOffset,
      long logStartOffset,
      long recordsLost,
      String detectedBy,
      Instant detectedAt,
      Instant acknowledgedAt,
      String acknowledgedBy) {}

  /**
   * A committed offset below the log start: reports it, once per partition and committed offset.
   */
  void found(
      String binding,
      String group,
      String topic,
      int partition,
      long committedOffset,
      long logStartOffset,
      String detectedBy) {
    Gap gap =
        new Gap(
            null,
            binding,
            group,
            topic,
            partition,
            committedOffset,
            logStartOffset,
            logStartOffset - committedOffset,
            detectedBy,
            clock.instant(),
            null,
            null);
    boolean isNew;
    try {
      isNew = insert(gap);
    } catch (RuntimeException databaseAway) {
      unsaved.add(gap);
      isNew = true;
    }
    if (isNew) {
      log.error(
          "Consumer gap: binding {} (group {}) never read {} record(s) of {} partition {}: retention deleted "
              + "them first (committed offset {}, log start offset {}; seen on {}). Acknowledge at "
              + "/actuator/consumergaps once dealt with.",
          binding,
          group,
          gap.recordsLost(),
          topic,
          partition,
          committedOffset,
          logStartOffset,
          detectedBy);
      Counter.builder("cellpath.consumer.gap.records")
          .description("Records deleted by retention before the consumer group read them")
          .tag("binding", binding)
          .tag("group", group)
          .tag("topic", topic)
          .register(meters)
          .increment(gap.recordsLost());
    }
  }

  /** Stores gaps seen while the database was away. */
  void saveUnsaved() {
    for (Gap gap = unsaved.peek(); gap != null; gap = unsaved.peek()) {
      insert(gap);
      unsaved.remove(gap);
    }
  }

  boolean anyUnsaved() {
    return !unsaved.isEmpty();
  }

  List<Gap> open() {
    return jdbc.sql("select * from consumer_gap where acknowledged_at is null order by id")
        .query(ConsumerGaps::gap)
        .list();
  }

  List<Gap> recentlyAcknowledged(int limit) {
    return jdbc.sql(
            "select * from consumer_gap where acknowledged_at is not null order by acknowledged_at desc, id "
                + "limit ?")
        .param(limit)
        .query(ConsumerGaps::gap)
        .list();
  }

  /**
   * Acknowledges these open gaps; returns the ids it acknowledged (unknown or already acknowledged
   * ones are not).
   */
  List<Long> acknowledge(List<Long> ids, String by) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc
        .sql(
            """
            update consumer_gap set acknowledged_at = :at, acknowledged_by = :by
            where id in (:ids) and acknowledged_at is null
            returning id
            """)
        .param("at", Timestamp.from(clock.instant()))
        .param("by", by)
        .param("ids", ids)
        .query(Long.class)
        .list()
        .stream()
        .sorted()
        .toList();
  }

  private boolean insert(Gap gap) {
    return jdbc.sql(
                """
            insert into consumer_gap (binding, consumer_group, topic, kafka_partition, committed_offset,
                log_start_offset, records_lost, detected_by, detected_at)
            values (:binding, :group, :topic, :partition, :committed, :logStart, :lost, :detectedBy, :detectedAt)
            on conflict (consumer_group, topic, kafka_partition, committed_offset) do nothing
            """)
            .param("binding", gap.binding())
            .param("group", gap.group())
            .param("topic", gap.topic())
            .param("partition", gap.partition())
            .param("committed", gap.committedOffset())
            .param("logStart", gap.logStartOffset())
            .param("lost", gap.recordsLost())
            .param("detectedBy", gap.detectedBy())
            .param("detectedAt", Timestamp.from(gap.detectedAt()))
            .update()
        == 1;
  }

  private static Gap gap(ResultSet rs, int row) throws SQLException {
    Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
    return new Gap(
        rs.getLong("id"),
        rs.getString("binding"),
        rs.getString("consumer_group"),
        rs.getString("topic"),
        rs.getInt("kafka_partition"),
        rs.getLong("committed_offset"),
        rs.getLong("log_start_offset"),
        rs.getLong("records_lost"),
        rs.getString("detected_by"),
        rs.getTimestamp("detected_at").toInstant(),
        acknowledged == null ? null : acknowledged.toInstant(),
        rs.getString("acknowledged_by"));
  }
}
