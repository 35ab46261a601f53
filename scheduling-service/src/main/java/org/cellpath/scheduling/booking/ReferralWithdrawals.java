package org.cellpath.scheduling.booking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code referral_withdrawal} table: the referrals withdrawn so far, so that an approval
 * handled after its withdrawal opens nothing. Callers bring the transaction.
 */
@Repository
class ReferralWithdrawals {

  private final JdbcClient jdbc;

  ReferralWithdrawals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Holds the referral until the transaction ends, against the other of its approval and its
   * withdrawal. The two arrive in order on one partition, but a replayed approval need not;
   * whichever commits first, the other sees it. Without this, an approval and a withdrawal handled
   * at once would each miss the other's uncommitted row.
   */
  void lock(UUID referralId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "scheduling-referral:" + referralId)
        .query((rs, row) -> 1)
        .single();
  }

  /** Remembers the withdrawal; the first one recorded for a referral is kept. */
  void record(UUID referralId, UUID withdrawalEventId, Instant withdrawnAt) {
    jdbc.sql(
            """
            insert into referral_withdrawal (referral_id, withdrawal_event_id, withdrawn_at) values (?, ?, ?)
            on conflict (referral_id) do nothing
            """)
        .param(referralId)
        .param(withdrawalEventId)
        .param(Timestamp.from(withdrawnAt))
        .update();
  }

  boolean withdrawn(UUID referralId) {
    return jdbc.sql("select exists (select 1 from referral_withdrawal where referral_id = ?)")
        .param(referralId)
        .query(Boolean.class)
        .single();
  }
}
