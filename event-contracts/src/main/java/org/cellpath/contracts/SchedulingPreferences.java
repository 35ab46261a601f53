package org.cellpath.contracts;

import java.time.DayOfWeek;
import java.util.Set;

/** When the patient can come. Empty sets mean any weekday, any part of the day. */
public record SchedulingPreferences(Set<DayOfWeek> weekdays, Set<DayPart> dayParts) {

  public SchedulingPreferences {
    weekdays = weekdays == null ? Set.of() : Set.copyOf(weekdays);
    dayParts = dayParts == null ? Set.of() : Set.copyOf(dayParts);
  }

  public static SchedulingPreferences any() {
    return new SchedulingPreferences(Set.of(), Set.of());
  }
}
