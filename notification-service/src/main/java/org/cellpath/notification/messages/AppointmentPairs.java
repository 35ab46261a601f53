package org.cellpath.notification.messages;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The newest calendar sequence seen per appointment pair (table {@code appointment_pair}). Kafka
 * keeps a referral's events in order, but an event replayed from a dead-letter topic arrives after
 * newer ones: it must not queue messages for times that no longer hold.
 */
@Repository
class AppointmentPairs {

  private final JdbcClient jdbc;

  AppointmentPairs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that the pair is now at {@code sequence}.
   *
   * @return false when the same or a newer sequence is already known: the event is stale and queues
   *     nothing
   */
  boolean advance(UUID pairId, UUID referralId, int sequence, boolean cancelled, Instant now) {
    return jdbc.sql(
                """
            insert into appointment_pair (pair_id, referral_id, sequence, cancelled, updated_at)
            values (:pairId, :referralId, :sequence, :cancelled, :now)
            on conflict (pair_id) do update
                set sequence = excluded.sequence, cancelled = excluded.cancelled, updated_at = excluded.updated_at
                where appointment_pair.sequence < excluded.sequence
            """)
            .param("pairId", pairId)
            .param("referralId", referralId)
            .param("sequence", sequence)
            .param("cancelled", cancelled)
            .param("now", now.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /**
   * Keeps the pair's appointments as the newest booking or move names them (replacing those of an
   * earlier sequence). Called after {@link #advance} accepted the event.
   */
  void recordAppointments(UUID pairId, List<Appointment> appointments) {
    jdbc.sql("delete from pair_appointment where pair_id = :pairId")
        .param("pairId", pairId)
        .update();
    for (Appointment a : appointments) {
      jdbc.sql(
              """
              insert into pair_appointment (pair_id, appointment_id, kind, starts_at, ends_at, time_zone,
                  site_name, site_address, room_name)
              values (:pairId, :id, :kind, :startsAt, :endsAt, :zone, :site, :address, :room)
              """)
          .param("pairId", pairId)
          .param("id", a.appointmentId())
          .param("kind", a.kind().name())
          .param("startsAt", a.startsAt().atOffset(ZoneOffset.UTC))
          .param("endsAt", a.endsAt().atOffset(ZoneOffset.UTC))
          .param("zone", a.timeZone())
          .param("site", a.siteName())
          .param("address", a.siteAddress())
          .param("room", a.roomName())
          .update();
    }
  }

  /**
   * The appointments of the referral's newest pair that is not cancelled, in order; empty when the
   * booking has not arrived here yet.
   */
  List<Appointment> currentAppointments(UUID referralId) {
    return jdbc.sql(
            """
            select a.* from pair_appointment a
            where a.pair_id = (
                select pair_id from appointment_pair
                where referral_id = :referralId and not cancelled
                order by updated_at desc limit 1)
            order by a.starts_at
            """)
        .param("referralId", referralId)
        .query(
            (rs, row) ->
                new Appointment(
                    rs.getObject("appointment_id", UUID.class),
                    AppointmentKind.valueOf(rs.getString("kind")),
                    rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("ends_at", OffsetDateTime.class).toInstant(),
                    rs.getString("time_zone"),
                    null,
                    rs.getString("site_name"),
                    rs.getString("site_address"),
                    rs.getString("room_name")))
        .list();
  }
}
