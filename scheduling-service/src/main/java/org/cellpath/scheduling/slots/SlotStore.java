package org.cellpath.scheduling.slots;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes slots and locks them, in the caller's transaction, and tells the waitlist ({@link
 * SlotsReleased}) when a change adds or frees slots. The database refuses two slots of one
 * clinician or one room that overlap (exclusion constraints).
 */
@Repository
public class SlotStore {

  private static final Logger log = LoggerFactory.getLogger(SlotStore.class);

  private final JdbcClient jdbc;
  private final SlotQueries queries;
  private final ApplicationEventPublisher events;

  SlotStore(JdbcClient jdbc, SlotQueries queries, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.queries = queries;
    this.events = events;
  }

  /**
   * Stores a new free slot.
   *
   * @throws StateConflictException when it overlaps another slot of the same clinician or the same
   *     room
   */
  UUID insert(
      UUID clinicianId, UUID roomId, AppointmentKind kind, Instant startsAt, Instant endsAt) {
    UUID id = UUID.randomUUID();
    try {
      insert(id, clinicianId, roomId, kind, startsAt, endsAt, "");
    } catch (DataIntegrityViolationException e) {
      throw overlap(e);
    }
    return id;
  }

  /** Stores a new free slot unless it would overlap another one of the clinician or the room. */
  Optional<UUID> insertUnlessOverlapping(
      UUID clinicianId, UUID roomId, AppointmentKind kind, Instant startsAt, Instant endsAt) {
    UUID id = UUID.randomUUID();
    int inserted =
        insert(id, clinicianId, roomId, kind, startsAt, endsAt, " on conflict do nothing");
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  private int insert(
      UUID id,
      UUID clinicianId,
      UUID roomId,
      AppointmentKind kind,
      Instant startsAt,
      Instant endsAt,
      String onConflict) {
    return jdbc.sql(
            "insert into slot (id, clinician_id, room_id, kind, starts_at, ends_at) values (?, ?, ?, ?, ?, ?)"
                + onConflict)
        .param(id)
        .param(clinicianId)
        .param(roomId)
        .param(kind.name())
        .param(Timestamp.from(startsAt))
        .param(Timestamp.from(endsAt))
        .update();
  }

  /**
   * Writes a slot blocked or freed by its transition ({@link Slot#block}, {@link Slot#free}); a
   * slot freed from blocked is released to the waitlist.
   */
  void save(Slot before, Slot after) {
    if (before.blocked() == after.blocked()) {
      return;
    }
    jdbc.sql("update slot set blocked = ? where id = ?")
        .param(after.blocked())
        .param(after.id())
        .update();
    log.info("Slot {} {}", after.id(), after.blocked() ? "blocked" : "freed");
    if (!after.blocked()) {
      released("unblocked");
    }
  }

  /** Tells the waitlist that slots were added or let go, within the caller's transaction. */
  public void released(String reason) {
    events.publishEvent(new SlotsReleased(reason));
  }

  /** Locks the slot row against concurrent booking and blocking until the transaction ends. */
  Slot lockForChange(UUID slotId) {
    jdbc.sql("select id from slot where id = ? for update")
        .param(slotId)
        .query(UUID.class)
        .optional()
        .orElseThrow(() -> new RecordNotFoundException("Slot " + slotId + " does not exist"));
    // A new statement, so that (read committed) it sees appointments committed while this one
    // waited for the lock.
    return queries.find(slotId).orElseThrow();
  }

  /**
   * Locks the slots until the caller's transaction ends, so that no one blocks them meanwhile, and
   * returns those that cannot be booked (blocked, or gone). Whether another appointment holds a
   * slot is left to the appointment's unique index, which decides even between transactions that
   * have not committed yet.
   *
   * <p>The lock is {@code for no key update}, not {@code for share}: the booking's own appointment
   * then updates the slot's held flag (a trigger), which two share-lockers of one slot could not
   * both do without a deadlock. Two bookings of one slot now queue here, and the second finds the
   * slot taken by the unique index when the first commits.
   */
  @Transactional
  public Set<UUID> lockForBooking(Collection<UUID> slotIds) {
    return lockForBooking(slotIds, false);
  }

  /**
   * Like {@link #lockForBooking(Collection)}, but a slot that another transaction has locked (a
   * booking under way, a scheduler blocking it) counts as unavailable at once instead of being
   * waited for. For the automatic search, which has other proposals to try: consumer threads
   * planning at the same moment propose the same earliest pair, and without this each waited for
   * the one ahead of it to commit before finding the slot taken, which was booking's longest wait
   * under contention. If the other transaction then rolls back, this search has moved on to its
   * next proposal; the slot is free for the next case.
   */
  @Transactional
  public Set<UUID> tryLockForBooking(Collection<UUID> slotIds) {
    return lockForBooking(slotIds, true);
  }

  private Set<UUID> lockForBooking(Collection<UUID> slotIds, boolean skipLocked) {
    Set<UUID> unavailable = new HashSet<>(slotIds);
    jdbc.sql(
            "select id, blocked from slot where id in (:ids) order by id for no key update"
                + (skipLocked ? " skip locked" : ""))
        .param("ids", List.copyOf(slotIds))
        .query((rs, row) -> rs.getBoolean("blocked") ? null : rs.getObject("id", UUID.class))
        .list()
        .forEach(unavailable::remove);
    return unavailable;
  }

  private static RuntimeException overlap(DataIntegrityViolationException e) {
    String constraint = ViolatedConstraint.of(e).orElse("");
    if ("slot_clinician_no_overlap".equals(constraint)) {
      return new StateConflictException("The slot overlaps another slot of the same clinician");
    }
    if ("slot_room_no_overlap".equals(constraint)) {
      return new StateConflictException("The slot overlaps another slot in the same room");
    }
    return e;
  }
}
