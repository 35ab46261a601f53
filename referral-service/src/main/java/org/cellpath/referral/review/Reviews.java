package org.cellpath.referral.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Recommendation;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** The review store. */
@Repository
class Reviews {

  private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  /** Stored findings and decisions are read tolerantly, like every stored document. */
  private final ObjectReader storedFindings;

  private final ObjectReader storedDocuments;

  Reviews(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.storedFindings =
        json.readerFor(FINDINGS).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.storedDocuments = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  void add(EligibilityReview review) {
    jdbc.sql(
            """
            insert into eligibility_review (id, referral_id, state, recommendation, findings, opened_at)
            values (?, ?, ?, ?, cast(? as jsonb), ?)
            """)
        .param(review.id())
        .param(review.referralId())
        .param(review.state().name())
        .param(review.recommendation().name())
        .param(json.writeValueAsString(review.findings()))
        .param(Timestamp.from(review.openedAt()))
        .update();
  }

  EligibilityReview get(UUID id) {
    return jdbc.sql(SELECT + " where id = ?")
        .param(id)
        .query(mapper())
        .optional()
        .orElseThrow(() -> new RecordNotFoundException("Review " + id + " not found"));
  }

  boolean hasOpen(UUID referralId) {
    return jdbc.sql(
            "select exists (select 1 from eligibility_review where referral_id = ? and state = 'OPEN')")
        .param(referralId)
        .query(Boolean.class)
        .single();
  }

  /** The findings of the referral's newest pre-screen; none before its first. */
  List<Finding> latestFindings(UUID referralId) {
    return jdbc.sql(
            """
            select findings::text from eligibility_review where referral_id = ?
            order by opened_at desc, id limit 1
            """)
        .param(referralId)
        .query(String.class)
        .optional()
        .<List<Finding>>map(storedFindings::readValue)
        .orElse(List.of());
  }

  /** Whether one of the referral's reviews was decided by this subject. */
  boolean hasDecidedBy(UUID referralId, String subject) {
    return jdbc.sql(
            """
            select exists (select 1 from eligibility_review
                            where referral_id = ? and decision_detail ->> 'decidedBy' = ?)
            """)
        .param(referralId)
        .param(subject)
        .query(Boolean.class)
        .single();
  }

  boolean isDecidedBy(UUID reviewId, String subject) {
    return jdbc.sql(
            """
            select exists (select 1 from eligibility_review where id = ? and decision_detail ->> 'decidedBy' = ?)
            """)
        .param(reviewId)
        .param(subject)
        .query(Boolean.class)
        .single();
  }

  /**
   * Open reviews, oldest first, optionally of one recommendation, leaving out the referrals of
   * {@code excludedNpi} (null leaves out none).
   */
  List<EligibilityReview> queue(Recommendation recommendation, int limit, String excludedNpi) {
    return jdbc.sql(
            SELECT
                + """
             where state = 'OPEN' and (cast(:recommendation as text) is null or recommendation = :recommendation)
               and (cast(:npi as text) is null or not exists (
                     select 1 from referral r where r.id = eligibility_review.referral_id and r.physician_npi = :npi))
             order by opened_at, id limit :limit
            """)
        .param("recommendation", recommendation == null ? null : recommendation.name())
        .param("npi", excludedNpi)
        .param("limit", limit)
        .query(mapper())
        .list();
  }

  /**
   * Records the decision of an open review.
   *
   * @throws StateConflictException when the review was decided meanwhile
   */
  void decide(UUID id, Decision decision, Instant at) {
    int updated =
        jdbc.sql(
                """
            update eligibility_review set state = ?, decision = ?, decision_detail = cast(? as jsonb), decided_at = ?
            where id = ? and state = 'OPEN'
            """)
            .param(decision.state().name())
            .param(decision.state().name())
            .param(json.writeValueAsString(decision))
            .param(Timestamp.from(at))
            .param(id)
            .update();
    if (updated != 1) {
      throw new StateConflictException("Review " + id + " is no longer OPEN");
    }
  }

  void closeOpen(UUID referralId, Instant at) {
    jdbc.sql(
            """
            update eligibility_review set state = 'CLOSED', decided_at = ? where referral_id = ? and state = 'OPEN'
            """)
        .param(Timestamp.from(at))
        .param(referralId)
        .update();
  }

  private static final String SELECT =
      """
      select id, referral_id, state, recommendation, findings::text as findings, opened_at, decided_at, decision,
             decision_detail::text as decision_detail
      from eligibility_review
      """;

  private RowMapper<EligibilityReview> mapper() {
    return (rs, row) ->
        new EligibilityReview(
            rs.getObject("id", UUID.class),
            rs.getObject("referral_id", UUID.class),
            ReviewState.valueOf(rs.getString("state")),
            Recommendation.valueOf(rs.getString("recommendation")),
            storedFindings.readValue(rs.getString("findings")),
            rs.getTimestamp("opened_at").toInstant(),
            rs.getTimestamp("decided_at") == null
                ? null
                : rs.getTimestamp("decided_at").toInstant(),
            decision(rs.getString("decision"), rs.getString("decision_detail")));
  }

  /** The stored decision, by the state it gave the review; none for an open or closed review. */
  private @Nullable Decision decision(@Nullable String state, @Nullable String detail) {
    if (state == null || detail == null) {
      return null;
    }
    Class<? extends Decision> type =
        switch (ReviewState.valueOf(state)) {
          case APPROVED -> Decision.Approve.class;
          case DECLINED -> Decision.Decline.class;
          case INFO_REQUESTED -> Decision.RequestInformation.class;
          case OPEN, CLOSED -> null;
        };
    return type == null ? null : storedDocuments.forType(type).readValue(detail);
  }
}
