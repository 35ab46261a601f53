package org.cellpath.scheduling.slots;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.jspecify.annotations.Nullable;

/**
 * A slot as it stands: its time (UTC instants, read in its site's zone), who and where, and who holds it.
 *
 * @param heldByReferralId the referral whose active appointment holds the slot; null when none does
 * @param heldByPairId the appointment pair holding the slot; null when none does
 */
public record Slot(
    UUID id,
    UUID clinicianId,
    UUID roomId,
    UUID siteId,
    AppointmentKind kind,
    Instant startsAt,
    Instant endsAt,
    ZoneId zone,
    boolean blocked,
    @Nullable UUID heldByReferralId,
    @Nullable UUID heldByPairId) {

  public SlotStatus status() {
    if (heldByPairId != null) {
      return SlotStatus.BOOKED;
    }
    return blocked ? SlotStatus.BLOCKED : SlotStatus.FREE;
  }

  public LocalDate localDate() {
    return startsAt.atZone(zone).toLocalDate();
  }

  public LocalTime localStart() {
    return startsAt.atZone(zone).toLocalTime();
  }

  public LocalTime localEnd() {
    return endsAt.atZone(zone).toLocalTime();
  }

  public Duration length() {
    return Duration.between(startsAt, endsAt);
  }
}
