package org.cellpath.console.scheduler;

import java.util.Locale;
import java.util.UUID;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.SchedulingApi;
import org.cellpath.console.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clinic's reference data the calendar needs: clinicians, sites and rooms, listed and added.
 */
@Controller
@RequestMapping("/scheduler")
class ClinicController {

  private final SchedulingApi scheduling;
  private final MessageSource messages;

  ClinicController(SchedulingApi scheduling, MessageSource messages) {
    this.scheduling = scheduling;
    this.messages = messages;
  }

  @GetMapping("/clinic")
  String clinic(Model model) {
    return page(model, FieldErrors.none(), null);
  }

  @PostMapping("/clinicians")
  String addClinician(
      @RequestParam(defaultValue = "") String name,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    return added(
        () -> scheduling.registerClinician(name.strip()), "clinician", model, locale, redirect);
  }

  @PostMapping("/sites")
  String addSite(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String address,
      @RequestParam(defaultValue = "") String timeZone,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    return added(
        () -> scheduling.registerSite(name.strip(), address.strip(), timeZone.strip()),
        "site",
        model,
        locale,
        redirect);
  }

  @PostMapping("/sites/{siteId}/rooms")
  String addRoom(
      @PathVariable UUID siteId,
      @RequestParam(defaultValue = "") String name,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    return added(
        () -> scheduling.registerRoom(siteId, name.strip()),
        "room-" + siteId,
        model,
        locale,
        redirect);
  }

  private String added(
      Runnable call, String form, Model model, Locale locale, RedirectAttributes redirect) {
    try {
      call.run();
      redirect.addFlashAttribute("notice", "notice.clinic.saved");
      return "redirect:/scheduler/clinic";
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest() && !refused.isConflict()) {
        throw refused;
      }
      model.addAttribute("problem", refused);
      return page(
          model,
          FieldErrors.of(refused.errors(), field -> form + "." + field, messages, locale),
          form);
    }
  }

  private String page(Model model, FieldErrors errors, String failedForm) {
    model.addAttribute("clinic", Clinic.load(scheduling));
    model.addAttribute("errors", errors);
    model.addAttribute("failedForm", failedForm);
    return "scheduler/clinic";
  }
}
