package org.cellpath.referral.reports;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.contracts.OutcomeReportKind;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.outcomes.Change;
import org.cellpath.referral.outcomes.Subscale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A referral's outcomes as the referring physician reads them: each time point with its state, the
 * scores the patient's submission stored, the change from baseline in each subscale's own direction
 * ({@link Change}), and the reports ready. Read-only, from the questionnaires' tables (their store
 * is {@code surveys}'s) and the reports'; what the patient has not submitted has no scores.
 */
@Component
public class ReferralOutcomes {

  private final JdbcClient jdbc;
  private final OutcomeReports reports;

  ReferralOutcomes(JdbcClient jdbc, OutcomeReports reports) {
    this.jdbc = jdbc;
    this.reports = reports;
  }

  /**
   * @param subscales every subscale the scores name, with its range and meaningful difference, in
   *     the instruments' order
   * @param timePoints the four time points in order; one not yet planned has state null
   * @param reports the reports ready, oldest first
   */
  public record Outcomes(
      UUID referralId,
      List<SubscaleInfo> subscales,
      List<TimePoint> timePoints,
      List<Report> reports) {}

  /**
   * @param subscale its code ({@code FAOS_PAIN})
   * @param label the subscale's name as the forms print it ("Sport/Rec")
   * @param best the best possible score (0 on the NRS, 100 on the FAOS and VISA-A)
   * @param worst the worst possible score
   */
  public record SubscaleInfo(
      String instrument,
      String subscale,
      String label,
      int best,
      int worst,
      BigDecimal meaningfulDifference) {}

  /**
   * @param state {@code PLANNED}, {@code OPEN}, {@code COMPLETED}, {@code MISSED}, {@code STOPPED};
   *     null when not planned yet
   * @param dueAt when it is (or was) to be sent
   * @param completedAt when the patient submitted it
   * @param scores the stored scores; empty unless completed
   */
  public record TimePoint(
      SurveyTimePoint timePoint,
      @Nullable String state,
      @Nullable Instant dueAt,
      @Nullable Instant closesAt,
      @Nullable Instant completedAt,
      List<Score> scores) {}

  /**
   * @param subscale its code ({@code FAOS_PAIN}), by name: the enum's text is its label
   * @param score null when the answers could not score it (too many items blank)
   * @param change from baseline; null at baseline and when either time point has no score
   */
  public record Score(
      String subscale, @Nullable BigDecimal score, int answered, @Nullable ChangeView change) {}

  /**
   * @param improvement points gained in the better direction (negative when worse)
   * @param reachesMeaningfulDifference improved by at least the subscale's meaningful difference
   * @param meaningfulWorsening worse by at least it
   */
  public record ChangeView(
      BigDecimal improvement, boolean reachesMeaningfulDifference, boolean meaningfulWorsening) {}

  public record Report(OutcomeReportKind kind, Instant readyAt) {}

  private record Row(
      SurveyTimePoint timePoint,
      String state,
      Instant dueAt,
      @Nullable Instant closesAt,
      @Nullable Instant completedAt,
      @Nullable Subscale subscale,
      @Nullable BigDecimal score,
      int answered) {}

  public Outcomes of(UUID referralId) {
    List<Row> rows =
        jdbc.sql(
                """
                select s.time_point, s.state, s.due_at, s.closes_at, s.completed_at,
                       o.subscale, o.score, o.answered
                from outcome_survey s left join outcome_score o on o.survey_id = s.id
                where s.referral_id = ?
                """)
            .param(referralId)
            .query(ReferralOutcomes::row)
            .list();
    Map<SurveyTimePoint, List<Row>> byPoint = new EnumMap<>(SurveyTimePoint.class);
    rows.forEach(r -> byPoint.computeIfAbsent(r.timePoint(), p -> new ArrayList<>()).add(r));
    Map<Subscale, @Nullable BigDecimal> baseline = new EnumMap<>(Subscale.class);
    byPoint.getOrDefault(SurveyTimePoint.BASELINE, List.of()).stream()
        .filter(r -> r.subscale() != null)
        .forEach(r -> baseline.put(r.subscale(), r.score()));

    List<TimePoint> points = new ArrayList<>();
    java.util.Set<Subscale> named = java.util.EnumSet.noneOf(Subscale.class);
    for (SurveyTimePoint point : SurveyTimePoint.values()) {
      List<Row> of = byPoint.getOrDefault(point, List.of());
      if (of.isEmpty()) {
        points.add(new TimePoint(point, null, null, null, null, List.of()));
        continue;
      }
      Row first = of.get(0);
      List<Score> scores =
          of.stream()
              .filter(r -> r.subscale() != null)
              .sorted(java.util.Comparator.comparing(r -> r.subscale().ordinal()))
              .map(
                  r -> {
                    named.add(r.subscale());
                    return new Score(
                        r.subscale().name(),
                        r.score(),
                        r.answered(),
                        point == SurveyTimePoint.BASELINE
                            ? null
                            : change(r.subscale(), baseline.get(r.subscale()), r.score()));
                  })
              .toList();
      points.add(
          new TimePoint(
              point, first.state(), first.dueAt(), first.closesAt(), first.completedAt(), scores));
    }
    List<SubscaleInfo> subscales =
        Arrays.stream(Subscale.values())
            .filter(named::contains)
            .map(
                s ->
                    new SubscaleInfo(
                        s.instrument().name(),
                        s.name(),
                        s.label(),
                        s.best(),
                        s.worst(),
                        s.meaningfulDifference()))
            .toList();
    List<Report> ready =
        reports.ofReferral(referralId).stream()
            .map(r -> new Report(r.kind(), r.readyAt()))
            .toList();
    return new Outcomes(referralId, subscales, points, ready);
  }

  private static @Nullable ChangeView change(
      Subscale subscale, @Nullable BigDecimal baseline, @Nullable BigDecimal later) {
    Change change = new Change(subscale, baseline, later);
    BigDecimal improvement = change.improvement();
    return improvement == null
        ? null
        : new ChangeView(improvement, change.meaningfulImprovement(), change.meaningfulWorsening());
  }

  private static Row row(ResultSet rs, int index) throws SQLException {
    String subscale = rs.getString("subscale");
    return new Row(
        SurveyTimePoint.valueOf(rs.getString("time_point")),
        rs.getString("state"),
        rs.getTimestamp("due_at").toInstant(),
        instant(rs.getTimestamp("closes_at")),
        instant(rs.getTimestamp("completed_at")),
        subscale == null ? null : Subscale.valueOf(subscale),
        rs.getBigDecimal("score"),
        rs.getInt("answered"));
  }

  private static @Nullable Instant instant(@Nullable Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
