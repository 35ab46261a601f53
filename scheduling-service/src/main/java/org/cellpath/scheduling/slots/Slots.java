package org.cellpath.scheduling.slots;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A scheduler's changes to single slots: create one, block it, free it. Each loads, calls the
 * slot's transition and saves through {@link SlotStore}.
 */
@Service
public class Slots {

  private static final Logger log = LoggerFactory.getLogger(Slots.class);

  private final SlotStore store;
  private final SlotQueries queries;
  private final NewSlotChecks checks;
  private final Clock clock;

  Slots(SlotStore store, SlotQueries queries, NewSlotChecks checks, Clock clock) {
    this.store = store;
    this.queries = queries;
    this.checks = checks;
    this.clock = clock;
  }

  /**
   * Creates a free slot.
   *
   * @throws InvalidValueException when the clinician or room does not exist, the start does not
   *     exist in the site's zone (a daylight-saving gap), or it lies in the past
   * @throws StateConflictException when it overlaps another slot of the same clinician or the same
   *     room
   */
  @Transactional
  public Slot create(NewSlot request) {
    List<FieldProblem> problems =
        checks.problems(request.clinicianId(), request.roomId(), request.durationMinutes());
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    Instant startsAt =
        instantAt(request.date(), request.startTime(), checks.zoneOf(request.roomId()));
    if (startsAt.isBefore(clock.instant())) {
      throw new InvalidValueException("startTime", "lies in the past");
    }
    UUID id =
        store.insert(
            request.clinicianId(),
            request.roomId(),
            request.kind(),
            startsAt,
            startsAt.plusSeconds(60L * request.durationMinutes()));
    log.info(
        "Slot {} created for clinician {} in room {}", id, request.clinicianId(), request.roomId());
    store.released("created");
    return queries.find(id).orElseThrow();
  }

  /**
   * Takes a free slot out of booking.
   *
   * @throws RecordNotFoundException when the slot does not exist
   * @throws StateConflictException when an appointment holds it: cancel or move the pair first
   */
  @Transactional
  public Slot block(UUID slotId) {
    Slot slot = store.lockForChange(slotId);
    store.save(slot, slot.block());
    return queries.find(slotId).orElseThrow();
  }

  /**
   * Makes a blocked slot bookable again. Freeing a free slot changes nothing.
   *
   * @throws RecordNotFoundException when the slot does not exist
   * @throws StateConflictException when an appointment holds it: only cancelling the pair frees a
   *     booked slot
   */
  @Transactional
  public Slot free(UUID slotId) {
    Slot slot = store.lockForChange(slotId);
    store.save(slot, slot.free());
    return queries.find(slotId).orElseThrow();
  }

  /**
   * The instant a local start names. A start inside a daylight-saving gap does not exist and is
   * refused; in the autumn overlap the earlier of the two instants is meant.
   */
  static Instant instantAt(LocalDate date, LocalTime time, ZoneId zone) {
    return existingInstantAt(date, time, zone)
        .orElseThrow(
            () ->
                new InvalidValueException(
                    "startTime",
                    "does not exist on that date in the site's time zone "
                        + zone.getId()
                        + " (daylight saving time change)"));
  }

  /**
   * The instant a local start names; empty inside a daylight-saving gap, the earlier one in the
   * autumn overlap.
   */
  static Optional<Instant> existingInstantAt(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = LocalDateTime.of(date, time);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return Optional.empty();
    }
    return Optional.of(ZonedDateTime.ofLocal(local, zone, null).toInstant());
  }
}
