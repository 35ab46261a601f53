package org.cellpath.console.physician;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of scores over the four time points, drawn on the server as SVG geometry that the
 * page's template writes out (no script, no chart library): one line per subscale, a point at each
 * time point answered, a gap where one has no score. The x axis is in weeks since the injection
 * (baseline at 0), so the distances between time points are true; the y axis is the scale's own
 * range, low at the bottom as on the forms (pain 10 at the top: the description says which end is
 * better). Colours come from the Okabe-Ito palette and each line also has its own dash pattern, so
 * that lines are told apart without colour; the table beside it carries the same numbers.
 */
final class OutcomesChart {

  /** The time points in order and their weeks after the injection. */
  static final List<String> TIME_POINTS = List.of("BASELINE", "WEEK_6", "WEEK_12", "WEEK_24");

  private static final int[] WEEKS = {0, 6, 12, 24};
  private static final String[] COLOURS = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"
  };
  private static final String[] DASHES = {"", "6 3", "2 2", "8 3 2 3", "4 4", "1 3"};

  static final int WIDTH = 340;
  private static final int LEFT = 34;
  private static final int RIGHT = 14;
  private static final int TOP = 10;
  private static final int BOTTOM = 26;

  /**
   * One subscale's scores, in {@link #TIME_POINTS} order (null where there is none).
   *
   * @param label as the legend and each point's title name it
   */
  record Series(String subscale, String label, List<BigDecimal> values) {}

  /** A tick on an axis: its place in the drawing and its label. */
  record Tick(double at, String label) {}

  /**
   * A point drawn, with the sentence its {@code <title>} says.
   *
   * @param timePoint which time point it is
   */
  record Point(double x, double y, String timePoint, String text) {}

  /**
   * One line: its look, each unbroken run of points as an SVG {@code points} value, and the points.
   */
  record Line(
      String subscale,
      String label,
      String colour,
      String dash,
      List<String> segments,
      List<Point> points) {}

  /**
   * @param id the element id, for the title and description the SVG names
   */
  record Chart(
      String id,
      String title,
      String description,
      int width,
      int height,
      double plotLeft,
      double plotRight,
      double plotTop,
      double plotBottom,
      List<Tick> yTicks,
      List<Tick> xTicks,
      List<Line> lines) {}

  private OutcomesChart() {}

  /**
   * The chart of {@code series} on a scale from {@code low} to {@code high}, ticks every {@code
   * step}.
   *
   * @param timePointLabels the x axis's labels, in {@link #TIME_POINTS} order
   * @param valueText how a point's title reads: label, time point, value
   */
  static Chart of(
      String id,
      String title,
      String description,
      int height,
      int low,
      int high,
      int step,
      List<String> timePointLabels,
      List<Series> series,
      PointText valueText) {
    double plotLeft = LEFT;
    double plotRight = WIDTH - RIGHT;
    double plotTop = TOP;
    double plotBottom = height - BOTTOM;
    List<Tick> yTicks = new ArrayList<>();
    for (int value = low; value <= high; value += step) {
      yTicks.add(new Tick(y(value, low, high, plotTop, plotBottom), String.valueOf(value)));
    }
    List<Tick> xTicks = new ArrayList<>();
    for (int i = 0; i < WEEKS.length; i++) {
      xTicks.add(new Tick(x(i, plotLeft, plotRight), timePointLabels.get(i)));
    }
    List<Line> lines = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      List<String> segments = new ArrayList<>();
      List<Point> points = new ArrayList<>();
      StringBuilder run = new StringBuilder();
      int inRun = 0;
      for (int i = 0; i < WEEKS.length; i++) {
        BigDecimal value = i < one.values().size() ? one.values().get(i) : null;
        if (value == null) {
          // A time point without a score breaks the line: nothing is drawn across it.
          if (inRun > 1) {
            segments.add(run.toString());
          }
          run.setLength(0);
          inRun = 0;
          continue;
        }
        double px = x(i, plotLeft, plotRight);
        double py = y(value.doubleValue(), low, high, plotTop, plotBottom);
        points.add(
            new Point(
                px,
                py,
                TIME_POINTS.get(i),
                valueText.text(one.label(), timePointLabels.get(i), value)));
        run.append(inRun > 0 ? " " : "").append(coordinate(px)).append(',').append(coordinate(py));
        inRun++;
      }
      if (inRun > 1) {
        segments.add(run.toString());
      }
      lines.add(
          new Line(
              one.subscale(),
              one.label(),
              COLOURS[s % COLOURS.length],
              DASHES[s % DASHES.length],
              segments,
              points));
    }
    return new Chart(
        id,
        title,
        description,
        WIDTH,
        height,
        plotLeft,
        plotRight,
        plotTop,
        plotBottom,
        yTicks,
        xTicks,
        lines);
  }

  /** How a point's title reads. */
  @FunctionalInterface
  interface PointText {
    String text(String label, String timePoint, BigDecimal value);
  }

  private static double x(int index, double left, double right) {
    return tenth(left + (right - left) * WEEKS[index] / WEEKS[WEEKS.length - 1]);
  }

  private static double y(double value, int low, int high, double top, double bottom) {
    return tenth(bottom - (value - low) / (high - low) * (bottom - top));
  }

  /** To a tenth of a unit: finer is invisible, and the page's numbers stay short. */
  private static double tenth(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
