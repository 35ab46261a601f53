package org.cellpath.scheduling.slots;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;

/**
 * A weekly pattern of slots: on each of the weekdays between {@code from} and {@code to} (both
 * included), slots of {@code durationMinutes} back to back from {@code startTime} for as long as
 * they end by {@code endTime}. Days and times are those of the room's site.
 */
public record SlotTemplate(
    UUID clinicianId,
    UUID roomId,
    AppointmentKind kind,
    Set<DayOfWeek> weekdays,
    LocalTime startTime,
    LocalTime endTime,
    int durationMinutes,
    LocalDate from,
    LocalDate to) {

  public SlotTemplate {
    weekdays = Set.copyOf(weekdays);
  }
}
