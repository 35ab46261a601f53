package org.cellpath.console.physician;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cellpath.console.api.ReferralOutcomes;
import org.cellpath.console.web.Formats;
import org.springframework.context.MessageSource;

/**
 * The physician's "Outcomes" section of a referral (docs/console.md): the reports ready, a chart of
 * the FAOS (and VISA-A) subscales on 0-100 and one of the pain NRS on 0-10, and a table with the
 * same numbers and each follow-up's change from baseline, whether it reaches the meaningful
 * difference said in words. Everything here is patient-reported; the page says so.
 *
 * @param reports each report ready, as a sentence with its date
 * @param timePoints the table's columns: each time point's name and where it stands
 * @param rows one per subscale scored
 * @param charts the 0-100 chart and the NRS chart, those with anything to draw
 * @param answered whether any time point has scores yet
 */
record OutcomesView(
    List<ReportLine> reports,
    List<Column> timePoints,
    List<Row> rows,
    List<OutcomesChart.Chart> charts,
    boolean answered) {

  /**
   * @param kind {@code INTERIM} or {@code FINAL}
   */
  record ReportLine(String kind, Instant readyAt, String text) {}

  /**
   * @param status where the time point stands, in words ("answered Dec 7, 2026")
   */
  record Column(String timePoint, String label, String state, String status) {}

  record Row(String subscale, String label, List<Cell> cells) {}

  /**
   * @param value the score, or a dash when there is none
   * @param note why there is none ("not answered", "not scored: too many items left blank"), null
   *     when there is a score
   * @param change the change from baseline in words, null at baseline or when nothing compares
   * @param meaningful whether it reaches the meaningful difference
   * @param worsening whether it is worse by at least it
   */
  record Cell(
      String timePoint,
      String value,
      String note,
      String change,
      String meaning,
      boolean meaningful,
      boolean worsening) {}

  /** The section for {@code outcomes}; null when no questionnaire is planned yet. */
  static OutcomesView of(
      ReferralOutcomes outcomes, MessageSource messages, Locale locale, Formats formats) {
    if (outcomes == null
        || outcomes.timePoints() == null
        || outcomes.timePoints().stream().allMatch(t -> t.state() == null)) {
      return null;
    }
    Messages say = new Messages(messages, locale);
    NumberFormat numbers = NumberFormat.getNumberInstance(locale);
    numbers.setMaximumFractionDigits(2);

    List<ReferralOutcomes.TimePoint> points = new ArrayList<>();
    for (String name : OutcomesChart.TIME_POINTS) {
      points.add(
          outcomes.timePoints().stream()
              .filter(t -> name.equals(t.timePoint()))
              .findFirst()
              .orElse(new ReferralOutcomes.TimePoint(name, null, null, null, null, List.of())));
    }
    List<String> pointLabels =
        OutcomesChart.TIME_POINTS.stream().map(p -> say.get("report.timePoint." + p)).toList();

    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      ReferralOutcomes.TimePoint point = points.get(i);
      String state = point.state() == null ? "NONE" : point.state();
      Instant at =
          switch (state) {
            case "COMPLETED" -> point.completedAt();
            case "OPEN", "MISSED" -> point.closesAt();
            default -> point.dueAt();
          };
      columns.add(
          new Column(
              point.timePoint(),
              pointLabels.get(i),
              state,
              say.get("report.state." + state, formats.dateTime(at))));
    }

    List<Row> rows = new ArrayList<>();
    List<OutcomesChart.Series> hundred = new ArrayList<>();
    List<OutcomesChart.Series> pain = new ArrayList<>();
    for (ReferralOutcomes.Subscale subscale : outcomes.subscales()) {
      String label = say.getOr("report.subscale." + subscale.subscale(), subscale.label());
      List<Cell> cells = new ArrayList<>();
      List<BigDecimal> values = new ArrayList<>();
      for (ReferralOutcomes.TimePoint point : points) {
        ReferralOutcomes.Score score = point.score(subscale.subscale());
        BigDecimal value = score == null ? null : score.score();
        values.add(value);
        cells.add(cell(point, value, score, subscale, say, numbers));
      }
      rows.add(new Row(subscale.subscale(), label, cells));
      // A subscale never scored has no line and no legend entry; its row in the table says why.
      if (values.stream().anyMatch(java.util.Objects::nonNull)) {
        (subscale.best() < subscale.worst() ? pain : hundred)
            .add(new OutcomesChart.Series(subscale.subscale(), label, values));
      }
    }
    OutcomesChart.PointText pointText =
        (label, timePoint, value) ->
            say.get("report.chart.point", label, timePoint, numbers.format(value));
    List<OutcomesChart.Chart> charts = new ArrayList<>();
    if (!hundred.isEmpty()) {
      charts.add(
          OutcomesChart.of(
              "outcomes-chart-scores",
              say.get("report.chart.scores.title"),
              say.get("report.chart.scores.desc"),
              200,
              0,
              100,
              25,
              pointLabels,
              hundred,
              pointText));
    }
    if (!pain.isEmpty()) {
      charts.add(
          OutcomesChart.of(
              "outcomes-chart-pain",
              say.get("report.chart.pain.title"),
              say.get("report.chart.pain.desc"),
              130,
              0,
              10,
              5,
              pointLabels,
              pain,
              pointText));
    }
    List<ReportLine> reports =
        outcomes.reports() == null
            ? List.of()
            : outcomes.reports().stream()
                .map(
                    r ->
                        new ReportLine(
                            r.kind(),
                            r.readyAt(),
                            say.get("report.ready." + r.kind(), formats.dateTime(r.readyAt()))))
                .toList();
    boolean answered = points.stream().anyMatch(p -> p.scores() != null && !p.scores().isEmpty());
    return new OutcomesView(reports, columns, rows, charts, answered);
  }

  private static Cell cell(
      ReferralOutcomes.TimePoint point,
      BigDecimal value,
      ReferralOutcomes.Score score,
      ReferralOutcomes.Subscale subscale,
      Messages say,
      NumberFormat numbers) {
    String timePoint = point.timePoint();
    if (value == null) {
      // On a phone the table's head is hidden: the cell says itself why it has no score.
      String note = say.get("report.cell." + (point.state() == null ? "NONE" : point.state()));
      return new Cell(timePoint, "—", note, null, null, false, false);
    }
    String shown = numbers.format(value);
    ReferralOutcomes.Change change = score == null ? null : score.change();
    if (change == null || change.improvement() == null) {
      return new Cell(timePoint, shown, null, null, null, false, false);
    }
    BigDecimal improvement = change.improvement().setScale(2, RoundingMode.HALF_UP);
    String amount = numbers.format(improvement.abs());
    String direction =
        improvement.signum() > 0
            ? say.get("report.change.better", amount)
            : improvement.signum() < 0
                ? say.get("report.change.worse", amount)
                : say.get("report.change.same");
    String difference = numbers.format(subscale.meaningfulDifference());
    String meaning =
        change.reachesMeaningfulDifference()
            ? say.get("report.change.meaningful", difference)
            : change.meaningfulWorsening()
                ? say.get("report.change.meaningfulWorse", difference)
                : say.get("report.change.notMeaningful", difference);
    return new Cell(
        timePoint,
        shown,
        null,
        direction,
        meaning,
        change.reachesMeaningfulDifference(),
        change.meaningfulWorsening());
  }

  /** The page's messages in its language. */
  private record Messages(MessageSource source, Locale locale) {
    String get(String code, Object... args) {
      return source.getMessage(code, args, locale);
    }

    String getOr(String code, String fallback) {
      return source.getMessage(code, null, fallback, locale);
    }
  }
}
