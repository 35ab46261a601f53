package org.cellpath.referral.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.outcomes.Subscale;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.HealthFactor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Past cases with at least one questionnaire answered or missed, read from {@code outcome_survey}
 * and {@code outcome_score} joined to the referral and its approval. Open, planned and stopped
 * questionnaires say nothing yet about whether patients answer, so they are not read.
 */
@Repository
class OutcomeCases {

  private final JdbcClient jdbc;

  OutcomeCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private record Row(
      UUID referralId,
      Condition condition,
      CellSource cellSource,
      AgeBand ageBand,
      GradeBand gradeBand,
      Set<HealthFactor> healthFactors,
      boolean synthetic,
      SurveyTimePoint timePoint,
      boolean answered) {}

  @Transactional(readOnly = true)
  List<OutcomeCase> all() {
    List<Row> rows =
        jdbc.sql(
                """
                select r.id, r.details ->> 'condition' as condition,
                       r.details -> 'patient' ->> 'dateOfBirth' as date_of_birth,
                       r.submitted_at,
                       r.details ->> 'kellgrenLawrenceGrade' as grade,
                       coalesce((select string_agg(factor, ',')
                                 from jsonb_array_elements_text(coalesce(r.details -> 'healthFactors', '[]'::jsonb)) factor),
                                '') as health_factors,
                       coalesce((select e.decision_detail ->> 'cellSource' from eligibility_review e
                                 where e.referral_id = r.id and e.state = 'APPROVED'
                                 order by e.decided_at desc limit 1),
                                r.details ->> 'preferredCellSource') as cell_source,
                       coalesce(r.details -> 'patient' ->> 'familyName' like 'Synthetic-%', false) as synthetic,
                       s.time_point, s.state
                from outcome_survey s join referral r on r.id = s.referral_id
                where s.state in ('COMPLETED', 'MISSED')
                """)
            .query(
                (rs, row) ->
                    new Row(
                        rs.getObject("id", UUID.class),
                        Condition.valueOf(rs.getString("condition")),
                        CellSource.valueOf(rs.getString("cell_source")),
                        AgeBand.of(
                            LocalDate.parse(rs.getString("date_of_birth")),
                            LocalDate.ofInstant(
                                rs.getTimestamp("submitted_at").toInstant(), ZoneOffset.UTC)),
                        GradeBand.of(
                            rs.getString("grade") == null
                                ? null
                                : Integer.valueOf(rs.getString("grade"))),
                        healthFactors(rs.getString("health_factors")),
                        rs.getBoolean("synthetic"),
                        SurveyTimePoint.valueOf(rs.getString("time_point")),
                        "COMPLETED".equals(rs.getString("state"))))
            .list();
    Map<UUID, Map<SurveyTimePoint, Map<Subscale, BigDecimal>>> scores = scores();
    Map<UUID, OutcomeCase> cases = new LinkedHashMap<>();
    for (Row row : rows) {
      OutcomeCase found =
          cases.computeIfAbsent(
              row.referralId(),
              id ->
                  new OutcomeCase(
                      id,
                      row.condition(),
                      row.cellSource(),
                      row.ageBand(),
                      row.gradeBand(),
                      row.healthFactors(),
                      EnumSet.noneOf(SurveyTimePoint.class),
                      EnumSet.noneOf(SurveyTimePoint.class),
                      scores.getOrDefault(id, Map.of()),
                      row.synthetic()));
      (row.answered() ? found.answered() : found.missed()).add(row.timePoint());
    }
    return List.copyOf(cases.values());
  }

  /**
   * The scores of submitted questionnaires, by referral and time point; unscored subscales left
   * out.
   */
  private Map<UUID, Map<SurveyTimePoint, Map<Subscale, BigDecimal>>> scores() {
    Map<UUID, Map<SurveyTimePoint, Map<Subscale, BigDecimal>>> scores = new LinkedHashMap<>();
    jdbc.sql(
            """
            select s.referral_id, s.time_point, sc.subscale, sc.score
            from outcome_score sc join outcome_survey s on s.id = sc.survey_id
            where s.state = 'COMPLETED' and sc.score is not null
            """)
        .query(
            (rs, row) -> {
              scores
                  .computeIfAbsent(
                      rs.getObject("referral_id", UUID.class), id -> new LinkedHashMap<>())
                  .computeIfAbsent(
                      SurveyTimePoint.valueOf(rs.getString("time_point")),
                      point -> new EnumMap<>(Subscale.class))
                  .put(Subscale.valueOf(rs.getString("subscale")), rs.getBigDecimal("score"));
              return row;
            })
        .list();
    return scores;
  }

  /** The referral a review is of, if the review exists. */
  Optional<UUID> referralOfReview(UUID reviewId) {
    return jdbc.sql("select referral_id from eligibility_review where id = ?")
        .param(reviewId)
        .query(UUID.class)
        .optional();
  }

  private static Set<HealthFactor> healthFactors(String joined) {
    Set<HealthFactor> factors = EnumSet.noneOf(HealthFactor.class);
    if (!joined.isEmpty()) {
      Arrays.stream(joined.split(",")).map(HealthFactor::valueOf).forEach(factors::add);
    }
    return factors;
  }
}
