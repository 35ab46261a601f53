package org.cellpath.referral.reports;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.referral.surveys.SurveyMissed;
import org.cellpath.referral.surveys.SurveySubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes a report ready when the questionnaire it reports on is submitted: the 6-week one the
 * interim report, the 24-week one the final (docs/domain.md §9). When that questionnaire is missed
 * instead, the report is made ready at its close all the same, showing what is known and that the
 * patient did not answer, so that the physician is never left waiting for a report that will not
 * come (ADR 42). It listens inside the transaction that submits or misses the questionnaire, so the
 * report, its event and the survey's new state commit together or not at all; a submission or miss
 * seen again makes nothing new.
 */
@Component
class IssuingReports {

  private static final Logger log = LoggerFactory.getLogger(IssuingReports.class);

  private final OutcomeReports reports;
  private final Referrals referrals;

  IssuingReports(OutcomeReports reports, Referrals referrals) {
    this.reports = reports;
    this.referrals = referrals;
  }

  @EventListener
  void on(SurveySubmitted submitted) {
    issue(submitted.referralId(), submitted.timePoint(), submitted.submittedAt());
  }

  @EventListener
  void on(SurveyMissed missed) {
    issue(missed.referralId(), missed.timePoint(), missed.missedAt());
  }

  private void issue(UUID referralId, SurveyTimePoint timePoint, Instant at) {
    OutcomeReport.madeReadyBy(timePoint)
        .ifPresent(
            kind -> {
              PhysicianContact physician =
                  referrals.get(referralId).details().physician().contact();
              OutcomeReport.Issued issued = OutcomeReport.issue(referralId, kind, at, physician);
              if (reports.add(issued.report(), issued.events())) {
                // Ids and the kind only: the report's content is clinical.
                log.info("{} report of referral {} is ready", kind, referralId);
              }
            });
  }
}
