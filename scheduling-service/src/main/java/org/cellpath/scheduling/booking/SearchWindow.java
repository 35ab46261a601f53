package org.cellpath.scheduling.booking;

import java.time.LocalDate;

/** The clinic days searched for a pair, both ends included. */
public record SearchWindow(LocalDate from, LocalDate until) {

  public SearchWindow {
    if (until.isBefore(from)) {
      throw new IllegalArgumentException("A search window ends no sooner than it starts");
    }
  }

  boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(until);
  }
}
