package org.cellpath.referral.tasks;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.RequestAudit;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.audit.AuditAction;
import org.cellpath.referral.outcomes.Change;
import org.cellpath.referral.outcomes.Instrument;
import org.cellpath.referral.outcomes.Scores;
import org.cellpath.referral.outcomes.Subscale;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.ReferralQueries;
import org.cellpath.referral.referral.Referrals;
import org.cellpath.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewing clinicians' worklist of 12-week tasks (docs/api.md, "The 12-week tasks"): the list
 * with each task's findings and scores, one task, and the resolution. Every call is audited with
 * the task's referral; the note never is.
 */
@RestController
@RequestMapping("/api/outcome-tasks")
@Validated
class OutcomeTaskController {

  private static final String TASK = "outcome-task";

  private final OutcomeTasks tasks;
  private final ResolvingOutcomeTask resolving;
  private final ReferralQueries queries;
  private final Referrals referrals;
  private final RequestAudit audit;

  OutcomeTaskController(
      OutcomeTasks tasks,
      ResolvingOutcomeTask resolving,
      ReferralQueries queries,
      Referrals referrals,
      RequestAudit audit) {
    this.tasks = tasks;
    this.resolving = resolving;
    this.queries = queries;
    this.referrals = referrals;
    this.audit = audit;
  }

  /**
   * A task as clinicians read it.
   *
   * @param shortId the referral id's first 8 characters, as the review queue shows it
   * @param patientName for the response body only
   * @param scores each subscale of an instrument answered at either time point, baseline against 12
   *     weeks
   */
  record TaskView(
      UUID id,
      UUID referralId,
      String shortId,
      String patientName,
      Condition condition,
      SurveyTimePoint timePoint,
      Instant openedAt,
      TaskState state,
      List<FindingView> findings,
      List<ScoreRow> scores,
      @Nullable ResolutionView resolution) {}

  /**
   * @param subscaleName as the instrument's guide names it ("FAOS Sport/Rec"), null when the
   *     finding compares none
   */
  record FindingView(
      TaskReason code,
      @Nullable String subscale,
      @Nullable String subscaleName,
      @Nullable BigDecimal baseline,
      @Nullable BigDecimal twelveWeeks,
      String sentence) {}

  /**
   * @param change points gained in the better direction (negative when worse), null unless both
   *     time points scored
   * @param meaningful whether the change reaches the subscale's meaningful difference
   */
  record ScoreRow(
      String subscale,
      String subscaleName,
      boolean higherIsBetter,
      @Nullable BigDecimal baseline,
      @Nullable BigDecimal twelveWeeks,
      @Nullable BigDecimal change,
      BigDecimal meaningfulDifference,
      boolean meaningful) {}

  record ResolutionView(
      TaskAction action, @Nullable String note, String resolvedBy, Instant resolvedAt) {}

  record Resolution(
      @NotNull TaskAction action, @Nullable @Size(max = OutcomeTask.NOTE_MAX) String note) {}

  /** The worklist, oldest first: open tasks by default, {@code state} to choose, all without. */
  @GetMapping
  List<TaskView> worklist(
      @RequestParam(required = false) @Nullable TaskState state,
      @RequestParam(defaultValue = "200") @Min(1) @Max(500) int limit) {
    List<OutcomeTask> listed = tasks.list(state, limit);
    List<UUID> referralIds = listed.stream().map(OutcomeTask::referralId).distinct().toList();
    Map<UUID, String> names = queries.patientNames(referralIds);
    audit.listed(AuditAction.OUTCOME_TASKS, TASK, referralIds, AuditOutcome.ALLOWED);
    return listed.stream().map(task -> view(task, names.get(task.referralId()))).toList();
  }

  record OpenCount(long open) {}

  /**
   * How many tasks are open, for the console's navigation on every page: it names no case, so it is
   * not audited (an audit row per page view would bury the ones that matter).
   */
  @GetMapping("/open-count")
  OpenCount openCount() {
    return new OpenCount(tasks.countOpen());
  }

