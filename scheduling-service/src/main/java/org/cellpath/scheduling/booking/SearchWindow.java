package org.cellpath.scheduling.booking;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The clinic days searched for a pair, both ends included. */
public record SearchWindow(LocalDate from, LocalDate until) {

  public SearchWindow {
    if (until.isBefore(from)) {
      throw new IllegalArgumentException("A search window ends no sooner than it starts");
    }
  }

  /**
   * The window cut into consecutive parts, the first {@code firstDays} long and each next one twice as long as the one
   * before, the last cut at the window's end: 7, 14, 28, ... days.
   */
  public List<SearchWindow> parts(int firstDays) {
    if (firstDays < 1) {
      throw new IllegalArgumentException("A part is at least one day long");
    }
    List<SearchWindow> parts = new ArrayList<>();
    LocalDate start = from;
    long days = firstDays;
    while (!start.isAfter(until)) {
      LocalDate end = start.plusDays(days - 1);
      parts.add(new SearchWindow(start, end.isAfter(until) ? until : end));
      start = end.plusDays(1);
      days *= 2;
    }
    return parts;
  }

  boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(until);
  }
}
