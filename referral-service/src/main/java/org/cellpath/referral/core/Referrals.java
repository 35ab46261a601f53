package org.cellpath.referral.core;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.contracts.Side;
import org.cellpath.referral.intake.Condition;
import org.cellpath.referral.intake.PatientKey;
import org.cellpath.referral.intake.ReferralDetails;
import org.cellpath.domain.StateConflictException;
import org.cellpath.domain.RecordNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** The referral store: referrals and their timelines, in referral-service's own database. */
@Repository
public class Referrals {

  /** The patient's display name, given then family name, as stored in the referral's details. */
  private static final String PATIENT_NAME =
      "concat_ws(' ', details -> 'patient' ->> 'givenName', details -> 'patient' ->> 'familyName')";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  /** Stored details are read tolerantly: a field a later version stopped writing must not make a referral unreadable. */
  private final ObjectReader storedDetails;
  private final Clock clock;

  Referrals(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.storedDetails = json.readerFor(ReferralDetails.class)
        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.clock = clock;
  }

  /** Stores a new referral with its first timeline entry. */
  public void add(Referral referral, String idempotencyKey) {
    jdbc.sql("""
            insert into referral (id, status, physician_npi, idempotency_key, details, submitted_at, updated_at,
                                  patient_key, condition, side)
            values (:id, :status, :npi, :key, cast(:details as jsonb), :at, :at, :patientKey, :condition, :side)
            """)
        .param("patientKey", PatientKey.of(referral.details().patient()))
        .param("condition", referral.details().condition().name())
        .param("side", referral.details().side().name())
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
            storedDetails.readValue(rs.getString("details")), rs.getTimestamp("submitted_at").toInstant(),
            rs.getInt("version")))
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
   * Holds every other transaction that submits the same physician, patient, condition and side until the caller's
   * transaction ends; read the duplicate rule's answer after this. An advisory lock, because the rule ("within 24
   * hours") is no unique constraint, and before the first referral of a case there is no row to lock. It is taken on
   * a hash of the key (the patient part is already a hash), so nothing readable reaches the lock table.
   */
  public void lockDuplicateKey(ReferralDetails details) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "referral-duplicate:" + details.physician().npi() + "|" + PatientKey.of(details.patient())
            + "|" + details.condition().name() + "|" + details.side().name())
        .query((rs, row) -> 1).list();
  }

  /** A referral of the same physician, patient, condition and side submitted since {@code since}, if any. */
  public Optional<UUID> findDuplicate(ReferralDetails details, Instant since) {
    return jdbc.sql("""
            select id from referral
            where physician_npi = ? and patient_key = ? and condition = ? and side = ? and submitted_at >= ?
            order by submitted_at limit 1
            """)
        .param(details.physician().npi()).param(PatientKey.of(details.patient()))
        .param(details.condition().name()).param(details.side().name()).param(Timestamp.from(since))
        .query(UUID.class).optional();
  }

  /** A physician's referrals, newest first, optionally of one status, each with its patient's name. */
  public List<ReferralSummary> ofPhysician(String npi, ReferralStatus status, int limit, long offset) {
    return jdbc.sql("""
            select id, status, condition, side, submitted_at, updated_at, %s as patient_name from referral
            where physician_npi = :npi and (cast(:status as text) is null or status = :status)
            order by submitted_at desc, id limit :limit offset :offset
            """.formatted(PATIENT_NAME))
        .param("npi", npi).param("status", status == null ? null : status.name())
        .param("limit", limit).param("offset", offset)
        .query((rs, row) -> new ReferralSummary(rs.getObject("id", UUID.class),
            ReferralStatus.valueOf(rs.getString("status")), Condition.valueOf(rs.getString("condition")),
            Side.valueOf(rs.getString("side")), rs.getTimestamp("submitted_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(), rs.getString("patient_name")))
        .list();
  }

  /**
   * The patient's name of each of these referrals that exists, for a list whose caller may see all of them (the
   * review queue). Names belong in response bodies only.
   */
  public Map<UUID, String> patientNames(Collection<UUID> referralIds) {
    if (referralIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("select id, %s as patient_name from referral where id in (:ids)".formatted(PATIENT_NAME))
        .param("ids", List.copyOf(referralIds))
        .query((rs, row) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("patient_name")))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public long countOfPhysician(String npi, ReferralStatus status) {
    return jdbc.sql("""
            select count(*) from referral
            where physician_npi = :npi and (cast(:status as text) is null or status = :status)
            """)
        .param("npi", npi).param("status", status == null ? null : status.name())
        .query(Long.class).single();
  }

  /**
   * Saves an amended referral's details and status, and dates the amendment on the timeline under the information
   * request it answers (where the web console finds its note); the review's reopening is dated when its pre-screen
   * runs.
   *
   * @throws StateConflictException when someone else changed the referral since it was read
   */
  public void saveAmendment(Referral referral) {
    Instant now = clock.instant();
    int updated = jdbc.sql("""
            update referral set details = cast(:details as jsonb), condition = :condition, side = :side,
                                patient_key = :patientKey, status = :status, updated_at = :at, version = version + 1
            where id = :id and version = :version
            """)
        .param("details", json.writeValueAsString(referral.details()))
        .param("status", referral.status().name())
        .param("condition", referral.details().condition().name())
        .param("side", referral.details().side().name())
        .param("patientKey", PatientKey.of(referral.details().patient()))
        .param("at", Timestamp.from(now))
        .param("id", referral.id())
        .param("version", referral.version())
        .update();
    if (updated != 1) {
      throw new StateConflictException("Referral " + referral.id() + " was changed concurrently; retry");
    }
    record(referral.id(), ReferralStatus.INFO_REQUESTED, now, "Amended by the referring physician");
  }

  /** Dates a scheduling report on the timeline at the time scheduling made it. */
  public void recordSchedulingReport(UUID referralId, ReferralStatus reported, Instant at, String note) {
    jdbc.sql("""
            insert into referral_timeline (referral_id, status, occurred_at, note, reported_by_scheduling)
            values (?, ?, ?, ?, true)
            """)
        .param(referralId).param(reported.name()).param(Timestamp.from(at)).param(note).update();
  }

  /** When scheduling made its newest report on this referral, if it made any. */
  public Optional<Instant> latestSchedulingReport(UUID referralId) {
    return jdbc.sql("""
            select max(occurred_at) from referral_timeline where referral_id = ? and reported_by_scheduling
            """)
        .param(referralId).query(Timestamp.class).list().stream()
        .filter(java.util.Objects::nonNull).findFirst().map(Timestamp::toInstant);
  }

  /**
   * Sets the status the latest scheduling report gives, without a timeline entry of its own (the report has one).
   *
   * @throws StateConflictException when someone else changed the referral since it was read
   */
  public void saveReportedStatus(Referral referral, ReferralStatus status) {
    int updated = jdbc.sql("""
            update referral set status = :status, updated_at = :at, version = version + 1
            where id = :id and version = :version
            """)
        .param("status", status.name()).param("at", Timestamp.from(clock.instant()))
        .param("id", referral.id()).param("version", referral.version())
        .update();
    if (updated != 1) {
      throw new StateConflictException("Referral " + referral.id() + " was changed concurrently; retry");
    }
  }

  /**
   * Locks the referral's row until the caller's transaction ends, so that a physician's change waits for a
   * concurrent status change (a review opening) instead of failing on its version; read the referral after this.
   */
  public void lockForChange(UUID referralId) {
    jdbc.sql("select id from referral where id = ? for update").param(referralId).query(UUID.class).optional();
  }

  public Optional<UUID> findByIdempotencyKey(String key) {
    return jdbc.sql("select id from referral where idempotency_key = ?").param(key).query(UUID.class).optional();
  }

  /**
   * Saves the referral's new status and dates it on the timeline.
   *
   * @throws StateConflictException when someone else changed the referral since it was read
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
      throw new StateConflictException("Referral " + referral.id() + " was changed concurrently; retry");
    }
    record(referral.id(), referral.status(), now, note);
  }

  public List<TimelineEntry> timeline(UUID id) {
    return jdbc.sql("select status, occurred_at, note from referral_timeline where referral_id = ? order by occurred_at, id")
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
