package org.cellpath.referral.reports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.OutcomeReportKind;
import org.cellpath.contracts.OutcomeReportReady;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.SurveyTimePoint;

/**
 * A report on a case's outcomes, ready in the referring physician's view: the interim one once the
 * 6-week questionnaire is submitted, the final one at 24 weeks (docs/domain.md §9). A report holds
 * no scores of its own: it is the moment from which the physician is told to look.
 *
 * @param kind which report
 * @param readyAt when it became ready (the submission's time)
 */
public record OutcomeReport(UUID referralId, OutcomeReportKind kind, Instant readyAt) {

  /** The report a submission at {@code timePoint} makes ready, if any. */
  static Optional<OutcomeReportKind> madeReadyBy(SurveyTimePoint timePoint) {
    return switch (timePoint) {
      case WEEK_6 -> Optional.of(OutcomeReportKind.INTERIM);
      case WEEK_24 -> Optional.of(OutcomeReportKind.FINAL);
      case BASELINE, WEEK_12 -> Optional.empty();
    };
  }

  /**
   * The report made ready, and the event that tells the physician: only that it is ready, never a
   * score (ADR 42).
   */
  static Issued issue(
      UUID referralId, OutcomeReportKind kind, Instant at, PhysicianContact physician) {
    return new Issued(
        new OutcomeReport(referralId, kind, at),
        List.of(new OutcomeReportReady(UUID.randomUUID(), referralId, at, kind, physician)));
  }

  /** A report made ready and the events it raises. */
  record Issued(OutcomeReport report, List<CellPathEvent> events) {}
}
