package org.cellpath.referral.tasks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.domain.StateConflictException;
import org.jspecify.annotations.Nullable;

/**
 * A clinician's task opened by the 12-week review of one case (docs/domain.md §9.4): open until a
 * clinician records what was done, once. The note is clinical: never in a log line or the audit
 * trail.
 */
public final class OutcomeTask {

  /** The longest note a clinician may record. */
  public static final int NOTE_MAX = 1000;

  private final UUID id;
  private final UUID referralId;
  private final UUID surveyId;
  private final Instant openedAt;
  private final List<TaskFinding> findings;
  private TaskState state;
  private @Nullable String resolvedBy;
  private @Nullable Instant resolvedAt;
  private @Nullable TaskAction action;
  private @Nullable String note;

  OutcomeTask(
      UUID id,
      UUID referralId,
      UUID surveyId,
      Instant openedAt,
      List<TaskFinding> findings,
      TaskState state,
      @Nullable String resolvedBy,
      @Nullable Instant resolvedAt,
      @Nullable TaskAction action,
      @Nullable String note) {
    this.id = id;
    this.referralId = referralId;
    this.surveyId = surveyId;
    this.openedAt = openedAt;
    this.findings = List.copyOf(findings);
    this.state = state;
    this.resolvedBy = resolvedBy;
    this.resolvedAt = resolvedAt;
    this.action = action;
    this.note = note;
  }

  /** A task opened now for the 12-week survey {@code surveyId}, with at least one finding. */
  static OutcomeTask open(UUID referralId, UUID surveyId, List<TaskFinding> findings, Instant now) {
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("a task opens for a finding");
    }
    return new OutcomeTask(
        UUID.randomUUID(),
        referralId,
        surveyId,
        now,
        findings,
        TaskState.OPEN,
        null,
        null,
        null,
        null);
  }

  /**
   * The clinician records what was done; the task is closed.
   *
   * @throws StateConflictException when it was resolved already (what was recorded stands)
   */
  void resolve(TaskAction action, @Nullable String note, String by, Instant at) {
    if (state == TaskState.RESOLVED) {
      throw new StateConflictException("This task was resolved already; what was recorded stands.");
    }
    if (note != null && note.length() > NOTE_MAX) {
      throw new IllegalArgumentException("note longer than " + NOTE_MAX);
    }
    this.state = TaskState.RESOLVED;
    this.action = action;
    this.note = note == null || note.isBlank() ? null : note.strip();
    this.resolvedBy = by;
    this.resolvedAt = at;
  }

  public UUID id() {
    return id;
  }

  public UUID referralId() {
    return referralId;
  }

  public UUID surveyId() {
    return surveyId;
  }

  public Instant openedAt() {
    return openedAt;
  }

  public List<TaskFinding> findings() {
    return findings;
  }

  public TaskState state() {
    return state;
  }

  public @Nullable String resolvedBy() {
    return resolvedBy;
  }

  public @Nullable Instant resolvedAt() {
    return resolvedAt;
  }

  public @Nullable TaskAction action() {
    return action;
  }

  public @Nullable String note() {
    return note;
  }
}
