package org.cellpath.referral.surveys;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.messaging.EventsRaised;
import org.cellpath.referral.outcomes.Instrument;
import org.cellpath.referral.outcomes.Scores;
import org.cellpath.referral.outcomes.SubscaleScore;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The questionnaire store: surveys, their answers and scores, in referral-service's database. A
 * change's events go to the outbox before the transaction commits ({@link EventsRaised}). Answers
 * and scores are clinical and are never logged.
 */
@Repository
class Surveys {

  private static final String COLUMNS =
      "id, referral_id, time_point, state, injection_done, due_at, remind_at, closes_at, opened_at,"
          + " reminded_at, completed_at";

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher publisher;

  Surveys(JdbcClient jdbc, ApplicationEventPublisher publisher) {
    this.jdbc = jdbc;
    this.publisher = publisher;
  }

  void add(Survey survey, List<CellPathEvent> events) {
    jdbc.sql(
            """
            insert into outcome_survey (id, referral_id, time_point, state, injection_done, due_at, remind_at,
                                        closes_at, opened_at, reminded_at, completed_at)
            values (:id, :referral, :timePoint, :state, :injectionDone, :dueAt, :remindAt, :closesAt, :openedAt,
                    :remindedAt, :completedAt)
            """)
        .param("referral", survey.referralId())
        .param("timePoint", survey.timePoint().name())
        .params(values(survey))
        .update();
    publish(events);
  }

  void save(Survey survey, List<CellPathEvent> events) {
    jdbc.sql(
            """
            update outcome_survey set state = :state, injection_done = :injectionDone, due_at = :dueAt,
                   remind_at = :remindAt, closes_at = :closesAt, opened_at = :openedAt,
                   reminded_at = :remindedAt, completed_at = :completedAt
            where id = :id
            """)
        .params(values(survey))
        .update();
    publish(events);
  }

  private static Map<String, Object> values(Survey survey) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", survey.id());
    values.put("state", survey.state().name());
    values.put("injectionDone", survey.injectionDone());
    values.put("dueAt", Timestamp.from(survey.dueAt()));
    values.put("remindAt", timestamp(survey.remindAt()));
    values.put("closesAt", timestamp(survey.closesAt()));
    values.put("openedAt", timestamp(survey.openedAt()));
    values.put("remindedAt", timestamp(survey.remindedAt()));
    values.put("completedAt", timestamp(survey.completedAt()));
    return values;
  }

  private void publish(List<CellPathEvent> events) {
    if (!events.isEmpty()) {
      publisher.publishEvent(new EventsRaised(events));
    }
  }

  Optional<Survey> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from outcome_survey where id = ?")
        .param(id)
        .query(Surveys::survey)
        .optional();
  }

  /** The survey, its row locked until the transaction ends: one change of it at a time. */
  Optional<Survey> lock(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from outcome_survey where id = ? for update")
        .param(id)
        .query(Surveys::survey)
        .optional();
  }

  /** A referral's surveys, their rows locked until the transaction ends, by time point. */
  Map<SurveyTimePoint, Survey> lockOfReferral(UUID referralId) {
    Map<SurveyTimePoint, Survey> surveys = new EnumMap<>(SurveyTimePoint.class);
    jdbc.sql("select " + COLUMNS + " from outcome_survey where referral_id = ? for update")
        .param(referralId)
        .query(Surveys::survey)
        .list()
        .forEach(survey -> surveys.put(survey.timePoint(), survey));
    return surveys;
  }

  /**
   * Up to {@code limit} surveys with something due at {@code now} (to open, remind or close),
   * locked until the transaction ends; rows another sweep holds are skipped, so that two instances
   * never work on one survey at once.
   */
  List<Survey> lockDue(Instant now, int limit) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + """
                 from outcome_survey
                where (state = 'PLANNED' and due_at <= :now
                       and (injection_done or time_point = 'BASELINE'))
                   or (state = 'OPEN' and (closes_at <= :now or (reminded_at is null and remind_at <= :now)))
                order by due_at
                limit :limit
                for update skip locked
                """)
        .param("now", Timestamp.from(now))
        .param("limit", limit)
        .query(Surveys::survey)
        .list();
  }

  /** The survey's saved answers, by instrument, each item to its score. */
  Map<Instrument, Map<String, Integer>> answers(UUID surveyId) {
    Map<Instrument, Map<String, Integer>> answers = new EnumMap<>(Instrument.class);
    jdbc.sql("select instrument, item, score from outcome_answer where survey_id = ?")
        .param(surveyId)
        .query(
            (rs, row) -> {
              answers
                  .computeIfAbsent(
                      Instrument.valueOf(rs.getString("instrument")), i -> new LinkedHashMap<>())
                  .put(rs.getString("item"), rs.getInt("score"));
              return row;
            })
        .list();
    return answers;
  }

  /** Saves one answer, or clears it when {@code score} is null. */
  void answer(
      UUID surveyId, Instrument instrument, String item, @Nullable Integer score, Instant at) {
    if (score == null) {
      jdbc.sql("delete from outcome_answer where survey_id = ? and instrument = ? and item = ?")
          .params(surveyId, instrument.name(), item)
          .update();
      return;
    }
    jdbc.sql(
            """
            insert into outcome_answer (survey_id, instrument, item, score, saved_at) values (?, ?, ?, ?, ?)
            on conflict (survey_id, instrument, item) do update set score = excluded.score, saved_at = excluded.saved_at
            """)
        .params(surveyId, instrument.name(), item, score, Timestamp.from(at))
        .update();
  }

  void addScores(UUID surveyId, Scores scores) {
    for (SubscaleScore score : scores.subscales()) {
      jdbc.sql(
              """
              insert into outcome_score (survey_id, instrument, subscale, score, answered) values (?, ?, ?, ?, ?)
              """)
          .params(
              surveyId,
              scores.instrument().name(),
              score.subscale().name(),
              score.value(),
              score.answered())
          .update();
    }
  }

  /** The stored scores of a survey: subscale name to score (null when not computable). */
  Map<String, @Nullable BigDecimal> scores(UUID surveyId) {
    Map<String, @Nullable BigDecimal> scores = new LinkedHashMap<>();
    jdbc.sql("select subscale, score from outcome_score where survey_id = ? order by subscale")
        .param(surveyId)
        .query(
            (rs, row) -> {
              scores.put(rs.getString("subscale"), rs.getBigDecimal("score"));
              return row;
            })
        .list();
    return scores;
  }

  private static Survey survey(ResultSet rs, int row) throws SQLException {
    return new Survey(
        rs.getObject("id", UUID.class),
        rs.getObject("referral_id", UUID.class),
        SurveyTimePoint.valueOf(rs.getString("time_point")),
        SurveyState.valueOf(rs.getString("state")),
        rs.getBoolean("injection_done"),
        rs.getTimestamp("due_at").toInstant(),
        instant(rs, "remind_at"),
        instant(rs, "closes_at"),
        instant(rs, "opened_at"),
        instant(rs, "reminded_at"),
        instant(rs, "completed_at"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
