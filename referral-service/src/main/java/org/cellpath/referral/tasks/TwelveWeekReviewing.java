package org.cellpath.referral.tasks;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.outcomes.Change;
import org.cellpath.referral.outcomes.Scores;
import org.cellpath.referral.outcomes.TwelveWeekFinding;
import org.cellpath.referral.outcomes.TwelveWeekReview;
import org.cellpath.referral.outcomes.TwelveWeekRule;
import org.cellpath.referral.surveys.SurveyMissed;
import org.cellpath.referral.surveys.SurveySubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens the clinician's task at 12 weeks (docs/domain.md §9.4, docs/outcomes.md "The clinician's
 * task at 12 weeks"): on a submitted 12-week questionnaire, its stored scores against the
 * baseline's through {@link TwelveWeekRule}; any finding opens one task. No baseline answered, or a
 * 12-week questionnaire missed, opens one too, so that a clinician still looks (ADR 41). Runs in
 * the transaction that stored the scores or recorded the miss: the task commits with them.
 */
@Component
class TwelveWeekReviewing {

  private static final Logger log = LoggerFactory.getLogger(TwelveWeekReviewing.class);

  private final OutcomeTasks tasks;
  private final Clock clock;

  TwelveWeekReviewing(OutcomeTasks tasks, Clock clock) {
    this.tasks = tasks;
    this.clock = clock;
  }

  @EventListener
  void submitted(SurveySubmitted submitted) {
    if (submitted.timePoint() != SurveyTimePoint.WEEK_12) {
      return;
    }
    List<TaskFinding> findings = findings(submitted.referralId(), submitted.surveyId());
    if (!findings.isEmpty()) {
      open(submitted.referralId(), submitted.surveyId(), findings);
    }
  }

  @EventListener
  void missed(SurveyMissed missed) {
    if (missed.timePoint() == SurveyTimePoint.WEEK_12) {
      open(missed.referralId(), missed.surveyId(), List.of(TaskFinding.noAnswer()));
    }
  }

  /** What the 12-week scores of {@code surveyId} ask a clinician to look at; none, no task. */
  List<TaskFinding> findings(UUID referralId, UUID surveyId) {
    OutcomeTasks.SurveyRow baseline =
        tasks.survey(referralId, SurveyTimePoint.BASELINE).orElse(null);
    if (baseline == null || !baseline.completed()) {
      return List.of(TaskFinding.noBaseline());
    }
    List<Scores> before = tasks.scores(baseline.id());
    List<Scores> after = tasks.scores(surveyId);
    TwelveWeekReview review = TwelveWeekRule.assess(before, after);
    List<TaskFinding> findings = new ArrayList<>();
    for (TwelveWeekFinding finding : review.findings()) {
      Change change = change(before, after, finding);
      findings.add(
          TaskFinding.of(
              finding,
              Objects.requireNonNull(change.baseline()),
              Objects.requireNonNull(change.later())));
    }
    return findings;
  }

  private static Change change(List<Scores> before, List<Scores> after, TwelveWeekFinding finding) {
    BigDecimal first = of(before, finding);
    BigDecimal then = of(after, finding);
    return new Change(finding.subscale(), first, then);
  }

  private static BigDecimal of(List<Scores> scores, TwelveWeekFinding finding) {
    return scores.stream()
        .filter(s -> s.instrument() == finding.subscale().instrument())
        .map(s -> s.of(finding.subscale()))
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow();
  }

  private void open(UUID referralId, UUID surveyId, List<TaskFinding> findings) {
    OutcomeTask task = OutcomeTask.open(referralId, surveyId, findings, clock.instant());
    if (tasks.add(task)) {
      // Ids only: why it opened is clinical.
      log.info("12-week task {} opened for referral {}", task.id(), referralId);
    }
  }
}
