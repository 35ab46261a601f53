package org.cellpath.console.scheduler;

import java.util.List;
import java.util.Locale;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.SchedulingApi;
import org.cellpath.console.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Finding a patient's case by name or short id, and the pairs to confirm by phone. The search is a
 * form posted and answered in place: the typed name never lands in a URL, the browser's history or
 * an access log.
 */
@Controller
@RequestMapping("/scheduler")
class PatientsController {

  /**
   * How far ahead the unconfirmed list looks: two days by default (staff call two days before the
   * harvest), a week or two to plan the calls ahead.
   */
  static final List<Integer> LOOK_AHEAD_HOURS = List.of(48, 168, 336);

  private final SchedulingApi scheduling;
  private final MessageSource messages;

  PatientsController(SchedulingApi scheduling, MessageSource messages) {
    this.scheduling = scheduling;
    this.messages = messages;
  }

  @GetMapping("/search")
  String searchForm(Model model) {
    model.addAttribute("query", "");
    model.addAttribute("found", null);
    model.addAttribute("errors", FieldErrors.none());
    return "scheduler/search";
  }

  @PostMapping("/search")
  String search(@RequestParam(defaultValue = "") String query, Model model, Locale locale) {
    model.addAttribute("query", query);
    try {
      model.addAttribute("found", scheduling.searchCases(query));
      model.addAttribute("errors", FieldErrors.none());
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest()) {
        throw refused;
      }
      model.addAttribute("found", null);
      model.addAttribute(
          "errors", FieldErrors.of(refused.errors(), field -> field, messages, locale));
    }
    return "scheduler/search";
  }

  /**
   * @param within hours ahead: 48, 168 or 336; anything else reads as 48
   */
  @GetMapping("/unconfirmed")
  String unconfirmed(@RequestParam(required = false) Integer within, Model model) {
    int hours = within != null && LOOK_AHEAD_HOURS.contains(within) ? within : 48;
    List<SchedulingApi.UnconfirmedPair> pairs = scheduling.unconfirmedPairs(hours);
    model.addAttribute("pairs", pairs);
    model.addAttribute("hours", hours);
    model.addAttribute("lookAheads", LOOK_AHEAD_HOURS);
    return "scheduler/unconfirmed";
  }
}
