package org.cellpath.scheduling.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.scheduling.slots.Slot;

/** A bookable slot as the planner sees it: local day and time are those of its site's zone. */
public record CandidateSlot(
    UUID slotId,
    AppointmentKind kind,
    UUID clinicianId,
    UUID siteId,
    UUID roomId,
    Instant startsAt,
    Instant endsAt,
    ZoneId zone) {

  /** The slot as the planner sees it. */
  public static CandidateSlot of(Slot slot) {
    return new CandidateSlot(slot.id(), slot.kind(), slot.clinicianId(), slot.siteId(), slot.roomId(),
        slot.startsAt(), slot.endsAt(), slot.zone());
  }

  LocalDate localDate() {
    return startsAt.atZone(zone).toLocalDate();
  }

  LocalTime localStart() {
    return startsAt.atZone(zone).toLocalTime();
  }

  Duration length() {
    return Duration.between(startsAt, endsAt);
  }
}
