package org.cellpath.console.insights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.console.api.OutcomesApi;

/**
 * The geometry of the page's charts, computed here so that the template only places shapes: no
 * script and no chart library, the figures stay readable in the tables beside them. Coordinates are
 * in the SVG's own units; the SVG scales to the width of a phone.
 */
public final class Charts {

  /**
   * Width of the plotting area and where it starts. Each row's label sits above its bar, so that a
   * phone's width goes to the bars and long group names are never cut.
   */
  static final int WIDTH = 290;

  static final int LABEL = 4;
  static final int ROW = 42;

  private Charts() {}

  /**
   * One bar: a group's median change with its interquartile range as a whisker, or its response
   * rate; {@code tooFew} rows draw nothing but say so.
   */
  public record Bar(
      String key,
      String label,
      boolean tooFew,
      int y,
      double x,
      double width,
      double whiskerFrom,
      double whiskerTo,
      String value) {}

  /** A chart: its rows, its height, and where zero sits (for change charts). */
  public record Chart(List<Bar> bars, int height, double zero, String min, String max) {

    public int plotLeft() {
      return LABEL;
    }

    public int plotRight() {
      return LABEL + WIDTH;
    }

    public int viewWidth() {
      return LABEL + WIDTH + 56;
    }
  }

  /** The response rate at each time point, 0-100 %. */
  public static Chart responseRates(List<OutcomesApi.TimePoint> points) {
    List<Bar> bars = new ArrayList<>();
    int y = 0;
    for (OutcomesApi.TimePoint point : points) {
      boolean tooFew = point.tooFew() || point.responseRate() == null;
      double width = tooFew ? 0 : point.responseRate().doubleValue() * WIDTH;
      bars.add(
          new Bar(
              point.timePoint(),
              point.timePoint(),
              tooFew,
              y,
              LABEL,
              width,
              0,
              0,
              tooFew
                  ? ""
                  : point
                          .responseRate()
                          .movePointRight(2)
                          .setScale(0, java.math.RoundingMode.HALF_UP)
                      + " %"));
      y += ROW;
    }
    return new Chart(bars, Math.max(y, ROW), LABEL, "0 %", "100 %");
  }

  /**
   * The median change of one subscale at one time point in each group, with its interquartile
   * range, on a scale that holds zero and every whisker.
   *
   * @param labels each group's label, in the groups' order
   */
  public static Chart changes(
      List<OutcomesApi.Group> groups, List<String> labels, String timePoint, String subscale) {
    double low = 0;
    double high = 0;
    for (OutcomesApi.Group group : groups) {
      OutcomesApi.Subscale figures = figures(group, timePoint, subscale);
      if (figures != null && !figures.tooFew() && figures.lowerQuartile() != null) {
        low = Math.min(low, figures.lowerQuartile().doubleValue());
        high = Math.max(high, figures.upperQuartile().doubleValue());
      }
    }
    if (high - low == 0) {
      high = low + 1;
    }
    double scale = WIDTH / (high - low);
    double zero = LABEL + (0 - low) * scale;
    List<Bar> bars = new ArrayList<>();
    int y = 0;
    for (int i = 0; i < groups.size(); i++) {
      OutcomesApi.Group group = groups.get(i);
      OutcomesApi.Subscale figures = figures(group, timePoint, subscale);
      boolean tooFew = figures == null || figures.tooFew() || figures.medianChange() == null;
      if (tooFew) {
        bars.add(new Bar(group.value(), labels.get(i), true, y, zero, 0, zero, zero, ""));
      } else {
        double median = LABEL + (figures.medianChange().doubleValue() - low) * scale;
        bars.add(
            new Bar(
                group.value(),
                labels.get(i),
                false,
                y,
                Math.min(zero, median),
                Math.abs(median - zero),
                LABEL + (figures.lowerQuartile().doubleValue() - low) * scale,
                LABEL + (figures.upperQuartile().doubleValue() - low) * scale,
                signed(figures.medianChange())));
      }
      y += ROW;
    }
    return new Chart(bars, Math.max(y, ROW), zero, plain(low), plain(high));
  }

  private static OutcomesApi.Subscale figures(
      OutcomesApi.Group group, String timePoint, String subscale) {
    OutcomesApi.TimePoint point = group.at(timePoint);
    return point == null ? null : point.subscale(subscale);
  }

  static String signed(BigDecimal value) {
    String plain = value.stripTrailingZeros().toPlainString();
    return value.signum() > 0 ? "+" + plain : plain;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
