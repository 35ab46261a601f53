package org.cellpath.referral.tasks;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.outcomes.Instrument;
import org.cellpath.referral.outcomes.Scores;
import org.cellpath.referral.outcomes.Subscale;
import org.cellpath.referral.outcomes.SubscaleScore;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The 12-week tasks in referral-service's database, and the stored scores they compare ({@code
 * outcome_score}, read only). Notes and scores are clinical and never logged.
 */
@Repository
class OutcomeTasks {

  private static final String COLUMNS =
      "id, referral_id, survey_id, opened_at, state, resolved_by, resolved_at, action, note";

  private final JdbcClient jdbc;

  OutcomeTasks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new task unless its 12-week survey has one already (the database's unique key, so that
   * two handlings of one submission, even concurrent, store one task).
   *
   * @return whether it was stored
   */
  boolean add(OutcomeTask task) {
    int inserted =
        jdbc.sql(
                """
                insert into outcome_task (id, referral_id, survey_id, opened_at, state)
                values (?, ?, ?, ?, ?)
                on conflict (survey_id) do nothing
                """)
            .params(
                task.id(),
                task.referralId(),
                task.surveyId(),
                Timestamp.from(task.openedAt()),
                task.state().name())
            .update();
    if (inserted == 0) {
      return false;
    }
    int position = 0;
    for (TaskFinding finding : task.findings()) {
      jdbc.sql(
              """
              insert into outcome_task_finding (task_id, position, code, subscale, baseline, later)
              values (?, ?, ?, ?, ?, ?)
              """)
          .params(
              task.id(),
              position++,
              finding.code().name(),
              finding.subscale() == null ? null : finding.subscale().name(),
              finding.baseline(),
              finding.later())
          .update();
    }
    return true;
  }

  void save(OutcomeTask task) {
    jdbc.sql(
            """
            update outcome_task set state = ?, resolved_by = ?, resolved_at = ?, action = ?, note = ?
            where id = ?
            """)
        .params(
            task.state().name(),
            task.resolvedBy(),
            task.resolvedAt() == null ? null : Timestamp.from(task.resolvedAt()),
            task.action() == null ? null : task.action().name(),
            task.note(),
            task.id())
        .update();
  }

  Optional<OutcomeTask> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from outcome_task where id = ?")
        .param(id)
        .query(this::task)
        .optional();
  }

  /** The task, its row locked until the transaction ends: one resolution at a time. */
  Optional<OutcomeTask> lock(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from outcome_task where id = ? for update")
        .param(id)
        .query(this::task)
        .optional();
  }

  /** Tasks in {@code state} (all when null), oldest first, at most {@code limit}. */
  List<OutcomeTask> list(@Nullable TaskState state, int limit) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + """
                 from outcome_task
                where cast(:state as text) is null or state = :state
                order by opened_at, id
                limit :limit
                """)
        .param("state", state == null ? null : state.name())
        .param("limit", limit)
        .query(this::task)
        .list();
  }

  long countOpen() {
    return jdbc.sql("select count(*) from outcome_task where state = 'OPEN'")
        .query(Long.class)
        .single();
  }

  private OutcomeTask task(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    Timestamp resolvedAt = rs.getTimestamp("resolved_at");
    String action = rs.getString("action");
    return new OutcomeTask(
        id,
        rs.getObject("referral_id", UUID.class),
        rs.getObject("survey_id", UUID.class),
        rs.getTimestamp("opened_at").toInstant(),
        findings(id),
        TaskState.valueOf(rs.getString("state")),
        rs.getString("resolved_by"),
        resolvedAt == null ? null : resolvedAt.toInstant(),
        action == null ? null : TaskAction.valueOf(action),
        rs.getString("note"));
  }

  private List<TaskFinding> findings(UUID taskId) {
    return jdbc.sql(
            """
            select code, subscale, baseline, later from outcome_task_finding
            where task_id = ? order by position
            """)
        .param(taskId)
        .query(
            (rs, row) -> {
              String subscale = rs.getString("subscale");
              return new TaskFinding(
                  TaskReason.valueOf(rs.getString("code")),
                  subscale == null ? null : Subscale.valueOf(subscale),
                  rs.getBigDecimal("baseline"),
                  rs.getBigDecimal("later"));
            })
        .list();
  }

  /** A referral's survey at a time point: its id and state, when it exists. */
  Optional<SurveyRow> survey(UUID referralId, SurveyTimePoint timePoint) {
    return jdbc.sql("select id, state from outcome_survey where referral_id = ? and time_point = ?")
        .params(referralId, timePoint.name())
        .query((rs, row) -> new SurveyRow(rs.getObject("id", UUID.class), rs.getString("state")))
        .optional();
  }

  record SurveyRow(UUID id, String state) {
    boolean completed() {
      return "COMPLETED".equals(state);
    }
  }

  /** The scores stored at a survey's submission, one {@link Scores} per instrument answered. */
  List<Scores> scores(UUID surveyId) {
    Map<Instrument, Map<Subscale, SubscaleScore>> rows = new EnumMap<>(Instrument.class);
    jdbc.sql("select instrument, subscale, score, answered from outcome_score where survey_id = ?")
        .param(surveyId)
        .query(
            (rs, row) -> {
              Subscale subscale = Subscale.valueOf(rs.getString("subscale"));
              BigDecimal score = rs.getBigDecimal("score");
              rows.computeIfAbsent(
                      Instrument.valueOf(rs.getString("instrument")), i -> new LinkedHashMap<>())
                  .put(subscale, new SubscaleScore(subscale, score, rs.getInt("answered")));
              return row;
            })
        .list();
    List<Scores> scores = new ArrayList<>();
    rows.forEach(
        (instrument, bySubscale) ->
            scores.add(
                new Scores(
                    instrument, instrument.subscales().stream().map(bySubscale::get).toList())));
    return scores;
  }
}
