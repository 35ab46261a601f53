package org.cellpath.scheduling.slots;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads slots: one, a listing with who holds them, and the free ones booking plans with. */
@Repository
public class SlotQueries {

  /** Widest window one listing or template may cover. */
  public static final int MAX_LISTING_DAYS = 92;

  static final String SELECT =
      """
      select s.id, s.clinician_id, s.room_id, r.site_id, s.kind, s.starts_at, s.ends_at, st.time_zone, s.blocked,
             p.id as pair_id, p.referral_id
        from slot s
        join room r on r.id = s.room_id
        join site st on st.id = r.site_id
        left join appointment a on a.slot_id = s.id and a.status <> 'CANCELLED'
        left join appointment_pair p on p.id = a.pair_id
      """;

  private static final String WHERE_LOCAL_DAY_BETWEEN =
      """
       where s.starts_at >= :lo and s.starts_at < :hi
         and (s.starts_at at time zone st.time_zone)::date between :from and :to
      """;

  private final JdbcClient jdbc;

  SlotQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public Optional<Slot> find(UUID slotId) {
    return jdbc.sql(SELECT + " where s.id = ?").param(slotId).query(SlotQueries::slot).optional();
  }

  /** Slots whose local day (in their site's zone) lies in the window. */
  @Transactional(readOnly = true)
  public List<Slot> list(TimeWindow days, @Nullable UUID clinicianId, @Nullable UUID roomId) {
    Map<String, Object> params = new LinkedHashMap<>(localDayRange(days));
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
    return jdbc.sql(sql.toString()).params(params).query(SlotQueries::slot).list();
  }

  /**
   * Bookable slots (not blocked, held by no appointment) whose local day lies in the window,
   * starting no earlier than {@code notBefore}. A snapshot: another transaction may take one of
   * them before the caller books it, which the database then refuses.
   */
  @Transactional(readOnly = true)
  public List<Slot> bookable(TimeWindow days, Instant notBefore) {
    Map<String, Object> params = new LinkedHashMap<>(localDayRange(days));
    params.put("notBefore", Timestamp.from(notBefore));
    // Reads free slots only, through the index slot_free_by_start: the cost follows the free slots
    // of the days
    // asked for, not how many are booked there (the held flag follows the appointments: migration
    // V3).
    return jdbc.sql(
            """
            select s.id, s.clinician_id, s.room_id, r.site_id, s.kind, s.starts_at, s.ends_at, st.time_zone, s.blocked,
                   null::uuid as pair_id, null::uuid as referral_id
              from slot s
              join room r on r.id = s.room_id
              join site st on st.id = r.site_id
            """
                + WHERE_LOCAL_DAY_BETWEEN
                + """
               and not s.blocked and not s.held and s.starts_at >= :notBefore
             order by s.starts_at, s.id
            """)
        .params(params)
        .query(SlotQueries::slot)
        .list();
  }

  /**
   * The local day (in its site's zone) of the earliest free, unblocked slot of this kind that
   * starts between {@code notBefore} and the end of the window, if any. Reads the free-slot index
   * in start order and stops at the first match, so it costs the same however much of the calendar
   * is booked. With sites in several zones, a slot that starts later can lie on an earlier local
   * day (by up to two days, UTC-12 to UTC+14): callers leave that margin.
   */
  @Transactional(readOnly = true)
  public Optional<LocalDate> firstFreeDay(
      AppointmentKind kind, TimeWindow days, Instant notBefore) {
    Map<String, Object> params = new LinkedHashMap<>(localDayRange(days));
    params.put("notBefore", Timestamp.from(notBefore));
    params.put("kind", kind.name());
    return jdbc.sql(
            """
            select (s.starts_at at time zone st.time_zone)::date
              from slot s
              join room r on r.id = s.room_id
              join site st on st.id = r.site_id
             where s.starts_at >= :lo and s.starts_at < :hi and s.starts_at >= :notBefore
               and not s.blocked and not s.held and s.kind = :kind
             order by s.starts_at
             limit 1
            """)
        .params(params)
        .query(LocalDate.class)
        .optional();
  }

  /**
   * The local-day filter, plus a UTC range one day wider on each side so that the index on
   * starts_at helps.
   */
  private static Map<String, Object> localDayRange(TimeWindow days) {
    return Map.of(
        "lo", Timestamp.from(days.from().minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
        "hi", Timestamp.from(days.until().plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant()),
        "from", days.from(),
        "to", days.until());
  }

  /**
   * A row of {@link #SELECT} or of the bookable-slot query, which list the same columns in the same
   * order. Read by position: booking maps hundreds of rows a search, and looking each column up by
   * name cost a measurable share of the service's CPU under booking load.
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
