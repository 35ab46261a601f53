package org.cellpath.scheduling.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.ConfirmedBy;
import org.cellpath.contracts.OfferEnd;
import org.cellpath.messaging.EventsRaised;
import org.cellpath.scheduling.planning.PlannedAppointment;
import org.cellpath.scheduling.slots.SlotsReleased;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code appointment_pair} and {@code appointment} tables: stores {@link AppointmentPair}'s
 * transitions and publishes their events. Callers bring the transaction. The database refuses an
 * appointment for a slot another active appointment holds (unique index {@value #SLOT_HELD_ONCE}).
 */
@Repository
public class AppointmentPairs {

  /** The partial unique index that keeps a slot to one active appointment. */
  static final String SLOT_HELD_ONCE = "appointment_slot_held_once";

  private static final String SELECT =
      """
      select p.id as pair_id, p.referral_id, p.status as pair_status, p.sequence, p.booked_at, p.cancelled_at,
             p.confirmed_sequence, p.confirmed_at, p.confirmed_by, p.offer_expires_at, p.offer_end,
             a.id as appointment_id, a.kind, a.status as appointment_status, a.slot_id, a.starts_at, a.ends_at,
             st.time_zone, c.id as clinician_id, c.name as clinician_name, st.id as site_id, st.name as site_name,
             st.address as site_address, r.id as room_id, r.name as room_name
        from appointment_pair p
        join appointment a on a.pair_id = p.id
        join slot s on s.id = a.slot_id
        join clinician c on c.id = s.clinician_id
        join room r on r.id = s.room_id
        join site st on st.id = r.site_id
      """;
  private static final String ORDER = " order by p.booked_at, p.id, a.starts_at, a.kind";

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  AppointmentPairs(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  void insertPair(UUID pairId, UUID referralId, Instant bookedAt) {
    insertPair(pairId, referralId, bookedAt, null);
  }

  /**
   * Inserts a booked pair, or (with {@code offerUntil}) one offered to a waitlisted case until
   * then; either holds its slots once its appointments are inserted.
   */
  void insertPair(
      UUID pairId,
      UUID referralId,
      Instant bookedAt,
      @org.jspecify.annotations.Nullable Instant offerUntil) {
    jdbc.sql(
            """
            insert into appointment_pair (id, referral_id, status, booked_at, offer_expires_at)
            values (:id, :referralId, :status, :bookedAt, :offerUntil)
            """)
        .param("id", pairId)
        .param("referralId", referralId)
        .param("status", offerUntil == null ? "BOOKED" : "OFFERED")
        .param("bookedAt", Timestamp.from(bookedAt))
        .param(
            "offerUntil",
            offerUntil == null ? null : Timestamp.from(offerUntil),
            java.sql.Types.TIMESTAMP)
        .update();
  }

  /**
   * Books the appointment's slot for the pair.
   *
   * @throws org.springframework.dao.DuplicateKeyException when an active appointment already holds
   *     the slot; the transaction (or savepoint) can then only be rolled back
   */
  void insertAppointment(UUID pairId, PlannedAppointment appointment) {
    jdbc.sql(
            """
            insert into appointment (id, pair_id, kind, slot_id, starts_at, ends_at, status)
            values (?, ?, ?, ?, ?, ?, 'BOOKED')
            """)
        .param(UUID.randomUUID())
        .param(pairId)
        .param(appointment.kind().name())
        .param(appointment.slot().slotId())
        .param(Timestamp.from(appointment.startsAt()))
        .param(Timestamp.from(appointment.endsAt()))
        .update();
  }

  /**
   * Writes what the pair's transition decided and publishes the events it caused, in the caller's
   * transaction (they reach the outbox just before it commits).
   *
   * @throws org.cellpath.domain.StateConflictException when a moved appointment's new slot is held
   *     by another active appointment (the database refuses it); the transaction can then only be
   *     rolled back
   */
  void save(PairTransition transition) {
    AppointmentPair pair = transition.pair();
    // A Booked pair writes nothing here: its rows were inserted by insertPair and
    // insertAppointment, under the
    // database's guard. (instanceof rather than a switch over the sealed type: the code is compiled
    // for Java 17.)
    if (transition instanceof PairTransition.Cancelled cancelled) {
      jdbc.sql(
              "update appointment set status = 'CANCELLED' where pair_id = ? and status = 'BOOKED'")
          .param(pair.id())
          .update();
      jdbc.sql(
              """
                update appointment_pair
                   set status = 'CANCELLED', cancelled_at = :at, sequence = :sequence,
                       cancel_reason = coalesce(:reason, cancel_reason)
                 where id = :id
                """)
          .param("at", Timestamp.from(pair.cancelledAt()))
          .param("sequence", pair.sequence())
          .param("reason", cancelled.reason(), java.sql.Types.VARCHAR)
          .param("id", pair.id())
          .update();
    } else if (transition instanceof PairTransition.Moved) {
      for (BookedAppointment appointment : pair.appointments()) {
        try {
          jdbc.sql("update appointment set slot_id = ?, starts_at = ?, ends_at = ? where id = ?")
              .param(appointment.slotId())
              .param(Timestamp.from(appointment.startsAt()))
              .param(Timestamp.from(appointment.endsAt()))
              .param(appointment.id())
              .update();
        } catch (DuplicateKeyException e) {
          throw ChosenSlots.taken(e, appointment.slotId());
        }
      }
      jdbc.sql("update appointment_pair set sequence = ? where id = ?")
          .param(pair.sequence())
          .param(pair.id())
          .update();
    } else if (transition instanceof PairTransition.Confirmed && !transition.events().isEmpty()) {
      AppointmentPair.Confirmation confirmation = pair.confirmation();
      jdbc.sql(
              """
                update appointment_pair
                   set confirmed_sequence = :sequence, confirmed_at = :at, confirmed_by = :by
                 where id = :id and sequence = :sequence
                """)
          .param("sequence", confirmation.sequence())
          .param("at", Timestamp.from(confirmation.at()))
          .param("by", confirmation.by().name())
          .param("id", pair.id())
          .update();
    } else if (transition instanceof PairTransition.OfferAccepted) {
      int accepted =
          jdbc.sql(
                  """
                  update appointment_pair set status = 'BOOKED', booked_at = :at, offer_end = 'ACCEPTED'
                   where id = :id and status = 'OFFERED'
                  """)
              .param("at", Timestamp.from(pair.bookedAt()))
              .param("id", pair.id())
              .update();
      requireOneOpenOffer(accepted, pair);
    } else if (transition instanceof PairTransition.OfferEnded) {
      int ended =
          jdbc.sql(
                  """
                  update appointment_pair set status = 'CANCELLED', cancelled_at = :at, offer_end = :end
                   where id = :id and status = 'OFFERED'
                  """)
              .param("at", Timestamp.from(pair.cancelledAt()))
              .param("end", pair.offer().end().name())
              .param("id", pair.id())
              .update();
      requireOneOpenOffer(ended, pair);
      jdbc.sql(
              "update appointment set status = 'CANCELLED' where pair_id = ? and status = 'BOOKED'")
          .param(pair.id())
          .update();
    } else if (transition instanceof PairTransition.Attended attended) {
      jdbc.sql(
              "update appointment set status = :status, product_lot = :lot, attended_at = :now where id = :id")
          .param("status", attended.outcome().name())
          .param("lot", attended.productLot(), java.sql.Types.VARCHAR)
          .param("now", Timestamp.from(attended.at()))
          .param("id", attended.appointmentId())
          .update();
    }
    events.publishEvent(new EventsRaised(transition.events()));
    if (transition instanceof PairTransition.Cancelled) {
      events.publishEvent(new SlotsReleased("pair cancelled"));
    } else if (transition instanceof PairTransition.OfferEnded) {
      events.publishEvent(new SlotsReleased("offer ended"));
    } else if (transition instanceof PairTransition.Moved) {
      events.publishEvent(new SlotsReleased("pair rescheduled"));
    }
  }

  /**
   * An offer's end is written once: a second writer (a transition decided on a pair read without
   * its lock) finds the pair no longer offered and changes nothing.
   */
  private static void requireOneOpenOffer(int updated, AppointmentPair pair) {
    if (updated != 1) {
      throw new IllegalTransitionException(
          "Appointment pair " + pair.id() + " is no longer an open offer");
    }
  }

  /**
   * The slots of the referral's offers that were declined or ran out: the case is not offered them
   * again.
   */
  java.util.Set<UUID> endedOfferSlots(UUID referralId) {
    return new java.util.HashSet<>(
        jdbc.sql(
                """
                select a.slot_id from appointment a join appointment_pair p on p.id = a.pair_id
                 where p.referral_id = ? and p.offer_end in ('DECLINED', 'EXPIRED')
                """)
            .param(referralId)
            .query(UUID.class)
            .list());
  }

  /** Open offers whose hold is over at {@code now}, the longest over first. */
  List<UUID> offersDue(Instant now, int limit) {
    return jdbc.sql(
            """
            select id from appointment_pair where status = 'OFFERED' and offer_expires_at <= ?
             order by offer_expires_at, id limit ?
            """)
        .param(Timestamp.from(now))
        .param(limit)
        .query(UUID.class)
        .list();
  }

  /** Where and with whom each of the slots is, by slot id. */
  Map<UUID, Place> places(Collection<UUID> slotIds) {
    Map<UUID, Place> places = new HashMap<>();
    jdbc.sql(
            """
            select s.id, st.time_zone, c.id as clinician_id, c.name as clinician_name, st.id as site_id,
                   st.name as site_name, st.address as site_address, r.id as room_id, r.name as room_name
              from slot s
              join clinician c on c.id = s.clinician_id
              join room r on r.id = s.room_id
              join site st on st.id = r.site_id
             where s.id in (:ids)
            """)
        .param("ids", List.copyOf(slotIds))
        .query((rs, row) -> places.put(rs.getObject("id", UUID.class), place(rs)))
        .list();
    return places;
  }

  /** The pair an appointment belongs to. */
  Optional<UUID> pairOfAppointment(UUID appointmentId) {
    return jdbc.sql("select pair_id from appointment where id = ?")
        .param(appointmentId)
        .query(UUID.class)
        .optional();
  }

  /** The pair, locked against concurrent change until the transaction ends. */
  Optional<AppointmentPair> lock(UUID pairId) {
    Optional<UUID> locked =
        jdbc.sql("select id from appointment_pair where id = ? for update")
            .param(pairId)
            .query(UUID.class)
            .optional();
    return locked.flatMap(this::find);
  }

  public Optional<AppointmentPair> find(UUID pairId) {
    return pairs(SELECT + " where p.id = :id" + ORDER, Map.of("id", pairId)).stream().findFirst();
  }

  /** Every pair of the referral, cancelled ones included, oldest first. */
  public List<AppointmentPair> ofReferral(UUID referralId) {
    return pairs(
        SELECT + " where p.referral_id = :referralId" + ORDER, Map.of("referralId", referralId));
  }

  Optional<AppointmentPair> activeOf(UUID referralId) {
    return pairs(
            SELECT
                + " where p.referral_id = :referralId and p.status in ('BOOKED', 'OFFERED')"
                + ORDER,
            Map.of("referralId", referralId))
        .stream()
        .findFirst();
  }

  private List<AppointmentPair> pairs(String sql, Map<String, ?> params) {
    List<Row> rows = jdbc.sql(sql).params(params).query(AppointmentPairs::row).list();
    Map<UUID, List<Row>> byPair = new LinkedHashMap<>();
    rows.forEach(row -> byPair.computeIfAbsent(row.pairId, id -> new ArrayList<>()).add(row));
    return byPair.values().stream().map(AppointmentPairs::pair).toList();
  }

  private static AppointmentPair pair(List<Row> rows) {
    Row first = rows.get(0);
    return new AppointmentPair(
        first.pairId,
        first.referralId,
        first.pairStatus,
        first.sequence,
        first.bookedAt,
        first.cancelledAt,
        rows.stream().map(Row::appointment).toList(),
        first.confirmation,
        first.offer);
  }

  private static Row row(ResultSet rs, int index) throws SQLException {
    Timestamp cancelledAt = rs.getTimestamp("cancelled_at");
    Timestamp confirmedAt = rs.getTimestamp("confirmed_at");
    AppointmentPair.Confirmation confirmation =
        confirmedAt == null
            ? null
            : new AppointmentPair.Confirmation(
                rs.getInt("confirmed_sequence"),
                confirmedAt.toInstant(),
                ConfirmedBy.valueOf(rs.getString("confirmed_by")));
    Timestamp offerUntil = rs.getTimestamp("offer_expires_at");
    String offerEnd = rs.getString("offer_end");
    AppointmentPair.Offer offer =
        offerUntil == null
            ? null
            : new AppointmentPair.Offer(
                offerUntil.toInstant(), offerEnd == null ? null : OfferEnd.valueOf(offerEnd));
    return new Row(
        rs.getObject("pair_id", UUID.class),
        rs.getObject("referral_id", UUID.class),
        BookingStatus.valueOf(rs.getString("pair_status")),
        rs.getInt("sequence"),
        rs.getTimestamp("booked_at").toInstant(),
        cancelledAt == null ? null : cancelledAt.toInstant(),
        confirmation,
        offer,
        BookedAppointment.at(
            rs.getObject("appointment_id", UUID.class),
            AppointmentKind.valueOf(rs.getString("kind")),
            BookingStatus.valueOf(rs.getString("appointment_status")),
            rs.getObject("slot_id", UUID.class),
            rs.getTimestamp("starts_at").toInstant(),
            rs.getTimestamp("ends_at").toInstant(),
            place(rs)));
  }

  /** The slot's place, from the columns {@link #SELECT} and {@link #places} both name alike. */
  private static Place place(ResultSet rs) throws SQLException {
    return new Place(
        ZoneId.of(rs.getString("time_zone")),
        rs.getObject("clinician_id", UUID.class),
        rs.getString("clinician_name"),
        rs.getObject("site_id", UUID.class),
        rs.getString("site_name"),
        rs.getString("site_address"),
        rs.getObject("room_id", UUID.class),
        rs.getString("room_name"));
  }

  private record Row(
      UUID pairId,
      UUID referralId,
      BookingStatus pairStatus,
      int sequence,
      Instant bookedAt,
      @org.jspecify.annotations.Nullable Instant cancelledAt,
      AppointmentPair.@org.jspecify.annotations.Nullable Confirmation confirmation,
      AppointmentPair.@org.jspecify.annotations.Nullable Offer offer,
      BookedAppointment appointment) {}
}
