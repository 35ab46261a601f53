package org.cellpath.referral.referral;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.contracts.Side;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads of referrals for answers, not for changes: a physician's list, the patients' names of a
 * review queue, a referral's timeline. Patient names belong in response bodies only.
 */
@Repository
public class ReferralQueries {

  /** The patient's display name, given then family name, as stored in the referral's details. */
  private static final String PATIENT_NAME =
      "concat_ws(' ', details -> 'patient' ->> 'givenName', details -> 'patient' ->> 'familyName')";

  private final JdbcClient jdbc;

  /** Stored details are read tolerantly, like every stored document. */
  private final ObjectReader storedDetail;

  ReferralQueries(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.storedDetail =
        json.readerFor(TimelineDetail.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * A physician's referrals, newest first, optionally of one status, each with its patient's name.
   */
  public List<ReferralSummary> ofPhysician(
      String npi, ReferralStatus status, int limit, long offset) {
    return jdbc.sql(
            """
            select id, status, condition, side, submitted_at, updated_at, %s as patient_name from referral
            where physician_npi = :npi and (cast(:status as text) is null or status = :status)
            order by submitted_at desc, id limit :limit offset :offset
            """
                .formatted(PATIENT_NAME))
        .param("npi", npi)
        .param("status", status == null ? null : status.name())
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, row) ->
                new ReferralSummary(
                    rs.getObject("id", UUID.class),
                    ReferralStatus.valueOf(rs.getString("status")),
                    Condition.valueOf(rs.getString("condition")),
                    Side.valueOf(rs.getString("side")),
                    rs.getTimestamp("submitted_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant(),
                    rs.getString("patient_name")))
        .list();
  }

  /**
   * The patient's name of each of these referrals that exists, for a list whose caller may see all
   * of them (the review queue). Names belong in response bodies only.
   */
  public Map<UUID, String> patientNames(Collection<UUID> referralIds) {
    if (referralIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql(
            "select id, %s as patient_name from referral where id in (:ids)"
                .formatted(PATIENT_NAME))
        .param("ids", List.copyOf(referralIds))
        .query((rs, row) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("patient_name")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public long countOfPhysician(String npi, ReferralStatus status) {
    return jdbc.sql(
            """
            select count(*) from referral
            where physician_npi = :npi and (cast(:status as text) is null or status = :status)
            """)
        .param("npi", npi)
        .param("status", status == null ? null : status.name())
        .query(Long.class)
        .single();
  }

  public List<TimelineEntry> timeline(UUID id) {
    return jdbc.sql(
            """
            select status, occurred_at, note, detail::text as detail from referral_timeline
            where referral_id = ? order by occurred_at, id
            """)
        .param(id)
        .query(
            (rs, row) ->
                new TimelineEntry(
                    ReferralStatus.valueOf(rs.getString("status")),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("note"),
                    rs.getString("detail") == null
                        ? null
                        : storedDetail.<TimelineDetail>readValue(rs.getString("detail"))))
        .list();
  }
}
