package org.cellpath.referral.reports;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.OutcomeReportKind;
import org.cellpath.messaging.EventsRaised;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reports store. A report is ready once per referral and kind: the table's key decides, so a
 * submission handled twice (or two at once) adds one row, and only the call that added it hands its
 * events to the outbox ({@link EventsRaised}, before the transaction commits).
 */
@Repository
class OutcomeReports {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher publisher;

  OutcomeReports(JdbcClient jdbc, ApplicationEventPublisher publisher) {
    this.jdbc = jdbc;
    this.publisher = publisher;
  }

  /**
   * Adds the report unless the referral has that kind already.
   *
   * @return whether it was added (and its events raised)
   */
  boolean add(OutcomeReport report, List<CellPathEvent> events) {
    int added =
        jdbc.sql(
                """
                insert into outcome_report (referral_id, kind, ready_at) values (?, ?, ?)
                on conflict (referral_id, kind) do nothing
                """)
            .params(report.referralId(), report.kind().name(), Timestamp.from(report.readyAt()))
            .update();
    if (added == 1 && !events.isEmpty()) {
      publisher.publishEvent(new EventsRaised(events));
    }
    return added == 1;
  }

  /** The referral's ready reports, interim first. */
  List<OutcomeReport> ofReferral(UUID referralId) {
    return jdbc.sql(
            "select referral_id, kind, ready_at from outcome_report where referral_id = ? order by ready_at")
        .param(referralId)
        .query(
            (rs, row) ->
                new OutcomeReport(
                    rs.getObject("referral_id", UUID.class),
                    OutcomeReportKind.valueOf(rs.getString("kind")),
                    rs.getTimestamp("ready_at").toInstant()))
        .list();
  }
}
