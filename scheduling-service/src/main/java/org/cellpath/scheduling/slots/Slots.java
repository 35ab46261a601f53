package org.cellpath.scheduling.slots;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.scheduling.ViolatedConstraint;
import org.cellpath.scheduling.clinic.ClinicDirectory;
import org.cellpath.scheduling.clinic.Room;
import org.cellpath.scheduling.clinic.Site;
import org.cellpath.domain.StateConflictException;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.RecordNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the clinic's slots: creates, blocks and frees them, lists them with who holds them, and hands the free ones
 * to booking.
 */
@Service
public class Slots {

  /** Longest slot a scheduler can create; a day's session, not a week. */
  static final int MAX_DURATION_MINUTES = 8 * 60;
  /** Widest date range one listing may cover. */
  static final int MAX_LISTING_DAYS = 92;

  private static final Logger log = LoggerFactory.getLogger(Slots.class);

  private static final String SELECT = """
      select s.id, s.clinician_id, s.room_id, r.site_id, s.kind, s.starts_at, s.ends_at, st.time_zone, s.blocked,
             p.id as pair_id, p.referral_id
        from slot s
        join room r on r.id = s.room_id
        join site st on st.id = r.site_id
        left join appointment a on a.slot_id = s.id and a.status <> 'CANCELLED'
        left join appointment_pair p on p.id = a.pair_id
      """;

  private final JdbcClient jdbc;
  private final ClinicDirectory directory;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Slots(JdbcClient jdbc, ClinicDirectory directory, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Creates a free slot.
   *
   * @throws InvalidValueException when the clinician or room does not exist, the start does not exist in the
   *     site's zone (a daylight-saving gap), or it lies in the past
   * @throws StateConflictException when it overlaps another slot of the same clinician or the same room
   */
  @Transactional
  public Slot create(NewSlot request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (directory.clinician(request.clinicianId()).isEmpty()) {
      problems.add(new FieldProblem("clinicianId", "no such clinician"));
    }
    Optional<Room> room = directory.room(request.roomId());
    if (room.isEmpty()) {
      problems.add(new FieldProblem("roomId", "no such room"));
    }
    if (request.durationMinutes() < 5 || request.durationMinutes() > MAX_DURATION_MINUTES) {
      problems.add(new FieldProblem("durationMinutes", "must be between 5 and " + MAX_DURATION_MINUTES));
    }
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    Site site = directory.site(room.orElseThrow().siteId()).orElseThrow();
    Instant startsAt = instantAt(request.date(), request.startTime(), site.timeZone());
    if (startsAt.isBefore(clock.instant())) {
      throw new InvalidValueException("startTime", "lies in the past");
    }
    Instant endsAt = startsAt.plusSeconds(60L * request.durationMinutes());
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql("""
              insert into slot (id, clinician_id, room_id, kind, starts_at, ends_at)
              values (?, ?, ?, ?, ?, ?)
              """)
          .param(id).param(request.clinicianId()).param(request.roomId()).param(request.kind().name())
          .param(Timestamp.from(startsAt)).param(Timestamp.from(endsAt))
          .update();
    } catch (DataIntegrityViolationException e) {
      throw overlap(e);
    }
    log.info("Slot {} created for clinician {} in room {}", id, request.clinicianId(), request.roomId());
    events.publishEvent(new SlotsReleased("created"));
    return find(id).orElseThrow();
  }

