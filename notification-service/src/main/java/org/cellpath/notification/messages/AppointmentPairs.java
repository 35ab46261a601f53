package org.cellpath.notification.messages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The newest calendar sequence seen per appointment pair (table {@code appointment_pair}). Kafka
 * keeps a referral's events in order, but an event replayed from a dead-letter topic arrives after
 * newer ones: it must not queue messages for times that no longer hold.
 */
@Repository
class AppointmentPairs {

  private final JdbcClient jdbc;

  AppointmentPairs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that the pair is now at {@code sequence}.
   *
   * @return false when the same or a newer sequence is already known: the event is stale and queues
   *     nothing
   */
  boolean advance(UUID pairId, UUID referralId, int sequence, boolean cancelled, Instant now) {
    return jdbc.sql(
                """
            insert into appointment_pair (pair_id, referral_id, sequence, cancelled, updated_at)
            values (:pairId, :referralId, :sequence, :cancelled, :now)
            on conflict (pair_id) do update
                set sequence = excluded.sequence, cancelled = excluded.cancelled, updated_at = excluded.updated_at
                where appointment_pair.sequence < excluded.sequence
            """)
            .param("pairId", pairId)
            .param("referralId", referralId)
            .param("sequence", sequence)
            .param("cancelled", cancelled)
            .param("now", now.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }
}
