package org.cellpath.scheduling.slots;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;

/**
 * A window of clinic days, both ends included: the days a slot listing shows, a template fills, or
 * a search for a pair reads. A window ends no sooner than it starts; a one-day window starts and
 * ends on that day.
 */
public record TimeWindow(LocalDate from, LocalDate until) {

  /**
   * @throws InvalidValueException when {@code until} is before {@code from}
   */
  public TimeWindow {
    if (until.isBefore(from)) {
      throw new InvalidValueException("until", "must not be before from");
    }
  }

  /**
   * The window a request asks for, at most {@code maxDays} days after its first day.
   *
   * @param fromField the request's name for the first day, named in the refusal
   * @param untilField the request's name for the last day, named in the refusal
   * @throws InvalidValueException naming {@code untilField} when the window is inverted or too long
   */
  public static TimeWindow requested(
      LocalDate from, LocalDate until, String fromField, String untilField, int maxDays) {
    List<FieldProblem> problems = problems(from, until, fromField, untilField, maxDays);
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    return new TimeWindow(from, until);
  }

  /**
   * What is wrong with a requested window, for a caller that lists it with the request's other
   * problems: empty when {@link #requested} would accept it.
   */
  public static List<FieldProblem> problems(
      LocalDate from, LocalDate until, String fromField, String untilField, int maxDays) {
    List<FieldProblem> problems = new ArrayList<>();
    if (until.isBefore(from)) {
      problems.add(new FieldProblem(untilField, "must not be before " + fromField));
    } else if (from.plusDays(maxDays).isBefore(until)) {
      problems.add(
          new FieldProblem(untilField, "must be at most " + maxDays + " days after " + fromField));
    }
    return problems;
  }

  /**
   * The window cut into consecutive parts, the first {@code firstDays} long and each next one twice
   * as long as the one before, the last cut at the window's end: 7, 14, 28, ... days.
   */
  public List<TimeWindow> parts(int firstDays) {
    if (firstDays < 1) {
      throw new IllegalArgumentException("A part is at least one day long");
    }
    List<TimeWindow> parts = new ArrayList<>();
    LocalDate start = from;
    long days = firstDays;
    while (!start.isAfter(until)) {
      LocalDate end = start.plusDays(days - 1);
      parts.add(new TimeWindow(start, end.isAfter(until) ? until : end));
      start = end.plusDays(1);
      days *= 2;
    }
    return parts;
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(until);
  }
}
