package org.cellpath.console.scheduler;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.SchedulingApi;
import org.cellpath.console.web.Choices;
import org.cellpath.console.web.FieldErrors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The scheduler's week calendar per clinician or room (free, booked and blocked slots), blocking
 * and freeing a slot (in place, with htmx; a plain form post without script), and creating slots
 * one by one or from a weekly template.
 */
@Controller
@RequestMapping("/scheduler")
class CalendarController {

  private final SchedulingApi scheduling;
  private final MessageSource messages;
  private final ConsoleProperties properties;

  CalendarController(
      SchedulingApi scheduling, MessageSource messages, ConsoleProperties properties) {
    this.scheduling = scheduling;
    this.messages = messages;
    this.properties = properties;
  }

  @ModelAttribute("choices")
  Choices choices() {
    return Choices.INSTANCE;
  }

  /**
   * @param week any day of the week to show (its Monday is the first column); this week by default
   * @param show {@code clinician:<id>} or {@code room:<id>}; the first clinician by default
   */
  @GetMapping("/calendar")
  String calendar(
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String show,
      Model model) {
    Clinic clinic = Clinic.load(scheduling);
    LocalDate monday = Week.mondayOf(day(week));
    Selection selection = Selection.parse(show, clinic);
    List<SchedulingApi.Slot> slots =
        selection == null
            ? List.of()
            : scheduling.slots(
                monday, monday.plusDays(6), selection.clinicianId(), selection.roomId());
    model.addAttribute("clinic", clinic);
    model.addAttribute("week", Week.of(monday, slots));
    model.addAttribute("show", selection == null ? "" : selection.value());
    model.addAttribute("selection", selection);
    model.addAttribute("weekParam", monday.toString());
    return "scheduler/calendar";
  }

  @PostMapping("/slots/{id}/block")
  String block(
      @PathVariable UUID id,
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String show,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      RedirectAttributes redirect) {
    return slotChanged(() -> scheduling.block(id), id, week, show, htmx, model, redirect);
  }

  @PostMapping("/slots/{id}/free")
  String free(
      @PathVariable UUID id,
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String show,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      RedirectAttributes redirect) {
    return slotChanged(() -> scheduling.free(id), id, week, show, htmx, model, redirect);
  }

  private String slotChanged(
      java.util.function.Supplier<SchedulingApi.Slot> change,
      UUID id,
      String week,
      String show,
      String htmx,
      Model model,
      RedirectAttributes redirect) {
    SchedulingApi.Slot slot;
    String refusal = null;
    try {
      slot = change.get();
    } catch (ApiProblem refused) {
      if (!refused.isConflict()) {
        throw refused;
      }
      refusal = refused.detail();
      slot = scheduling.slot(id);
    }
    if (htmx != null) {
      Clinic clinic = Clinic.load(scheduling);
      model.addAttribute("clinic", clinic);
      model.addAttribute("slot", slot);
      model.addAttribute("show", show == null ? "" : show);
      model.addAttribute("weekParam", week == null ? "" : week);
      model.addAttribute("selection", Selection.parse(show, clinic));
      model.addAttribute("slotRefusal", refusal);
      return "scheduler/calendar :: slot";
    }
    if (refusal != null) {
      redirect.addFlashAttribute("refusal", refusal);
    }
    return "redirect:" + calendarUrl(week, show);
  }

  @GetMapping("/slots/new")
  String newSlots(@RequestParam(required = false) String show, Model model) {
    Clinic clinic = Clinic.load(scheduling);
    SlotForms.One one = new SlotForms.One();
    SlotForms.Template template = new SlotForms.Template();
    Selection selection = Selection.parse(show, clinic);
    if (selection != null && selection.clinicianId() != null) {
      one.setClinicianId(selection.clinicianId().toString());
      template.setClinicianId(selection.clinicianId().toString());
    }
    if (selection != null && selection.roomId() != null) {
      one.setRoomId(selection.roomId().toString());
      template.setRoomId(selection.roomId().toString());
    }
    return slotsPage(model, clinic, one, template, FieldErrors.none(), FieldErrors.none());
  }

  @PostMapping("/slots")
  String createSlot(
      @ModelAttribute("one") SlotForms.One one,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    try {
      SchedulingApi.Slot slot = scheduling.createSlot(one.toRequest());
      redirect.addFlashAttribute("notice", "notice.slot.created");
      return "redirect:" + calendarUrl(slot.date().toString(), "clinician:" + slot.clinicianId());
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest() && !refused.isConflict()) {
        throw refused;
      }
      model.addAttribute("problem", refused);
      return slotsPage(
          model,
          Clinic.load(scheduling),
          one,
          new SlotForms.Template(),
          FieldErrors.of(refused.errors(), field -> "one." + field, messages, locale),
          FieldErrors.none());
    }
  }

  @PostMapping("/slots/template")
  String createFromTemplate(
      @ModelAttribute("template") SlotForms.Template template,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    try {
      SchedulingApi.TemplateResult result = scheduling.createFromTemplate(template.toRequest());
      redirect.addFlashAttribute("notice", "notice.template.created");
      redirect.addFlashAttribute(
          "noticeArguments", new Object[] {result.created(), result.skipped()});
      return "redirect:"
          + calendarUrl(template.getFrom(), "clinician:" + template.getClinicianId());
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest() && !refused.isConflict()) {
        throw refused;
      }
      model.addAttribute("problem", refused);
      return slotsPage(
          model,
          Clinic.load(scheduling),
          new SlotForms.One(),
          template,
          FieldErrors.none(),
          FieldErrors.of(refused.errors(), field -> "template." + field, messages, locale));
    }
  }

  private static String slotsPage(
      Model model,
      Clinic clinic,
      SlotForms.One one,
      SlotForms.Template template,
      FieldErrors oneErrors,
      FieldErrors templateErrors) {
    model.addAttribute("clinic", clinic);
    model.addAttribute("one", one);
    model.addAttribute("template", template);
    model.addAttribute("oneErrors", oneErrors);
    model.addAttribute("templateErrors", templateErrors);
    return "scheduler/slots";
  }

  private LocalDate day(String value) {
    if (value != null && !value.isBlank()) {
      try {
        return LocalDate.parse(value.strip());
      } catch (DateTimeParseException notADate) {
        // This week instead.
      }
    }
    return LocalDate.now(properties.clinicTimeZone());
  }

  static String calendarUrl(String week, String show) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/scheduler/calendar");
    if (week != null && !week.isBlank()) {
      uri.queryParam("week", week);
    }
    if (show != null && !show.isBlank()) {
      uri.queryParam("show", show);
    }
    return uri.encode().build().toUriString();
  }

  /** Whose calendar: one clinician's or one room's. */
  record Selection(UUID clinicianId, UUID roomId) {

    static Selection parse(String show, Clinic clinic) {
      try {
        if (show != null && show.startsWith("clinician:")) {
          UUID id = UUID.fromString(show.substring("clinician:".length()));
          return clinic.isClinician(id) ? new Selection(id, null) : null;
        }
        if (show != null && show.startsWith("room:")) {
          UUID id = UUID.fromString(show.substring("room:".length()));
          return clinic.isRoom(id) ? new Selection(null, id) : null;
        }
      } catch (IllegalArgumentException notAnId) {
        return null;
      }
      return clinic.clinicians().isEmpty()
          ? null
          : new Selection(clinic.clinicians().get(0).id(), null);
    }

    String value() {
      return clinicianId != null ? "clinician:" + clinicianId : "room:" + roomId;
    }

    public boolean byClinician() {
      return clinicianId != null;
    }
  }
}
