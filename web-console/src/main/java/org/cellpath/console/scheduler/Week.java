package org.cellpath.console.scheduler;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cellpath.console.api.SchedulingApi;

/**
 * A week of one clinician's or one room's slots, Monday to Sunday, each day's slots by start time.
 *
 * @param days seven days, Monday first
 */
record Week(LocalDate monday, List<Day> days) {

  record Day(LocalDate date, List<SchedulingApi.Slot> slots) {}

  static LocalDate mondayOf(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static Week of(LocalDate monday, List<SchedulingApi.Slot> slots) {
    List<Day> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      LocalDate date = monday.plusDays(i);
      days.add(
          new Day(
              date,
              slots.stream()
                  .filter(slot -> date.equals(slot.date()))
                  .sorted(Comparator.comparing(SchedulingApi.Slot::startTime))
                  .toList()));
    }
    return new Week(monday, List.copyOf(days));
  }

  LocalDate sunday() {
    return monday.plusDays(6);
  }

  public LocalDate previous() {
    return monday.minusWeeks(1);
  }

  public LocalDate next() {
    return monday.plusWeeks(1);
  }

  public long count(String status) {
    return days.stream()
        .flatMap(day -> day.slots().stream())
        .filter(slot -> status.equals(slot.status()))
        .count();
  }
}
