package org.cellpath.referral.insights;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The summary as CSV: the same figures, one row per group, time point and subscale (a row with no
 * subscale for the response rate), never a row per patient. A group too small for figures says so
 * in {@code note} and leaves the numbers empty.
 */
public final class SummaryCsv {

  static final String HEADER =
      "dimension,group,time_point,instrument,subscale,answered,missed,response_rate,n,"
          + "median_change,lower_quartile,upper_quartile,share_meaningful,meaningful_difference,"
          + "note,synthetic_cases_in_summary";

  private SummaryCsv() {}

  public static String of(OutcomeSummary summary) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    int synthetic = summary.syntheticCases();
    for (OutcomeSummary.Group group : summary.groups()) {
      for (OutcomeSummary.TimePointFigures point : group.timePoints()) {
        row(
            csv,
            group.dimension().name(),
            group.value(),
            point.timePoint().name(),
            "",
            "",
            number(point.answered()),
            number(point.missed()),
            number(point.responseRate()),
            "",
            "",
            "",
            "",
            "",
            "",
            point.tooFew() ? "too few to judge" : "",
            String.valueOf(synthetic));
        for (OutcomeSummary.SubscaleFigures subscale : point.subscales()) {
          row(
              csv,
              group.dimension().name(),
              group.value(),
              point.timePoint().name(),
              subscale.instrument().name(),
              subscale.subscale(),
              "",
              "",
              "",
              number(subscale.n()),
              number(subscale.medianChange()),
              number(subscale.lowerQuartile()),
              number(subscale.upperQuartile()),
              number(subscale.shareMeaningful()),
              subscale.meaningfulDifference().toPlainString(),
              subscale.tooFew() ? "too few to judge" : "",
              String.valueOf(synthetic));
        }
      }
    }
    return csv.toString();
  }

  /** Every value is an enum name, a number or a fixed note: none holds a comma or a quote. */
  private static void row(StringBuilder csv, String... values) {
    csv.append(String.join(",", values)).append("\r\n");
  }

  private static String number(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }
}
