package org.cellpath.referral.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.cellpath.messaging.EventsRaised;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The referral store: loads and saves the aggregate with its timeline, in referral-service's own
 * database, and hands the events a change raised to the outbox ({@link EventsRaised}, appended
 * before the transaction commits). Lists and timelines for reading are {@link ReferralQueries}.
 */
@Repository
public class Referrals {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  /**
   * Stored details are read tolerantly: a field a later version stopped writing must not make a
   * referral unreadable.
   */
  private final ObjectReader storedDetails;

  private final Clock clock;
  private final ApplicationEventPublisher publisher;

  Referrals(JdbcClient jdbc, JsonMapper json, Clock clock, ApplicationEventPublisher publisher) {
    this.jdbc = jdbc;
    this.json = json;
    this.storedDetails =
        json.readerFor(StoredDetails.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.clock = clock;
    this.publisher = publisher;
  }

  /** Stores a new referral with its first timeline entry, and the events its submission raised. */
  public void add(Referral referral, String idempotencyKey) {
    jdbc.sql(
            """
            insert into referral (id, status, physician_npi, idempotency_key, details, submitted_at, updated_at,
                                  patient_key, condition, side)
            values (:id, :status, :npi, :key, cast(:details as jsonb), :at, :at, :patientKey, :condition, :side)
            """)
        .param("patientKey", PatientKey.of(referral.details().patient()))
        .param("condition", referral.details().condition().name())
        .param("side", referral.details().side().name())
        .param("id", referral.id())
        .param("status", referral.status().name())
        .param("npi", referral.details().physician().npi().value())
        .param("key", idempotencyKey)
        .param("details", json.writeValueAsString(StoredDetails.of(referral.details())))
        .param("at", Timestamp.from(referral.submittedAt()))
        .update();
    recordChanges(referral);
  }

  /**
   * Saves the referral's status and details if a transition changed them, dates its new timeline
   * entries, and publishes the events its transitions raised.
   *
   * @throws StateConflictException when someone else changed the referral since it was read
   */
  public void save(Referral referral) {
    if (referral.detailsChanged()) {
      requireUpdated(
          referral,
          jdbc.sql(
                  """
              update referral set details = cast(:details as jsonb), condition = :condition, side = :side,
                                  patient_key = :patientKey, status = :status, updated_at = :at, version = version + 1
              where id = :id and version = :version
              """)
              .param("details", json.writeValueAsString(StoredDetails.of(referral.details())))
              .param("condition", referral.details().condition().name())
              .param("side", referral.details().side().name())
              .param("patientKey", PatientKey.of(referral.details().patient()))
              .param("status", referral.status().name())
              .param("at", Timestamp.from(clock.instant()))
              .param("id", referral.id())
              .param("version", referral.version())
              .update());
    } else if (referral.statusChanged()) {
      requireUpdated(
          referral,
          jdbc.sql(
                  """
              update referral set status = :status, updated_at = :at, version = version + 1
              where id = :id and version = :version
              """)
              .param("status", referral.status().name())
              .param("at", Timestamp.from(clock.instant()))
              .param("id", referral.id())
              .param("version", referral.version())
              .update());
    }
    recordChanges(referral);
  }

  private static void requireUpdated(Referral referral, int updated) {
    if (updated != 1) {
      throw new StateConflictException(
          "Referral " + referral.id() + " was changed concurrently; retry");
    }
  }

  private void recordChanges(Referral referral) {
    for (Referral.NewEntry entry : referral.newEntries()) {
      jdbc.sql(
              """
              insert into referral_timeline (referral_id, status, occurred_at, note, reported_by_scheduling, detail)
              values (?, ?, ?, ?, ?, cast(? as jsonb))
              """)
          .param(referral.id())
          .param(entry.status().name())
          .param(Timestamp.from(entry.at()))
          .param(entry.note())
          .param(entry.reportedByScheduling())
          .param(entry.detail() == null ? null : json.writeValueAsString(entry.detail()))
          .update();
    }
    if (!referral.events().isEmpty()) {
      publisher.publishEvent(new EventsRaised(referral.events()));
    }
    referral.saved();
  }

  public Optional<Referral> find(UUID id) {
    return jdbc.sql(
            """
            select id, status, details::text as details, submitted_at, version,
                   (select max(occurred_at) from referral_timeline t
                     where t.referral_id = referral.id and t.reported_by_scheduling) as latest_report
            from referral where id = ?
            """)
        .param(id)
        .query(
            (rs, row) ->
                new Referral(
                    rs.getObject("id", UUID.class),
                    ReferralStatus.valueOf(rs.getString("status")),
                    storedDetails.<StoredDetails>readValue(rs.getString("details")).toDetails(),
                    rs.getTimestamp("submitted_at").toInstant(),
                    rs.getInt("version"),
                    rs.getTimestamp("latest_report") == null
                        ? null
                        : rs.getTimestamp("latest_report").toInstant()))
        .optional();
  }

  public Referral get(UUID id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  /** The one answer for a referral the caller may not see, whether it exists or not. */
  public static RecordNotFoundException notFound(UUID id) {
    return new RecordNotFoundException("Referral " + id + " not found");
  }

  /**
   * Holds every other transaction that submits the same physician, patient, condition and side
   * until the caller's transaction ends; read the duplicate rule's answer after this. An advisory
   * lock, because the rule ("within 24 hours") is no unique constraint, and before the first
   * referral of a case there is no row to lock. It is taken on a hash of the key (the patient part
   * is already a hash), so nothing readable reaches the lock table.
   */
  public void lockDuplicateKey(ReferralDetails details) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param(
            "key",
            "referral-duplicate:"
                + details.physician().npi().value()
                + "|"
                + PatientKey.of(details.patient())
                + "|"
                + details.condition().name()
                + "|"
                + details.side().name())
        .query((rs, row) -> 1)
        .list();
  }

  /**
   * A referral of the same physician, patient, condition and side submitted since {@code since}, if
   * any.
   */
  public Optional<UUID> findDuplicate(ReferralDetails details, Instant since) {
    return jdbc.sql(
            """
            select id from referral
            where physician_npi = ? and patient_key = ? and condition = ? and side = ? and submitted_at >= ?
            order by submitted_at limit 1
            """)
        .param(details.physician().npi().value())
        .param(PatientKey.of(details.patient()))
        .param(details.condition().name())
        .param(details.side().name())
        .param(Timestamp.from(since))
        .query(UUID.class)
        .optional();
  }

  /**
   * Locks the referral's row until the caller's transaction ends, so that a physician's change
   * waits for a concurrent status change (a review opening) instead of failing on its version; read
   * the referral after this.
   */
  public void lockForChange(UUID referralId) {
    jdbc.sql("select id from referral where id = ? for update")
        .param(referralId)
        .query(UUID.class)
        .optional();
  }

  public Optional<UUID> findByIdempotencyKey(String key) {
    return jdbc.sql("select id from referral where idempotency_key = ?")
        .param(key)
        .query(UUID.class)
        .optional();
  }
}
