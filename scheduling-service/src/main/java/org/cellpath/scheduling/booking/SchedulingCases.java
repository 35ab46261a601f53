package org.cellpath.scheduling.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.messaging.EventsRaised;
import org.cellpath.scheduling.slots.TimeWindow;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code scheduling_case} table. Callers bring the transaction. */
@Repository
class SchedulingCases {

  private static final String SELECT =
      """
      select referral_id, approval_event_id, approved_at, cell_source, last_corticosteroid_injection, preferences,
             patient, status, waitlisted_at, searched_from, searched_until
        from scheduling_case
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;

  SchedulingCases(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.json = json;
    this.events = events;
  }

  /** Stores a new case; false (and nothing stored) when the referral already has one. */
  boolean insertIfAbsent(SchedulingCase schedulingCase) {
    return jdbc.sql(
                """
            insert into scheduling_case (referral_id, approval_event_id, approved_at, cell_source,
                                         last_corticosteroid_injection, preferences, patient, status)
            values (:referralId, :approvalEventId, :approvedAt, :cellSource, :lastCorticosteroidInjection,
                    cast(:preferences as jsonb), cast(:patient as jsonb), :status)
            on conflict (referral_id) do nothing
            """)
            .param("referralId", schedulingCase.referralId())
            .param("approvalEventId", schedulingCase.approvalEventId())
            .param("approvedAt", Timestamp.from(schedulingCase.approvedAt()))
            .param("cellSource", schedulingCase.cellSource().name())
            .param(
                "lastCorticosteroidInjection",
                schedulingCase.lastCorticosteroidInjection(),
                java.sql.Types.DATE)
            .param("preferences", json.writeValueAsString(schedulingCase.preferences()))
            .param("patient", json.writeValueAsString(schedulingCase.patient()))
            .param("status", schedulingCase.status().name())
            .update()
        == 1;
  }

  /**
   * As {@link #save(SchedulingCase, long)}, and publishes the events the case's transition caused,
   * in the caller's transaction (they reach the outbox just before it commits).
   */
  void save(SchedulingCase schedulingCase, long triedGeneration, List<CellPathEvent> raised) {
    save(schedulingCase, triedGeneration);
    events.publishEvent(new EventsRaised(raised));
  }

  /**
   * Writes a returned case with its reason, and publishes what its return announces in the caller's
   * transaction.
   */
  void saveReturned(SchedulingCase returned, ReturnReason reason, List<CellPathEvent> raised) {
    jdbc.sql(
            """
            update scheduling_case set status = :status, return_reason = :reason, updated_at = now()
             where referral_id = :referralId
            """)
        .param("status", returned.status().name())
        .param("reason", reason.name())
        .param("referralId", returned.referralId())
        .update();
    events.publishEvent(new EventsRaised(raised));
  }

  /** Writes the case's status and waitlist facts. */
  void save(SchedulingCase schedulingCase) {
    save(schedulingCase, 0);
  }

  /**
   * Writes the case's status and waitlist facts, and that it was planned against this release
   * generation (a higher one already recorded is kept).
   */
  void save(SchedulingCase schedulingCase, long triedGeneration) {
    TimeWindow searched = schedulingCase.lastSearch();
    jdbc.sql(
            """
            update scheduling_case
               set status = :status, waitlisted_at = :waitlistedAt, searched_from = :from, searched_until = :until,
                   tried_generation = greatest(tried_generation, :tried), updated_at = now()
             where referral_id = :referralId
            """)
        .param("status", schedulingCase.status().name())
        .param(
            "waitlistedAt",
            schedulingCase.waitlistedAt() == null
                ? null
                : Timestamp.from(schedulingCase.waitlistedAt()),
            java.sql.Types.TIMESTAMP)
        .param("from", searched == null ? null : searched.from(), java.sql.Types.DATE)
        .param("until", searched == null ? null : searched.until(), java.sql.Types.DATE)
        .param("tried", triedGeneration)
        .param("referralId", schedulingCase.referralId())
        .update();
  }

  Optional<SchedulingCase> find(UUID referralId) {
    return jdbc.sql(SELECT + " where referral_id = ?")
        .param(referralId)
        .query(this::schedulingCase)
        .optional();
  }

  /** The case, locked against concurrent change until the transaction ends. */
  Optional<SchedulingCase> lock(UUID referralId) {
    return jdbc.sql(SELECT + " where referral_id = ? for update")
        .param(referralId)
        .query(this::schedulingCase)
        .optional();
  }

  /**
   * Records that the waitlisted case was planned again against this release generation, and stayed
   * waitlisted.
   */
  void tried(UUID referralId, long generation) {
    jdbc.sql(
            """
            update scheduling_case set tried_generation = :generation
             where referral_id = :referralId and status = 'WAITLISTED' and tried_generation < :generation
            """)
        .param("generation", generation)
        .param("referralId", referralId)
        .update();
  }

  /**
   * The case if it is still waitlisted and was last planned before this release generation, locked
   * until the transaction ends. A transaction planning it now is waited for; the case is then
   * skipped if that one dealt with it.
   */
  Optional<SchedulingCase> lockIfBehind(UUID referralId, long generation) {
    return jdbc.sql(
            SELECT
                + """
             where referral_id = ? and status = 'WAITLISTED' and tried_generation < ?
               for update
            """)
        .param(referralId)
        .param(generation)
        .query(this::schedulingCase)
        .optional();
  }

  /**
   * The case if it is still waitlisted and no other transaction is planning it (then it is skipped
   * rather than waited for), locked until the transaction ends.
   */
  Optional<SchedulingCase> lockIfWaitlisted(UUID referralId) {
    return jdbc.sql(
            SELECT + " where referral_id = ? and status = 'WAITLISTED' for update skip locked")
        .param(referralId)
        .query(this::schedulingCase)
        .optional();
  }

  /** Waiting cases (waitlisted, or with an open offer), the longest waiting first. */
  List<SchedulingCase> waitlist(int limit) {
    return jdbc.sql(
            SELECT
                + " where status in ('WAITLISTED', 'OFFERED') order by waitlisted_at, referral_id"
                + " limit ?")
        .param(limit)
        .query(this::schedulingCase)
        .list();
  }

  /** A waitlisted case's place in the queue: the longest waiting first, ties by referral id. */
  record WaitlistPlace(Instant waitlistedAt, UUID referralId) {}

  /**
   * The next {@code limit} waitlisted cases after {@code after} (from the head of the queue when
   * null), the longest waiting first. Keyset pages through the waitlist index: each page costs the
   * same however far into the queue.
   */
  List<WaitlistPlace> waitingAfter(@Nullable WaitlistPlace after, int limit) {
    if (after == null) {
      return jdbc.sql(
              """
              select waitlisted_at, referral_id from scheduling_case where status = 'WAITLISTED'
               order by waitlisted_at, referral_id limit ?
              """)
          .param(limit)
          .query(SchedulingCases::place)
          .list();
    }
    return jdbc.sql(
            """
            select waitlisted_at, referral_id from scheduling_case
             where status = 'WAITLISTED' and (waitlisted_at, referral_id) > (?, ?)
             order by waitlisted_at, referral_id limit ?
            """)
        .param(Timestamp.from(after.waitlistedAt()))
        .param(after.referralId())
        .param(limit)
        .query(SchedulingCases::place)
        .list();
  }

  /** Like {@link #waitingAfter}, but only the cases last planned before this release generation. */
  List<WaitlistPlace> behindAfter(@Nullable WaitlistPlace after, long generation, int limit) {
    if (after == null) {
      return jdbc.sql(
              """
              select waitlisted_at, referral_id from scheduling_case
               where status = 'WAITLISTED' and tried_generation < ?
               order by waitlisted_at, referral_id limit ?
              """)
          .param(generation)
          .param(limit)
          .query(SchedulingCases::place)
          .list();
    }
    return jdbc.sql(
            """
            select waitlisted_at, referral_id from scheduling_case
             where status = 'WAITLISTED' and tried_generation < ? and (waitlisted_at, referral_id) > (?, ?)
             order by waitlisted_at, referral_id limit ?
            """)
        .param(generation)
        .param(Timestamp.from(after.waitlistedAt()))
        .param(after.referralId())
        .param(limit)
        .query(SchedulingCases::place)
        .list();
  }

  private static WaitlistPlace place(ResultSet rs, int row) throws SQLException {
    return new WaitlistPlace(
        rs.getTimestamp("waitlisted_at").toInstant(), rs.getObject("referral_id", UUID.class));
  }

  private SchedulingCase schedulingCase(ResultSet rs, int row) throws SQLException {
    LocalDate from = rs.getObject("searched_from", LocalDate.class);
    LocalDate until = rs.getObject("searched_until", LocalDate.class);
    Timestamp waitlistedAt = rs.getTimestamp("waitlisted_at");
    return new SchedulingCase(
        rs.getObject("referral_id", UUID.class),
        rs.getObject("approval_event_id", UUID.class),
        rs.getTimestamp("approved_at").toInstant(),
        CellSource.valueOf(rs.getString("cell_source")),
        rs.getObject("last_corticosteroid_injection", LocalDate.class),
        json.readValue(rs.getString("preferences"), SchedulingPreferences.class),
        json.readValue(rs.getString("patient"), PatientContact.class),
        CaseStatus.valueOf(rs.getString("status")),
        waitlistedAt == null ? null : waitlistedAt.toInstant(),
        from == null || until == null ? null : new TimeWindow(from, until));
  }
}