  @GetMapping("/{id}")
  TaskView task(@PathVariable UUID id) {
    OutcomeTask task = find(id, AuditAction.OUTCOME_TASK_READ);
    audit.record(AuditAction.OUTCOME_TASK_READ, TASK, id, task.referralId(), AuditOutcome.ALLOWED);
    return view(task);
  }

  /** Records what was done, as the caller's (the token's subject); 409 when resolved already. */
  @PostMapping("/{id}/resolution")
  TaskView resolve(@PathVariable UUID id, @Valid @RequestBody Resolution resolution) {
    UUID referralId = find(id, AuditAction.OUTCOME_TASK_RESOLVE).referralId();
    OutcomeTask resolved;
    try {
      resolved =
          resolving.resolve(id, resolution.action(), resolution.note(), Caller.require().subject());
    } catch (RuntimeException refused) {
      audit.record(
          AuditAction.OUTCOME_TASK_RESOLVE, TASK, id, referralId, RequestAudit.outcomeOf(refused));
      throw refused;
    }
    audit.record(AuditAction.OUTCOME_TASK_RESOLVE, TASK, id, referralId, AuditOutcome.ALLOWED);
    return view(resolved);
  }

  private OutcomeTask find(UUID id, AuditAction action) {
    return tasks
        .find(id)
        .orElseThrow(
            () -> {
              audit.record(action, TASK, id, null, AuditOutcome.NOT_FOUND);
              return ResolvingOutcomeTask.notFound(id);
            });
  }

  private TaskView view(OutcomeTask task) {
    return view(task, queries.patientNames(List.of(task.referralId())).get(task.referralId()));
  }

  private TaskView view(OutcomeTask task, @Nullable String patientName) {
    List<Scores> baseline =
        tasks
            .survey(task.referralId(), SurveyTimePoint.BASELINE)
            .filter(OutcomeTasks.SurveyRow::completed)
            .map(row -> tasks.scores(row.id()))
            .orElse(List.of());
    List<Scores> twelveWeeks = tasks.scores(task.surveyId());
    return new TaskView(
        task.id(),
        task.referralId(),
        task.referralId().toString().substring(0, 8),
        patientName == null ? "" : patientName,
        referrals.get(task.referralId()).details().condition(),
        SurveyTimePoint.WEEK_12,
        task.openedAt(),
        task.state(),
        task.findings().stream()
            .map(
                f ->
                    new FindingView(
                        f.code(),
                        f.subscale() == null ? null : f.subscale().name(),
                        f.subscale() == null ? null : f.subscale().toString(),
                        f.baseline(),
                        f.later(),
                        f.sentence()))
            .toList(),
        rows(baseline, twelveWeeks),
        task.state() == TaskState.RESOLVED
            ? new ResolutionView(
                Objects.requireNonNull(task.action()),
                task.note(),
                Objects.requireNonNull(task.resolvedBy()),
                Objects.requireNonNull(task.resolvedAt()))
            : null);
  }

  /** Every subscale scored at either time point, in the instruments' order. */
  private static List<ScoreRow> rows(List<Scores> baseline, List<Scores> twelveWeeks) {
    List<ScoreRow> rows = new ArrayList<>();
    for (Instrument instrument : Instrument.values()) {
      Scores before = of(baseline, instrument);
      Scores after = of(twelveWeeks, instrument);
      if (before == null && after == null) {
        continue;
      }
      for (Subscale subscale : instrument.subscales()) {
        Change change =
            new Change(
                subscale,
                before == null ? null : before.of(subscale),
                after == null ? null : after.of(subscale));
        rows.add(
            new ScoreRow(
                subscale.name(),
                subscale.toString(),
                subscale.higherIsBetter(),
                change.baseline(),
                change.later(),
                change.improvement(),
                subscale.meaningfulDifference(),
                change.meaningfulImprovement()));
      }
    }
    return rows;
  }

  private static @Nullable Scores of(List<Scores> scores, Instrument instrument) {
    return scores.stream().filter(s -> s.instrument() == instrument).findFirst().orElse(null);
  }
}
