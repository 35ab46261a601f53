package org.cellpath.console.tasks;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.OutcomeTaskApi;
import org.cellpath.console.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The 12-week tasks' pages: the worklist (open tasks, or the resolved ones), one task, and the
 * resolution, which the clinician confirms before it is sent (it cannot be changed afterwards). The
 * note travels in request bodies only.
 */
@Controller
@RequestMapping("/reviewer/outcome-tasks")
class OutcomeTasksController {

  /** What a clinician may record, in the service's codes. */
  static final List<String> ACTIONS =
      List.of(
          "CONTACTED_PATIENT",
          "FOLLOW_UP_VISIT_BOOKED",
          "REFERRED_BACK_TO_PHYSICIAN",
          "NO_ACTION_NEEDED",
          "OTHER");

  static final int NOTE_MAX = 1000;

  private final OutcomeTaskApi api;
  private final MessageSource messages;

  OutcomeTasksController(OutcomeTaskApi api, MessageSource messages) {
    this.api = api;
    this.messages = messages;
  }

  @ModelAttribute("actions")
  List<String> actions() {
    return ACTIONS;
  }

  @GetMapping
  String worklist(@RequestParam(required = false) String state, Model model, Locale locale) {
    String shown = "RESOLVED".equals(state) ? "RESOLVED" : "OPEN";
    model.addAttribute("state", shown);
    model.addAttribute(
        "tasks", api.tasks(shown).stream().map(task -> Card.of(task, messages, locale)).toList());
    model.addAttribute("resolution", new ResolutionForm());
    model.addAttribute("errors", FieldErrors.none());
    return "tasks/worklist";
  }

  @GetMapping("/{id}")
  String task(@PathVariable UUID id, Model model, Locale locale) {
    return page(id, new ResolutionForm(), FieldErrors.none(), false, model, locale);
  }

  /**
   * Without {@code confirmed=yes}, the task's page asks whether to record this; with it, the
   * service records it.
   */
  @PostMapping("/{id}/resolution")
  String resolve(
      @PathVariable UUID id,
      @ModelAttribute ResolutionForm resolution,
      @RequestParam(required = false) String confirmed,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    Map<String, String> local = new LinkedHashMap<>();
    if (resolution.getTaskAction() == null || !ACTIONS.contains(resolution.getTaskAction())) {
      local.put("taskAction", messages.getMessage("tasks.error.action", null, locale));
    }
    if (resolution.getTaskNote() != null && resolution.getTaskNote().length() > NOTE_MAX) {
      local.put(
          "taskNote", messages.getMessage("tasks.error.note", new Object[] {NOTE_MAX}, locale));
    }
    if (!local.isEmpty()) {
      return page(id, resolution, FieldErrors.local(local, messages, locale), false, model, locale);
    }
    if (!"yes".equals(confirmed)) {
      return page(id, resolution, FieldErrors.none(), true, model, locale);
    }
    try {
      api.resolve(id, resolution.getTaskAction(), resolution.getTaskNote());
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest() && !refused.isConflict()) {
        throw refused;
      }
      model.addAttribute("problem", refused);
      return page(
          id,
          resolution,
          FieldErrors.of(refused.errors(), field -> "task" + capitalized(field), messages, locale),
          false,
          model,
          locale);
    }
    redirect.addFlashAttribute("notice", "tasks.notice.resolved");
    return "redirect:/reviewer/outcome-tasks";
  }

  private String page(
      UUID id,
      ResolutionForm resolution,
      FieldErrors errors,
      boolean confirm,
      Model model,
      Locale locale) {
    model.addAttribute("task", Card.of(api.task(id), messages, locale));
    model.addAttribute("resolution", resolution);
    model.addAttribute("errors", errors);
    model.addAttribute("confirm", confirm);
    return "tasks/task";
  }

  /**
   * A task as the page shows it: the findings in the reader's language, the scores with the
   * reader's decimal mark.
   */
  record Card(OutcomeTaskApi.Task task, List<String> findings, List<Row> scores) {

    static Card of(OutcomeTaskApi.Task task, MessageSource messages, Locale locale) {
      NumberFormat format = NumberFormat.getNumberInstance(locale);
      format.setMaximumFractionDigits(2);
      List<String> findings =
          task.findings().stream()
              .map(
                  f ->
                      messages.getMessage(
                          "tasks.finding." + f.code(),
                          new Object[] {
                            f.subscaleName(),
                            number(f.baseline(), format),
                            number(f.twelveWeeks(), format),
                            number(meaningfulDifference(task, f.subscale()), format)
                          },
                          f.sentence(),
                          locale))
              .toList();
      List<Row> rows =
          task.scores().stream()
              .map(
                  s ->
                      new Row(
                          s.subscale(),
                          s.subscaleName(),
                          number(s.baseline(), format),
                          number(s.twelveWeeks(), format),
                          s.change() == null
                              ? "–"
                              : (s.change().signum() > 0 ? "+" : "") + number(s.change(), format),
                          s.change() == null ? null : s.meaningful(),
                          number(s.meaningfulDifference(), format)))
              .toList();
      return new Card(task, findings, rows);
    }

    private static BigDecimal meaningfulDifference(OutcomeTaskApi.Task task, String subscale) {
      return task.scores().stream()
          .filter(s -> s.subscale().equals(subscale))
          .map(OutcomeTaskApi.ScoreRow::meaningfulDifference)
          .findFirst()
          .orElse(null);
    }

    private static String number(BigDecimal value, NumberFormat format) {
      return value == null ? "–" : format.format(value);
    }
  }

  /**
   * @param meaningful whether the change reaches the difference that matters; null when not
   *     comparable
   */
  record Row(
      String subscale,
      String name,
      String baseline,
      String twelveWeeks,
      String change,
      Boolean meaningful,
      String difference) {}

  /**
   * The service's {@code action} and {@code note} are the form's {@code taskAction}, {@code
   * taskNote}.
   */
  private static String capitalized(String field) {
    return field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }

  /** The resolution form's fields. */
  public static class ResolutionForm {
    private String taskAction;
    private String taskNote = "";

    public String getTaskAction() {
      return taskAction;
    }

    public void setTaskAction(String v) {
      taskAction = v;
    }

    public String getTaskNote() {
      return taskNote;
    }

    public void setTaskNote(String v) {
      taskNote = v;
    }
  }
}
