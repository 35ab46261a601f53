package org.cellpath.notification.sms;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The hours an SMS may reach a patient, in the patient's own zone: from {@code start} (inclusive)
 * to {@code end} (exclusive). Equal ends mean any time. A message due outside the window waits for
 * its next opening.
 */
public record SmsWindow(LocalTime start, LocalTime end) {

  public SmsWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** Whether an SMS may go at {@code now} to a patient in {@code zone}. */
  public boolean isOpen(Instant now, ZoneId zone) {
    if (start.equals(end)) {
      return true;
    }
    LocalTime local = now.atZone(zone).toLocalTime();
    return start.isBefore(end)
        ? !local.isBefore(start) && local.isBefore(end)
        : !local.isBefore(start) || local.isBefore(end);
  }

  /**
   * Empty when the window is open at {@code now}; else the next moment it opens, in the patient's
   * zone.
   */
  public Optional<Instant> nextOpening(Instant now, ZoneId zone) {
    if (isOpen(now, zone)) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(zone);
    // A gap in the zone's clock (a spring-forward at the opening hour) moves the opening later,
    // never earlier.
    ZonedDateTime today = ZonedDateTime.of(local.toLocalDate(), start, zone);
    ZonedDateTime opening =
        today.isAfter(local)
            ? today
            : ZonedDateTime.of(local.toLocalDate().plusDays(1), start, zone);
    return Optional.of(opening.toInstant());
  }
}