  /**
   * Creates the slots of a weekly template, in one transaction, skipping those that would overlap an existing slot
   * of the clinician or the room (the database's exclusion constraints decide, with {@code on conflict do nothing},
   * so a slot created meanwhile by someone else is skipped too), or start in the past or in a daylight-saving gap.
   *
   * @throws InvalidValueException when the clinician or room does not exist, or the pattern is not one
   */
  @Transactional
  public TemplateOutcome createFromTemplate(SlotTemplate template) {
    List<FieldProblem> problems = new ArrayList<>();
    if (directory.clinician(template.clinicianId()).isEmpty()) {
      problems.add(new FieldProblem("clinicianId", "no such clinician"));
    }
    Optional<Room> room = directory.room(template.roomId());
    if (room.isEmpty()) {
      problems.add(new FieldProblem("roomId", "no such room"));
    }
    if (template.durationMinutes() < 5 || template.durationMinutes() > MAX_DURATION_MINUTES) {
      problems.add(new FieldProblem("durationMinutes", "must be between 5 and " + MAX_DURATION_MINUTES));
    }
    if (template.weekdays().isEmpty()) {
      problems.add(new FieldProblem("weekdays", "must name at least one weekday"));
    }
    if (!template.endTime().isAfter(template.startTime())) {
      problems.add(new FieldProblem("endTime", "must be after startTime"));
    }
    if (template.to().isBefore(template.from())) {
      problems.add(new FieldProblem("to", "must not be before from"));
    } else if (template.from().plusDays(MAX_LISTING_DAYS).isBefore(template.to())) {
      problems.add(new FieldProblem("to", "must be at most " + MAX_LISTING_DAYS + " days after from"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    ZoneId zone = directory.site(room.orElseThrow().siteId()).orElseThrow().timeZone();
    Instant now = clock.instant();
    List<UUID> created = new ArrayList<>();
    int skipped = 0;
    for (LocalDate day = template.from(); !day.isAfter(template.to()); day = day.plusDays(1)) {
      if (!template.weekdays().contains(day.getDayOfWeek())) {
        continue;
      }
      for (java.time.LocalTime start = template.startTime();
          !start.plusMinutes(template.durationMinutes()).isAfter(template.endTime())
              && !start.plusMinutes(template.durationMinutes()).isBefore(start);
          start = start.plusMinutes(template.durationMinutes())) {
        Optional<UUID> slot = insertUnlessTaken(template, day, start, zone, now);
        if (slot.isPresent()) {
          created.add(slot.get());
        } else {
          skipped++;
        }
      }
    }
    log.info("Template for clinician {} in room {}: {} slot(s) created, {} skipped", template.clinicianId(),
        template.roomId(), created.size(), skipped);
    if (!created.isEmpty()) {
      events.publishEvent(new SlotsReleased("template"));
    }
    return new TemplateOutcome(created, skipped);
  }

  /** Inserts one slot of a template; empty when it would overlap, lie in the past or in a daylight-saving gap. */
  private Optional<UUID> insertUnlessTaken(SlotTemplate template, LocalDate day, java.time.LocalTime start,
      ZoneId zone, Instant now) {
    LocalDateTime local = LocalDateTime.of(day, start);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return Optional.empty();
    }
    Instant startsAt = ZonedDateTime.ofLocal(local, zone, null).toInstant();
    if (startsAt.isBefore(now)) {
      return Optional.empty();
    }
    UUID id = UUID.randomUUID();
    int inserted = jdbc.sql("""
            insert into slot (id, clinician_id, room_id, kind, starts_at, ends_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict do nothing
            """)
        .param(id).param(template.clinicianId()).param(template.roomId()).param(template.kind().name())
        .param(Timestamp.from(startsAt)).param(Timestamp.from(startsAt.plusSeconds(60L * template.durationMinutes())))
        .update();
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  /**
   * Takes a free slot out of booking.
   *
   * @throws RecordNotFoundException when the slot does not exist
   * @throws StateConflictException when an appointment holds it: cancel or move the pair first
   */
  @Transactional
  public Slot block(UUID slotId) {
    Slot slot = lockForChange(slotId);
    if (slot.status() == SlotStatus.BOOKED) {
      throw new StateConflictException("Slot " + slotId + " is booked by pair " + slot.heldByPairId()
          + "; cancel or reschedule the pair before blocking it");
    }
    if (!slot.blocked()) {
      jdbc.sql("update slot set blocked = true where id = ?").param(slotId).update();
      log.info("Slot {} blocked", slotId);
    }
    return find(slotId).orElseThrow();
  }

  /**
   * Makes a blocked slot bookable again. Freeing a free slot changes nothing.
   *
   * @throws RecordNotFoundException when the slot does not exist
   * @throws StateConflictException when an appointment holds it: only cancelling the pair frees a booked slot
   */
  @Transactional
  public Slot free(UUID slotId) {
    Slot slot = lockForChange(slotId);
    if (slot.status() == SlotStatus.BOOKED) {
      throw new StateConflictException("Slot " + slotId + " is booked by pair " + slot.heldByPairId()
          + "; cancel the pair to free it");
    }
    if (slot.blocked()) {
      jdbc.sql("update slot set blocked = false where id = ?").param(slotId).update();
      log.info("Slot {} freed", slotId);
      events.publishEvent(new SlotsReleased("unblocked"));
    }
    return find(slotId).orElseThrow();
  }

  @Transactional(readOnly = true)
  public Optional<Slot> find(UUID slotId) {
    return jdbc.sql(SELECT + " where s.id = ?").param(slotId).query(Slots::slot).optional();
  }

  /**
   * Slots whose local day (in their site's zone) lies between {@code from} and {@code to}, both included.
   *
   * @throws InvalidValueException when {@code to} is before {@code from} or the range is wider than 92 days
   */
  @Transactional(readOnly = true)
  public List<Slot> list(LocalDate from, LocalDate to, @Nullable UUID clinicianId, @Nullable UUID roomId) {
    if (to.isBefore(from)) {
      throw new InvalidValueException("to", "must not be before from");
    }
    if (from.plusDays(MAX_LISTING_DAYS).isBefore(to)) {
      throw new InvalidValueException("to", "must be at most " + MAX_LISTING_DAYS + " days after from");
    }
    Map<String, Object> params = new LinkedHashMap<>(localDayRange(from, to));
    StringBuilder sql = new StringBuilder(SELECT).append(WHERE_LOCAL_DAY_BETWEEN);
    if (clinicianId != null) {
      sql.append(" and s.clinician_id = :clinicianId");
      params.put("clinicianId", clinicianId);
    }
    if (roomId != null) {
      sql.append(" and s.room_id = :roomId");
      params.put("roomId", roomId);
    }
    sql.append(" order by s.starts_at, s.id");
    return jdbc.sql(sql.toString()).params(params).query(Slots::slot).list();
  }

  /**
   * Bookable slots (not blocked, held by no appointment) whose local day lies between {@code from} and {@code to},
   * both included, starting no earlier than {@code notBefore}. A snapshot: another transaction may take one of them
   * before the caller books it, which the database then refuses.
   */
  @Transactional(readOnly = true)
  public List<Slot> bookable(LocalDate from, LocalDate to, Instant notBefore) {
    Map<String, Object> params = new LinkedHashMap<>(localDayRange(from, to));
    params.put("notBefore", Timestamp.from(notBefore));
    // Reads free slots only, through the index slot_free_by_start: the cost follows the free slots of the days
    // asked for, not how many are booked there (the held flag follows the appointments: migration V3).
    return jdbc.sql("""
            select s.id, s.clinician_id, s.room_id, r.site_id, s.kind, s.starts_at, s.ends_at, st.time_zone, s.blocked,
                   null::uuid as pair_id, null::uuid as referral_id
              from slot s
              join room r on r.id = s.room_id
              join site st on st.id = r.site_id
            """ + WHERE_LOCAL_DAY_BETWEEN + """
               and not s.blocked and not s.held and s.starts_at >= :notBefore
             order by s.starts_at, s.id
            """)
        .params(params).query(Slots::slot).list();
  }

  /**
   * The local day (in its site's zone) of the earliest free, unblocked slot of this kind that starts between
   * {@code notBefore} and the end of {@code to}, if any. Reads the free-slot index in start order and stops at the
   * first match, so it costs the same however much of the calendar is booked. With sites in several zones, a slot that
   * starts later can lie on an earlier local day (by up to two days, UTC-12 to UTC+14): callers leave that margin.
   */
  @Transactional(readOnly = true)
  public Optional<LocalDate> firstFreeDay(AppointmentKind kind, LocalDate from, LocalDate to, Instant notBefore) {
    Map<String, Object> params = new LinkedHashMap<>(localDayRange(from, to));
    params.put("notBefore", Timestamp.from(notBefore));
    params.put("kind", kind.name());
    return jdbc.sql("""
            select (s.starts_at at time zone st.time_zone)::date
              from slot s
              join room r on r.id = s.room_id
              join site st on st.id = r.site_id
             where s.starts_at >= :lo and s.starts_at < :hi and s.starts_at >= :notBefore
               and not s.blocked and not s.held and s.kind = :kind
             order by s.starts_at
             limit 1
            """)
        .params(params).query(LocalDate.class).optional();
  }

  /**
   * Locks the slots until the caller's transaction ends, so that no one blocks them meanwhile, and returns those that
   * cannot be booked (blocked, or gone). Whether another appointment holds a slot is left to the appointment's unique
   * index, which decides even between transactions that have not committed yet.
   *
   * <p>The lock is {@code for no key update}, not {@code for share}: the booking's own appointment then updates the
   * slot's held flag (a trigger), which two share-lockers of one slot could not both do without a deadlock. Two
   * bookings of one slot now queue here, and the second finds the slot taken by the unique index when the first
   * commits.
   */
  @Transactional
  public Set<UUID> lockForBooking(Collection<UUID> slotIds) {
    return lockForBooking(slotIds, false);
  }

  /**
   * Like {@link #lockForBooking(Collection)}, but a slot that another transaction has locked (a booking under way, a
   * scheduler blocking it) counts as unavailable at once instead of being waited for. For the automatic search,
   * which has other proposals to try: consumer threads planning at the same moment propose the same earliest pair,
   * and without this each waited for the one ahead of it to commit before finding the slot taken (booking's longest
   * wait in the issue 8 benchmark). If the other transaction then rolls back, this search has moved on to its next
   * proposal; the slot is free for the next case.
   */
  @Transactional
  public Set<UUID> tryLockForBooking(Collection<UUID> slotIds) {
    return lockForBooking(slotIds, true);
  }

  private Set<UUID> lockForBooking(Collection<UUID> slotIds, boolean skipLocked) {
    Set<UUID> unavailable = new HashSet<>(slotIds);
    jdbc.sql("select id, blocked from slot where id in (:ids) order by id for no key update"
            + (skipLocked ? " skip locked" : ""))
        .param("ids", List.copyOf(slotIds))
        .query((rs, row) -> rs.getBoolean("blocked") ? null : rs.getObject("id", UUID.class))
        .list().forEach(unavailable::remove);
    return unavailable;
  }

  /** Tells the waitlist that slots were let go (a cancelled pair), within the caller's transaction. */
  public void released(String reason) {
    events.publishEvent(new SlotsReleased(reason));
  }

  private static final String WHERE_LOCAL_DAY_BETWEEN = """
       where s.starts_at >= :lo and s.starts_at < :hi
         and (s.starts_at at time zone st.time_zone)::date between :from and :to
      """;

  /** The local-day filter, plus a UTC range one day wider on each side so that the index on starts_at helps. */
  private static Map<String, Object> localDayRange(LocalDate from, LocalDate to) {
    return Map.of(
        "lo", Timestamp.from(from.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
        "hi", Timestamp.from(to.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant()),
        "from", from,
        "to", to);
  }

  /** Locks the slot row against concurrent booking and blocking until the transaction ends. */
  private Slot lockForChange(UUID slotId) {
    jdbc.sql("select id from slot where id = ? for update").param(slotId).query(UUID.class).optional()
        .orElseThrow(() -> new RecordNotFoundException("Slot " + slotId + " does not exist"));
    // A new statement, so that (read committed) it sees appointments committed while this one waited for the lock.
    return find(slotId).orElseThrow();
  }

  /**
   * The instant a local start names. A start inside a daylight-saving gap does not exist and is refused; in the
   * autumn overlap the earlier of the two instants is meant.
   */
  static Instant instantAt(LocalDate date, java.time.LocalTime time, ZoneId zone) {
    LocalDateTime local = LocalDateTime.of(date, time);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      throw new InvalidValueException("startTime", "does not exist on that date in the site's time zone "
          + zone.getId() + " (daylight saving time change)");
    }
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
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

  /**
   * A row of {@link #SELECT} or of the bookable-slot query, which list the same columns in the same order. Read by
   * position: booking maps hundreds of rows a search, and a lookup by name per column was a twentieth of this
   * service's CPU under load (issue 8 benchmark).
   */
  private static Slot slot(ResultSet rs, int row) throws SQLException {
    return new Slot(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        AppointmentKind.valueOf(rs.getString(5)),
        rs.getTimestamp(6).toInstant(),
        rs.getTimestamp(7).toInstant(),
        ZoneId.of(rs.getString(8)),
        rs.getBoolean(9),
        rs.getObject(11, UUID.class),
        rs.getObject(10, UUID.class));
  }
}
