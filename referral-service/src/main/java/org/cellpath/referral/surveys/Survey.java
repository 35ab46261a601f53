package org.cellpath.referral.surveys;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.OutcomeSurveyDue;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.domain.StateConflictException;
import org.jspecify.annotations.Nullable;

/**
 * One questionnaire of one referral at one time point (docs/domain.md §9.2, docs/outcomes.md): it
 * is planned, opens when due (a follow-up only once the injection is recorded completed), is
 * reminded once 3 days after opening while still unsubmitted, and is missed when it closes, 14 days
 * after opening. Its transitions check its state and return the events they cause; {@link Surveys}
 * stores the change and hands the events to the outbox.
 */
public final class Survey {

  /** From opening to the one reminder. */
  public static final Duration REMIND_AFTER = Duration.ofDays(3);

  /** From opening to closing: missed when unsubmitted by then. */
  public static final Duration OPEN_FOR = Duration.ofDays(14);

  private final UUID id;
  private final UUID referralId;
  private final SurveyTimePoint timePoint;
  private SurveyState state;
  private boolean injectionDone;
  private Instant dueAt;
  private @Nullable Instant remindAt;
  private @Nullable Instant closesAt;
  private @Nullable Instant openedAt;
  private @Nullable Instant remindedAt;
  private @Nullable Instant completedAt;

  Survey(
      UUID id,
      UUID referralId,
      SurveyTimePoint timePoint,
      SurveyState state,
      boolean injectionDone,
      Instant dueAt,
      @Nullable Instant remindAt,
      @Nullable Instant closesAt,
      @Nullable Instant openedAt,
      @Nullable Instant remindedAt,
      @Nullable Instant completedAt) {
    this.id = id;
    this.referralId = referralId;
    this.timePoint = timePoint;
    this.state = state;
    this.injectionDone = injectionDone;
    this.dueAt = dueAt;
    this.remindAt = remindAt;
    this.closesAt = closesAt;
    this.openedAt = openedAt;
    this.remindedAt = remindedAt;
    this.completedAt = completedAt;
  }

  /**
   * The baseline, opened at approval (docs/domain.md §9.2: after approval, before the procedure).
   */
  static Survey baseline(UUID referralId, Instant now) {
    return new Survey(
        UUID.randomUUID(),
        referralId,
        SurveyTimePoint.BASELINE,
        SurveyState.PLANNED,
        false,
        // Due at the database's precision, as step() reads "now": due at the approval's own moment.
        now.truncatedTo(ChronoUnit.MICROS),
        null,
        null,
        null,
        null,
        null);
  }

  /** A follow-up planned for {@code dueAt}; it waits for the injection to be recorded completed. */
  static Survey followUp(UUID referralId, SurveyTimePoint timePoint, Instant dueAt) {
    return new Survey(
        UUID.randomUUID(),
        referralId,
        timePoint,
        SurveyState.PLANNED,
        false,
        dueAt,
        null,
        null,
        null,
        null,
        null);
  }

  /** The same plan, with the injection already recorded completed when {@code injectionDone}. */
  Survey plannedAfter(boolean injectionDone) {
    this.injectionDone = injectionDone;
    return this;
  }

  /**
   * Whether the sweep opens it now: planned, due, and for a follow-up, the injection recorded
   * completed.
   */
  boolean opensAt(Instant now) {
    return state == SurveyState.PLANNED
        && !dueAt.isAfter(now)
        && (timePoint == SurveyTimePoint.BASELINE || injectionDone);
  }

  /**
   * What the time {@code now} does to it: it opens (the link goes out), closes unanswered (missed),
   * or gets its one reminder. Nothing when none is due.
   */
  List<CellPathEvent> step(Instant at, PatientContact patient) {
    // To the database's precision, so that the close an event announces is the one stored.
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    List<CellPathEvent> events = new ArrayList<>();
    if (opensAt(now)) {
      state = SurveyState.OPEN;
      openedAt = now;
      Instant fortnight = now.plus(OPEN_FOR);
      // A baseline closed by the first appointment keeps that end: it asks before the procedure.
      closesAt = closesAt != null && closesAt.isBefore(fortnight) ? closesAt : fortnight;
      remindAt = now.plus(REMIND_AFTER);
      if (closesAt.isAfter(now)) {
        events.add(due(now, false, patient));
      }
    }
    if (state == SurveyState.OPEN && closesAt != null && !closesAt.isAfter(now)) {
      state = SurveyState.MISSED;
      return events;
    }
    if (state == SurveyState.OPEN
        && remindedAt == null
        && remindAt != null
        && !remindAt.isAfter(now)) {
      remindedAt = now;
      events.add(due(now, true, patient));
    }
    return events;
  }

