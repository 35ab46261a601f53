package org.cellpath.referral.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.domain.StateConflictException;
import org.cellpath.referral.outcomes.Subscale;
import org.junit.jupiter.api.Test;

/**
 * A 12-week task's own rules: resolved once, a bounded note, a finding to open it, sentences from
 * its numbers.
 */
class OutcomeTaskTest {

  private static final Instant NOW = Instant.parse("2026-12-07T17:00:00Z");

  private static OutcomeTask openTask() {
    return OutcomeTask.open(
        UUID.randomUUID(),
        UUID.randomUUID(),
        List.of(
            new TaskFinding(
                TaskReason.PAIN_UP, Subscale.NRS_PAIN, new BigDecimal("6"), new BigDecimal("8"))),
        NOW);
  }

  @Test
  void aResolutionIsRecordedOnceAndASecondIsRefusedKeepingTheFirst() {
    OutcomeTask task = openTask();

    task.resolve(TaskAction.CONTACTED_PATIENT, "  called her  ", "reviewer-1", NOW);

    assertThat(task.state()).isEqualTo(TaskState.RESOLVED);
    assertThat(task.note()).isEqualTo("called her");
    assertThat(task.resolvedBy()).isEqualTo("reviewer-1");
    assertThatThrownBy(() -> task.resolve(TaskAction.OTHER, null, "reviewer-2", NOW))
        .isInstanceOf(StateConflictException.class);
    assertThat(task.action()).isEqualTo(TaskAction.CONTACTED_PATIENT);
    assertThat(task.resolvedBy()).isEqualTo("reviewer-1");
  }

  @Test
  void aBlankNoteIsNoNoteAndOneOverTheLimitIsRefused() {
    OutcomeTask blank = openTask();
    blank.resolve(TaskAction.NO_ACTION_NEEDED, "   ", "reviewer-1", NOW);
    assertThat(blank.note()).isNull();

    OutcomeTask tooLong = openTask();
    assertThatThrownBy(
            () ->
                tooLong.resolve(
                    TaskAction.OTHER, "x".repeat(OutcomeTask.NOTE_MAX + 1), "reviewer-1", NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tooLong.state()).isEqualTo(TaskState.OPEN);
  }

  @Test
  void aTaskOpensOnlyForAFinding() {
    assertThatThrownBy(() -> OutcomeTask.open(UUID.randomUUID(), UUID.randomUUID(), List.of(), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachFindingIsASentenceFromItsStoredNumbers() {
    assertThat(
            new TaskFinding(
                    TaskReason.BELOW_MEANINGFUL_DIFFERENCE,
                    Subscale.FAOS_SPORT_REC,
                    new BigDecimal("50.00"),
                    new BigDecimal("55.50"))
                .sentence())
        .isEqualTo(
            "FAOS Sport/Rec went from 50 to 55.5, less than the 10 points of improvement that"
                + " matter.");
    assertThat(TaskFinding.noAnswer().sentence())
        .isEqualTo("The 12-week questionnaire closed unanswered.");
  }
}
