package org.cellpath.referral.core;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.referral.intake.ReferralDetails;
import org.cellpath.web.ConflictException;
import org.cellpath.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The referral store: referrals and their timelines, in referral-service's own database. */
@Repository
public class Referrals {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  Referrals(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Stores a new referral with its first timeline entry. */
  public void add(Referral referral, String idempotencyKey) {
    jdbc.sql("""
            insert into referral (id, status, physician_npi, idempotency_key, details, submitted_at, updated_at)
            values (:id, :status, :npi, :key, cast(:details as jsonb), :at, :at)
            """)
        .param("id", referral.id())
        .param("status", referral.status().name())
        .param("npi", referral.details().physician().npi())
        .param("key", idempotencyKey)
        .param("details", json.writeValueAsString(referral.details()))
        .param("at", Timestamp.from(referral.submittedAt()))
        .update();
    record(referral.id(), referral.status(), referral.submittedAt(), null);
  }

  public Optional<Referral> find(UUID id) {
    return jdbc.sql("select id, status, details::text as details, submitted_at, version from referral where id = ?")
        .param(id)
        .query((rs, row) -> new Referral(rs.getObject("id", UUID.class), ReferralStatus.valueOf(rs.getString("status")),
            json.readValue(rs.getString("details"), ReferralDetails.class), rs.getTimestamp("submitted_at").toInstant(),
            rs.getInt("version")))
        .optional();
  }

  public Referral get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException("Referral " + id + " not found"));
  }

  public Optional<UUID> findByIdempotencyKey(String key) {
    return jdbc.sql("select id from referral where idempotency_key = ?").param(key).query(UUID.class).optional();
  }

  /**
   * Saves the referral's new status and dates it on the timeline.
   *
   * @throws ConflictException when someone else changed the referral since it was read
   */
  public void saveTransition(Referral referral, String note) {
    Instant now = clock.instant();
    int updated = jdbc.sql("""
            update referral set status = :status, updated_at = :at, version = version + 1
            where id = :id and version = :version
            """)
        .param("status", referral.status().name())
        .param("at", Timestamp.from(now))
        .param("id", referral.id())
        .param("version", referral.version())
        .update();
    if (updated != 1) {
      throw new ConflictException("Referral " + referral.id() + " was changed concurrently; retry");
    }
    record(referral.id(), referral.status(), now, note);
  }

  public List<TimelineEntry> timeline(UUID id) {
    return jdbc.sql("select status, occurred_at, note from referral_timeline where referral_id = ? order by id")
        .param(id)
        .query((rs, row) -> new TimelineEntry(ReferralStatus.valueOf(rs.getString("status")),
            rs.getTimestamp("occurred_at").toInstant(), rs.getString("note")))
        .list();
  }

  private void record(UUID id, ReferralStatus status, Instant at, String note) {
    jdbc.sql("insert into referral_timeline (referral_id, status, occurred_at, note) values (?, ?, ?, ?)")
        .param(id).param(status.name()).param(Timestamp.from(at)).param(note).update();
  }
}