  /** Whether {@link #step} has anything to do at {@code now}. */
  boolean hasStepAt(Instant now) {
    return opensAt(now)
        || state == SurveyState.OPEN
            && (closesAt != null && !closesAt.isAfter(now)
                || remindedAt == null && remindAt != null && !remindAt.isAfter(now));
  }

  private OutcomeSurveyDue due(Instant now, boolean reminder, PatientContact patient) {
    return new OutcomeSurveyDue(
        UUID.randomUUID(), referralId, now, id, timePoint, reminder, closesAt, patient);
  }

  /**
   * A follow-up planned again for {@code dueAt} (a booking, a move, the injection's actual date):
   * one that was stopped is planned again; one already open or ended stays as it is.
   *
   * @return whether anything changed
   */
  boolean planFor(Instant dueAt, boolean injectionDone) {
    if (state != SurveyState.PLANNED && state != SurveyState.STOPPED) {
      return false;
    }
    state = SurveyState.PLANNED;
    this.dueAt = dueAt;
    this.injectionDone = injectionDone;
    return true;
  }

  /**
   * The baseline closes at the first appointment when that comes before its fortnight ends: it
   * measures before the procedure.
   */
  void closeBy(Instant firstAppointment) {
    if (timePoint != SurveyTimePoint.BASELINE
        || state != SurveyState.OPEN && state != SurveyState.PLANNED) {
      return;
    }
    Instant fortnight = (openedAt != null ? openedAt : dueAt).plus(OPEN_FOR);
    closesAt = firstAppointment.isBefore(fortnight) ? firstAppointment : fortnight;
  }

  /**
   * Stopped: the case will not reach this time point (a withdrawal, a cancelled pair, a missed
   * injection, a returned case). A survey answered or missed keeps its state.
   *
   * @return whether it was stopped now
   */
  boolean stop() {
    if (state != SurveyState.PLANNED && state != SurveyState.OPEN) {
      return false;
    }
    state = SurveyState.STOPPED;
    return true;
  }

  /** Whether the patient may still change answers at {@code now}. */
  public boolean answerableAt(Instant now) {
    return state == SurveyState.OPEN && closesAt != null && now.isBefore(closesAt);
  }

  /**
   * @throws StateConflictException when the survey was submitted, missed, stopped or has closed
   */
  void requireAnswerable(Instant now) {
    if (!answerableAt(now)) {
      throw new StateConflictException(
          switch (state) {
            case COMPLETED ->
                "This questionnaire was already sent; its answers can no longer change.";
            case STOPPED -> "This questionnaire is no longer needed: the clinic stopped it.";
            default -> "This questionnaire has closed; its answers can no longer change.";
          });
    }
  }

  /**
   * Submitted: the answers as they stand are final and scored.
   *
   * @return false when it was submitted before (a second submission changes nothing)
   * @throws StateConflictException when missed, stopped or closed
   */
  boolean complete(Instant now) {
    if (state == SurveyState.COMPLETED) {
      return false;
    }
    requireAnswerable(now);
    state = SurveyState.COMPLETED;
    completedAt = now;
    return true;
  }

  public UUID id() {
    return id;
  }

  public UUID referralId() {
    return referralId;
  }

  public SurveyTimePoint timePoint() {
    return timePoint;
  }

  public SurveyState state() {
    return state;
  }

  boolean injectionDone() {
    return injectionDone;
  }

  public Instant dueAt() {
    return dueAt;
  }

  public @Nullable Instant remindAt() {
    return remindAt;
  }

  public @Nullable Instant closesAt() {
    return closesAt;
  }

  public @Nullable Instant openedAt() {
    return openedAt;
  }

  public @Nullable Instant remindedAt() {
    return remindedAt;
  }

  public @Nullable Instant completedAt() {
    return completedAt;
  }
}
