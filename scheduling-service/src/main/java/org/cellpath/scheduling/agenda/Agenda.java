package org.cellpath.scheduling.agenda;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cellpath.domain.InvalidValueException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads contacts, searches cases and lists unconfirmed pairs. Every query names the four contact
 * fields it reads out of {@code scheduling_case.patient}; whatever else that document holds stays
 * in the database.
 */
@Repository
@Transactional(readOnly = true)
public class Agenda {

  /** The most contacts one request reads: a month's calendar of a busy clinic. */
  public static final int MAX_CONTACTS = 500;

  /** The most cases one search returns; a name that common needs more letters. */
  public static final int MAX_FOUND = 50;

  /** The shortest query: one letter would list half the clinic. */
  public static final int MIN_QUERY = 2;

  public static final int MAX_QUERY = 100;

  /** The short id the reviewer's queue shows: the first 8 hex digits of the referral id. */
  private static final Pattern SHORT_ID = Pattern.compile("[0-9a-f]{8}");

  private static final Pattern FULL_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final String CONTACT_COLUMNS =
      """
      c.referral_id, c.patient->>'givenName' as given_name, c.patient->>'familyName' as family_name,
      c.patient->>'mobilePhone' as mobile_phone, c.patient->>'language' as language
      """;

  private final JdbcClient jdbc;

  Agenda(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The contacts of those referrals that have a case; the others are left out. */
  public List<Contact> contacts(Collection<UUID> referralIds) {
    if (referralIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select "
                + CONTACT_COLUMNS
                + " from scheduling_case c where c.referral_id in (:ids) order by c.referral_id")
        .param("ids", List.copyOf(referralIds))
        .query((rs, row) -> contact(rs))
        .list();
  }

  /**
   * Waitlisted, booked and cancelled cases whose patient's given or family name (or both, in that
   * order) contains the query, ignoring case; or whose referral id is the query, or starts with it
   * when it is 8 hex digits. At most {@value #MAX_FOUND}, by family name.
   *
   * @throws InvalidValueException naming {@code query} when it is shorter than {@value #MIN_QUERY}
   *     or longer than {@value #MAX_QUERY} characters once trimmed
   */
  public List<FoundCase> search(String query) {
    String typed = query.strip().toLowerCase(Locale.ROOT);
    if (typed.length() < MIN_QUERY || typed.length() > MAX_QUERY) {
      throw new InvalidValueException(
          "query",
          "must be "
              + MIN_QUERY
              + " to "
              + MAX_QUERY
              + " characters: part of a name or a short id");
    }
    // The id bounds of a short id: every uuid that starts with those 8 digits, so that the primary
    // key's index finds them.
    @Nullable String low = null;
    @Nullable String high = null;
    if (SHORT_ID.matcher(typed).matches()) {
      low = typed + "-0000-0000-0000-000000000000";
      high = typed + "-ffff-ffff-ffff-ffffffffffff";
    } else if (FULL_ID.matcher(typed).matches()) {
      low = typed;
      high = typed;
    }
    return jdbc.sql(
            "select "
                + CONTACT_COLUMNS
                + """
                , c.status, c.cell_source, c.waitlisted_at, p.id as pair_id,
                  (select min(a.starts_at) from appointment a where a.pair_id = p.id and a.status = 'BOOKED')
                    as first_appointment_at
              from scheduling_case c
              left join appointment_pair p on p.referral_id = c.referral_id and p.status = 'BOOKED'
             where c.status in ('WAITLISTED', 'OFFERED', 'BOOKED', 'CANCELLED')
               and (lower(c.patient->>'givenName') like :pattern escape '\\'
                    or lower(c.patient->>'familyName') like :pattern escape '\\'
                    or lower((c.patient->>'givenName') || ' ' || (c.patient->>'familyName')) like :pattern escape '\\'
                    or (cast(:low as uuid) is not null and c.referral_id between cast(:low as uuid) and cast(:high as uuid)))
             order by lower(c.patient->>'familyName'), lower(c.patient->>'givenName'), c.referral_id
             limit :limit
            """)
        .param("pattern", "%" + likeEscaped(typed) + "%")
        .param("low", low, java.sql.Types.VARCHAR)
        .param("high", high, java.sql.Types.VARCHAR)
        .param("limit", MAX_FOUND)
        .query(
            (rs, row) ->
                new FoundCase(
                    contact(rs),
                    rs.getString("status"),
                    rs.getString("cell_source"),
                    instant(rs.getTimestamp("waitlisted_at")),
                    rs.getObject("pair_id", UUID.class),
                    instant(rs.getTimestamp("first_appointment_at"))))
        .list();
  }

  /**
   * Booked pairs whose first open appointment starts between {@code from} and {@code until} and
   * whose patient has not confirmed the pair as it stands ({@code confirmed_sequence} null or
   * behind {@code sequence}: a move asks for a new confirmation). Soonest first.
   */
  public List<UnconfirmedPair> unconfirmed(Instant from, Instant until) {
    return jdbc.sql(
            "select "
                + CONTACT_COLUMNS
                + """
                , p.id as pair_id, p.sequence, p.confirmed_sequence, a.kind, a.starts_at, st.time_zone,
                  cl.name as clinician_name, st.name as site_name, r.name as room_name
              from appointment_pair p
              join scheduling_case c on c.referral_id = p.referral_id
              join lateral (select first.kind, first.starts_at, first.slot_id, first.status
                              from appointment first
                             where first.pair_id = p.id and first.status <> 'CANCELLED'
                             order by first.starts_at
                             limit 1) a on true
              join slot s on s.id = a.slot_id
              join clinician cl on cl.id = s.clinician_id
              join room r on r.id = s.room_id
              join site st on st.id = r.site_id
             where p.status = 'BOOKED'
               and (p.confirmed_sequence is null or p.confirmed_sequence <> p.sequence)
               and a.status = 'BOOKED' and a.starts_at >= :from and a.starts_at < :until
             order by a.starts_at, p.id
            """)
        .param("from", Timestamp.from(from))
        .param("until", Timestamp.from(until))
        .query(
            (rs, row) ->
                new UnconfirmedPair(
                    rs.getObject("pair_id", UUID.class),
                    contact(rs),
                    rs.getInt("sequence"),
                    rs.getObject("confirmed_sequence", Integer.class),
                    rs.getString("kind"),
                    rs.getTimestamp("starts_at").toInstant(),
                    ZoneId.of(rs.getString("time_zone")),
                    rs.getString("clinician_name"),
                    rs.getString("site_name"),
                    rs.getString("room_name")))
        .list();
  }

  private static Contact contact(ResultSet rs) throws SQLException {
    return new Contact(
        rs.getObject("referral_id", UUID.class),
        rs.getString("given_name"),
        rs.getString("family_name"),
        rs.getString("mobile_phone"),
        rs.getString("language"));
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** The query as a LIKE pattern matching itself only: its wildcards made plain characters. */
  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
