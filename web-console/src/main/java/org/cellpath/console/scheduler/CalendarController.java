package org.cellpath.console.scheduler;

import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
   * The week (one clinician's or one room's slots) or the day (every clinician's or every room's
   * slots side by side, on a time grid), with the patient's name beside each booked slot. Opens on
   * today in the clinic's zone, in the view and on the calendar the scheduler chose last (kept in
   * their session: ids and words only, no patient data).
   *
   * @param week any day of the week to show (its Monday is the first column); this week by default
   * @param day the day of the day view; today by default
   * @param view {@code week} or {@code day}
   * @param show {@code clinician:<id>} or {@code room:<id>}; the first clinician by default
   * @param by the day view's columns: {@code clinician} or {@code room}
   */
  @GetMapping("/calendar")
  String calendar(
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String day,
      @RequestParam(required = false) String view,
      @RequestParam(required = false) String show,
      @RequestParam(required = false) String by,
      HttpSession session,
      Model model) {
    CalendarChoice choice =
        CalendarChoice.in(session)
            .with(
                view != null ? view : week != null ? "week" : day != null ? "day" : null, show, by);
    session.setAttribute(CalendarChoice.ATTRIBUTE, choice);
    Clinic clinic = Clinic.load(scheduling);
    model.addAttribute("clinic", clinic);
    model.addAttribute("choice", choice);
    model.addAttribute("today", LocalDate.now(properties.clinicTimeZone()).toString());
    if (choice.dayView()) {
      LocalDate date = day(day != null ? day : week);
      List<SchedulingApi.Slot> slots = scheduling.slots(date, date, null, null);
      DayGrid grid = DayGrid.of(date, choice.byClinician(), slots, clinic);
      model.addAttribute("grid", grid);
      model.addAttribute("contacts", contactsOf(slots));
      model.addAttribute("dayParam", date.toString());
      return "scheduler/day";
    }
    LocalDate monday = Week.mondayOf(day(week != null ? week : day));
    Selection selection = Selection.parse(choice.show(), clinic);
    List<SchedulingApi.Slot> slots =
        selection == null
            ? List.of()
            : scheduling.slots(
                monday, monday.plusDays(6), selection.clinicianId(), selection.roomId());
    model.addAttribute("week", Week.of(monday, slots));
    model.addAttribute("show", selection == null ? "" : selection.value());
    model.addAttribute("selection", selection);
    model.addAttribute("weekParam", monday.toString());
    model.addAttribute("contacts", contactsOf(slots));
    return "scheduler/calendar";
  }

  /** The patients of the booked slots, by referral id. */
  private Map<UUID, SchedulingApi.Contact> contactsOf(List<SchedulingApi.Slot> slots) {
    return scheduling.contacts(
        slots.stream().map(SchedulingApi.Slot::referralId).filter(Objects::nonNull).toList());
  }

  @PostMapping("/slots/{id}/block")
  String block(
      @PathVariable UUID id,
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String show,
      @RequestParam(required = false) String day,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      RedirectAttributes redirect) {
    return slotChanged(() -> scheduling.block(id), id, week, show, day, htmx, model, redirect);
  }

  @PostMapping("/slots/{id}/free")
  String free(
      @PathVariable UUID id,
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String show,
      @RequestParam(required = false) String day,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      RedirectAttributes redirect) {
    return slotChanged(() -> scheduling.free(id), id, week, show, day, htmx, model, redirect);
  }

  private String slotChanged(
      java.util.function.Supplier<SchedulingApi.Slot> change,
      UUID id,
      String week,
      String show,
      String day,
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
    if (day != null && !day.isBlank()) {
      return "redirect:"
          + UriComponentsBuilder.fromPath("/scheduler/calendar")
              .queryParam("view", "day")
              .queryParam("day", day.strip())
              .encode()
              .build()
              .toUriString();
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
