package org.cellpath.scheduling.slots;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.jspecify.annotations.Nullable;

/**
 * A slot as it stands: its time (UTC instants, read in its site's zone), who and where, and who
 * holds it. A scheduler blocks and frees it through {@link #block} and {@link #free}, which check
 * {@link #ALLOWED}; booking and cancelling a pair hold and let go of it (the database keeps one
 * active appointment per slot).
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

  /** What a scheduler can do to a slot. */
  enum Action {
    BLOCK,
    FREE
  }

  /**
   * The one status table of a slot: a booked slot is neither blocked nor freed until its pair lets
   * it go.
   */
  private static final Map<SlotStatus, Set<Action>> ALLOWED =
      Map.of(
          SlotStatus.FREE, EnumSet.allOf(Action.class),
          SlotStatus.BLOCKED, EnumSet.allOf(Action.class),
          SlotStatus.BOOKED, EnumSet.noneOf(Action.class));

  /**
   * The slot taken out of booking; a blocked slot stays as it is.
   *
   * @throws SlotHeldException when an appointment holds it: cancel or move the pair first
   */
  public Slot block() {
    if (!ALLOWED.get(status()).contains(Action.BLOCK)) {
      throw new SlotHeldException(
          "Slot "
              + id
              + " is booked by pair "
              + heldByPairId
              + "; cancel or reschedule the pair before blocking it");
    }
    return withBlocked(true);
  }

  /**
   * The slot bookable again; a free slot stays as it is.
   *
   * @throws SlotHeldException when an appointment holds it: only cancelling the pair frees a booked
   *     slot
   */
  public Slot free() {
    if (!ALLOWED.get(status()).contains(Action.FREE)) {
      throw new SlotHeldException(
          "Slot " + id + " is booked by pair " + heldByPairId + "; cancel the pair to free it");
    }
    return withBlocked(false);
  }

  private Slot withBlocked(boolean nowBlocked) {
    return new Slot(
        id,
        clinicianId,
        roomId,
        siteId,
        kind,
        startsAt,
        endsAt,
        zone,
        nowBlocked,
        heldByReferralId,
        heldByPairId);
  }

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
