package org.cellpath.referral.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.OutcomeSurveyDue;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.contracts.fixtures.Contacts;
import org.cellpath.domain.StateConflictException;
import org.junit.jupiter.api.Test;

/** A questionnaire's life on its own (docs/outcomes.md, "When a questionnaire is asked"). */
class SurveyTest {

  private static final Instant DUE = Instant.parse("2027-01-20T18:00:00Z");
  private static final PatientContact PATIENT = Contacts.patient().build();

  @Test
  void aFollowUpDueWaitsUntilTheInjectionIsRecordedDone() {
    Survey survey = Survey.followUp(UUID.randomUUID(), SurveyTimePoint.WEEK_6, DUE);

    assertThat(survey.step(DUE.plus(Duration.ofDays(1)), PATIENT)).isEmpty();
    assertThat(survey.state()).isEqualTo(SurveyState.PLANNED);

    survey.planFor(DUE, true);
    List<CellPathEvent> events = survey.step(DUE, PATIENT);

    assertThat(survey.state()).isEqualTo(SurveyState.OPEN);
    assertThat(events).singleElement().isInstanceOf(OutcomeSurveyDue.class);
    OutcomeSurveyDue due = (OutcomeSurveyDue) events.get(0);
    assertThat(due.reminder()).isFalse();
    assertThat(due.closesAt()).isEqualTo(DUE.plus(Duration.ofDays(14)));
    assertThat(due.surveyId()).isEqualTo(survey.id());
  }

  /**
   * The approval opens the baseline at its own "now", which a system clock gives to the nanosecond
   * while the database keeps microseconds: the link goes out with the approval, not a sweep later
   * (a withdrawal in between would have stopped it unsent).
   */
  @Test
  void theBaselineOpensInTheApprovalsOwnStepWhateverTheClocksPrecision() {
    Instant approvedAt = DUE.plusNanos(123_456_789);
    Survey baseline = Survey.baseline(UUID.randomUUID(), approvedAt);

    List<CellPathEvent> events = baseline.step(approvedAt, PATIENT);

    assertThat(baseline.state()).isEqualTo(SurveyState.OPEN);
    assertThat(events).singleElement().isInstanceOf(OutcomeSurveyDue.class);
  }

  @Test
  void anOpenSurveyIsRemindedOnceAfterThreeDaysAndMissedAfterFourteen() {
    Survey survey = open();

    assertThat(survey.step(DUE.plus(Duration.ofDays(2)), PATIENT)).isEmpty();
    List<CellPathEvent> reminder = survey.step(DUE.plus(Duration.ofDays(3)), PATIENT);
    assertThat(reminder)
        .singleElement()
        .satisfies(e -> assertThat(((OutcomeSurveyDue) e).reminder()).isTrue());
    assertThat(survey.step(DUE.plus(Duration.ofDays(5)), PATIENT)).as("once").isEmpty();

    assertThat(survey.step(DUE.plus(Duration.ofDays(14)), PATIENT)).isEmpty();
    assertThat(survey.state()).isEqualTo(SurveyState.MISSED);
  }

  @Test
  void theBaselineClosesAtTheFirstAppointmentWhenThatComesFirst() {
    Survey baseline = Survey.baseline(UUID.randomUUID(), DUE);
    baseline.step(DUE, PATIENT);
    Instant harvest = DUE.plus(Duration.ofDays(5));

    baseline.closeBy(harvest);

    assertThat(baseline.closesAt()).isEqualTo(harvest);
    baseline.closeBy(DUE.plus(Duration.ofDays(30)));
    assertThat(baseline.closesAt())
        .as("moved later: the fortnight again")
        .isEqualTo(DUE.plus(Duration.ofDays(14)));
  }

  @Test
  void aStoppedSurveyTakesNoAnswersAndABookingPlansAFollowUpAgain() {
    Survey survey = open();
    assertThat(survey.stop()).isTrue();

    assertThatThrownBy(() -> survey.requireAnswerable(DUE.plusSeconds(1)))
        .isInstanceOf(StateConflictException.class);
    assertThatThrownBy(() -> survey.complete(DUE.plusSeconds(1)))
        .isInstanceOf(StateConflictException.class);
    assertThat(survey.planFor(DUE.plus(Duration.ofDays(7)), false)).isTrue();
    assertThat(survey.state()).isEqualTo(SurveyState.PLANNED);
  }

  @Test
  void aSubmittedSurveyIsNotStoppedNorPlannedAgainAndASecondSubmissionChangesNothing() {
    Survey survey = open();
    assertThat(survey.complete(DUE.plusSeconds(10))).isTrue();

    assertThat(survey.complete(DUE.plusSeconds(20))).isFalse();
    assertThat(survey.completedAt()).isEqualTo(DUE.plusSeconds(10));
    assertThat(survey.stop()).isFalse();
    assertThat(survey.planFor(DUE.plus(Duration.ofDays(7)), false)).isFalse();
    assertThat(survey.step(DUE.plus(Duration.ofDays(20)), PATIENT)).isEmpty();
    assertThat(survey.state()).isEqualTo(SurveyState.COMPLETED);
  }

  @Test
  void aSurveyPastItsCloseTakesNoAnswersBeforeTheSweepMarksIt() {
    Survey survey = open();

    assertThatThrownBy(() -> survey.requireAnswerable(DUE.plus(Duration.ofDays(14))))
        .isInstanceOf(StateConflictException.class);
  }

  private static Survey open() {
    Survey survey =
        Survey.followUp(UUID.randomUUID(), SurveyTimePoint.WEEK_12, DUE).plannedAfter(true);
    survey.step(DUE, PATIENT);
    return survey;
  }
}
