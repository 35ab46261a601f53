package org.cellpath.referral.surveys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.time.ClinicTimeZone;
import org.cellpath.work.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the questionnaires that fall due, reminds once those open 3 days, and closes as missed
 * those unsubmitted at their close (docs/domain.md §9.2), every {@code
 * cellpath.outcomes.sweep-interval} on the service's clock. A page of surveys is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and changed in the same transaction as the events it raises, so
 * that the sweeps of several instances never send one link twice. A survey it marks missed is
 * announced in that transaction as {@link SurveyMissed}, for what follows from it.
 */
@Component
class SurveySweep extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(SurveySweep.class);
  static final int PAGE = 50;

  private final Surveys surveys;
  private final Referrals referrals;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ZoneId clinicZone;
  private final ApplicationEventPublisher publisher;

  SurveySweep(
      Surveys surveys,
      Referrals referrals,
      TransactionTemplate transactions,
      Clock clock,
      ClinicTimeZone clinic,
      ApplicationEventPublisher publisher,
      @Value("${cellpath.outcomes.sweep-interval:15s}") Duration interval) {
    super("survey-sweep", interval);
    this.surveys = surveys;
    this.referrals = referrals;
    this.transactions = transactions;
    this.clock = clock;
    this.clinicZone = clinic.timeZone();
    this.publisher = publisher;
  }

  /** One page of what is due now, in one transaction; how many surveys it changed. */
  int sweepPage() {
    Integer changed =
        transactions.execute(
            status -> {
              Instant now = clock.instant();
              List<Survey> due = surveys.lockDue(now, PAGE);
              for (Survey survey : due) {
                boolean wasMissed = survey.state() == SurveyState.MISSED;
                List<CellPathEvent> events =
                    survey.step(
                        now,
                        referrals.get(survey.referralId()).details().patient().contact(clinicZone));
                surveys.save(survey, events);
                if (!wasMissed && survey.state() == SurveyState.MISSED) {
                  publisher.publishEvent(
                      new SurveyMissed(survey.id(), survey.referralId(), survey.timePoint(), now));
                }
                log.info(
                    "Questionnaire {} of referral {} is {}",
                    survey.id(),
                    survey.referralId(),
                    survey.state());
              }
              return due.size();
            });
    return Objects.requireNonNull(changed);
  }

  @Override
  protected boolean round() {
    return sweepPage() == PAGE;
  }
}
