package org.cellpath.console.scheduler;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.SchedulingApi;
import org.cellpath.console.web.FieldErrors;
import org.cellpath.console.web.Ids;
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
 * Appointment pairs: one pair with its two appointments; rescheduling it to other free slots,
 * cancelling it, marking an appointment completed (with a donated product's lot) or no-show; after
 * a pair ended, booking its case again or returning it to the referring physician; the waitlist,
 * booking a pair by hand, and the pairs of a referral.
 */
@Controller
@RequestMapping("/scheduler")
class BookingController {

  /**
   * How far ahead the booking and rescheduling selects offer free slots: the planner's search
   * horizon.
   */
  static final int HORIZON_DAYS = 60;

  private final SchedulingApi scheduling;
  private final MessageSource messages;
  private final ConsoleProperties properties;

  BookingController(
      SchedulingApi scheduling, MessageSource messages, ConsoleProperties properties) {
    this.scheduling = scheduling;
    this.messages = messages;
    this.properties = properties;
  }

  @GetMapping("/pairs/{id}")
  String pair(@PathVariable UUID id, @RequestParam(required = false) String confirm, Model model) {
    model.addAttribute("confirm", confirm);
    return pairPage(id, model, FieldErrors.none());
  }

  /**
   * Cancelling a pair and recording an outcome ask first: the page's question sends {@code
   * confirmed=yes}; a request without comes back to the page with the question open.
   */
  private static boolean confirmed(String confirmed) {
    return "yes".equals(confirmed);
  }

  private static String ask(UUID pairId, String question) {
    return "redirect:/scheduler/pairs/" + pairId + "?confirm=" + question + "#" + question;
  }

  /**
   * A refusal shown as a sentence next to the action it refuses ({@code target}: an appointment's
   * id, {@code reschedule} or {@code cancel}).
   */
  record Refusal(String target, String sentence) {}

  /**
   * scheduling's refusals in the page's language where the console knows them (a refusal names ids
   * and instants, which a person does not need); any other as the service wrote it.
   */
  private String sentence(ApiProblem refused, Locale locale) {
    String detail = refused.detail() == null ? "" : refused.detail();
    String key =
        detail.contains("cannot be recorded before it starts")
            ? "scheduler.refusal.beforeStart"
            : detail.contains("before its harvest is")
                ? "scheduler.refusal.beforeHarvest"
                : detail.contains("its outcome cannot be recorded")
                    ? "scheduler.refusal.outcomeRecorded"
                    : detail.contains("was taken by another booking")
                            || detail.contains("were blocked meanwhile")
                        ? "scheduler.refusal.slotTaken"
                        : detail.contains("Cancel the pair first")
                            ? "scheduler.refusal.returnBooked"
                            : detail.contains("already returned")
                                ? "scheduler.refusal.alreadyReturned"
                                : null;
    if (key != null) {
      return messages.getMessage(key, null, locale);
    }
    String misfit = "The chosen slots do not fit: ";
    return detail.startsWith(misfit)
        ? messages.getMessage(
            "scheduler.refusal.misfit", new Object[] {detail.substring(misfit.length())}, locale)
        : detail;
  }

  @PostMapping("/pairs/{id}/reschedule")
  String reschedule(
      @PathVariable UUID id,
      @RequestParam(required = false) String harvestSlotId,
      @RequestParam(required = false) String injectionSlotId,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    try {
      scheduling.reschedule(id, Ids.parse(harvestSlotId), Ids.parse(injectionSlotId));
      redirect.addFlashAttribute("notice", "notice.rescheduled");
      return "redirect:/scheduler/pairs/" + id;
    } catch (ApiProblem refused) {
      return refused(id, "reschedule", model, locale, refused);
    }
  }

  @PostMapping("/pairs/{id}/cancellation")
  String cancel(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(required = false) String confirmed,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    if (!confirmed(confirmed)) {
      return ask(id, "cancel");
    }
    try {
      scheduling.cancel(id, reason.strip());
      redirect.addFlashAttribute("notice", "notice.cancelled");
      return "redirect:/scheduler/pairs/" + id;
    } catch (ApiProblem refused) {
      return refused(id, "cancel", model, locale, refused);
    }
  }

  @PostMapping("/appointments/{appointmentId}/completion")
  String complete(
      @PathVariable UUID appointmentId,
      @RequestParam UUID pairId,
      @RequestParam(required = false) String productLot,
      @RequestParam(required = false) String confirmed,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    if (!confirmed(confirmed)) {
      return ask(pairId, "complete-" + appointmentId);
    }
    try {
      scheduling.complete(appointmentId, productLot);
      redirect.addFlashAttribute("notice", "notice.completed");
      return "redirect:/scheduler/pairs/" + pairId;
    } catch (ApiProblem refused) {
      return refused(pairId, appointmentId.toString(), model, locale, refused);
    }
  }

  @PostMapping("/appointments/{appointmentId}/no-show")
  String noShow(
      @PathVariable UUID appointmentId,
      @RequestParam UUID pairId,
      @RequestParam(required = false) String confirmed,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    if (!confirmed(confirmed)) {
      return ask(pairId, "no-show-" + appointmentId);
    }
    try {
      scheduling.noShow(appointmentId);
      redirect.addFlashAttribute("notice", "notice.noShow");
      return "redirect:/scheduler/pairs/" + pairId;
    } catch (ApiProblem refused) {
      return refused(pairId, appointmentId.toString(), model, locale, refused);
    }
  }

  /** The reasons a case can be returned for, as scheduling-service names them. */
  static final List<String> RETURN_REASONS =
      List.of(
          "PATIENT_UNREACHABLE",
          "PATIENT_DECLINED",
          "REPEATED_NO_SHOW",
          "NO_SUITABLE_SLOTS",
          "OTHER");

  /**
   * Closes the case of an ended pair and returns it to the referring physician with a reason
   * (docs/domain.md §8.5). Asks first, like the pair's other actions.
   */
  @PostMapping("/cases/{referralId}/return")
  String returnCase(
      @PathVariable UUID referralId,
      @RequestParam UUID pairId,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(required = false) String confirmed,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    if (!confirmed(confirmed)) {
      return ask(pairId, "return");
    }
    try {
      scheduling.returnCase(referralId, reason);
      redirect.addFlashAttribute("notice", "notice.returned");
      return "redirect:/scheduler/pairs/" + pairId;
    } catch (ApiProblem refused) {
      return refused(pairId, "return", model, locale, refused);
    }
  }

  /**
   * Whether the pair ended and its case waits for what comes next (docs/domain.md §8.5): booked
   * again, or returned to the referring physician. A pair one of whose appointments was missed has
   * ended though it is still booked; a cancelled pair has, while its case has no newer pair.
   */
  static boolean ended(SchedulingApi.Pair pair, SchedulingApi.Case schedulingCase) {
    boolean missed = pair.appointments().stream().anyMatch(a -> "NO_SHOW".equals(a.status()));
    return switch (schedulingCase.status()) {
      case "BOOKED" -> "BOOKED".equals(pair.status()) && missed;
      case "CANCELLED", "WAITLISTED" -> "CANCELLED".equals(pair.status());
      default -> false;
    };
  }

  @GetMapping("/waitlist")
  String waitlist(Model model) {
    waitlistModel(model);
    return "scheduler/waitlist";
  }

  /**
   * Changes the clinic's waitlist setting: automatic booking or offers, and the offer's hold in
   * minutes (1 to 4320). A refusal shows the service's words beside the form.
   */
  @PostMapping("/waitlist/settings")
  String waitlistSettings(
      @RequestParam(defaultValue = "") String mode,
      @RequestParam(defaultValue = "") String holdMinutes,
      Model model,
      RedirectAttributes redirect) {
    String hold;
    try {
      hold = java.time.Duration.ofMinutes(Long.parseLong(holdMinutes.strip())).toString();
    } catch (RuntimeException notANumber) {
      hold = holdMinutes.strip();
    }
    try {
      scheduling.changeWaitlistSettings(mode, hold);
      redirect.addFlashAttribute("notice", "notice.waitlistSettings");
      return "redirect:/scheduler/waitlist";
    } catch (ApiProblem refused) {
      if (refused.status() != 400) {
        throw refused;
      }
      waitlistModel(model);
      model.addAttribute("settingsRefused", true);
      model.addAttribute("mode", mode);
      model.addAttribute("holdMinutes", holdMinutes);
      return "scheduler/waitlist";
    }
  }

  private void waitlistModel(Model model) {
    try {
      model.addAttribute("settings", scheduling.waitlistSettings());
    } catch (ApiProblem unreadable) {
      // Schedulers change the setting; anyone else sees the waitlist without the form.
      model.addAttribute("settings", null);
    }
    List<SchedulingApi.Case> cases = scheduling.waitlist();
    model.addAttribute("cases", cases);
    model.addAttribute(
        "contacts",
        scheduling.contacts(cases.stream().map(SchedulingApi.Case::referralId).toList()));
  }

  /**
   * A referral's pairs, cancelled ones included: the way from a referral id to its appointments.
   */
  @GetMapping("/referrals")
  String referralPairs(@RequestParam(required = false) String referralId, Model model) {
    UUID id = Ids.parse(referralId);
    model.addAttribute("referralId", referralId == null ? "" : referralId.strip());
    model.addAttribute("pairs", id == null ? List.of() : scheduling.pairsOfReferral(id));
    model.addAttribute("searched", referralId != null);
    model.addAttribute("invalidId", referralId != null && !referralId.isBlank() && id == null);
    return "scheduler/referral-pairs";
  }

  @GetMapping("/bookings/new")
  String newBooking(@RequestParam UUID referralId, Model model) {
    return bookingPage(referralId, model, FieldErrors.none());
  }

  @PostMapping("/bookings")
  String book(
      @RequestParam UUID referralId,
      @RequestParam(required = false) String harvestSlotId,
      @RequestParam(required = false) String injectionSlotId,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    try {
      SchedulingApi.Pair pair =
          scheduling.book(referralId, Ids.parse(harvestSlotId), Ids.parse(injectionSlotId));
      redirect.addFlashAttribute("notice", "notice.booked");
      return "redirect:/scheduler/pairs/" + pair.id();
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest() && !refused.isConflict() && refused.status() != 429) {
        throw refused;
      }
      model.addAttribute("problem", refused);
      return bookingPage(
          referralId, model, FieldErrors.of(refused.errors(), field -> field, messages, locale));
    }
  }

  private String refused(
      UUID pairId, String target, Model model, Locale locale, ApiProblem refused) {
    if (!refused.isInvalidRequest() && !refused.isConflict()) {
      throw refused;
    }
    if (refused.errors().isEmpty()) {
      // A refusal of the whole action: said once, next to it, not as a generic error on top.
      model.addAttribute("refusal", new Refusal(target, sentence(refused, locale)));
      return pairPage(pairId, model, FieldErrors.none());
    }
    model.addAttribute("problem", refused);
    return pairPage(
        pairId, model, FieldErrors.of(refused.errors(), field -> field, messages, locale));
  }

  private String pairPage(UUID id, Model model, FieldErrors errors) {
    SchedulingApi.Pair pair = scheduling.pair(id);
    SchedulingApi.Case schedulingCase = scheduling.schedulingCase(pair.referralId());
    offerFreeSlots(model);
    model.addAttribute("pair", pair);
    model.addAttribute("schedulingCase", schedulingCase);
    model.addAttribute("ended", ended(pair, schedulingCase));
    model.addAttribute("returnReasons", RETURN_REASONS);
    model.addAttribute(
        "patient", scheduling.contacts(List.of(pair.referralId())).get(pair.referralId()));
    model.addAttribute("errors", errors);
    return "scheduler/pair";
  }

  private String bookingPage(UUID referralId, Model model, FieldErrors errors) {
    model.addAttribute("schedulingCase", scheduling.schedulingCase(referralId));
    model.addAttribute("patient", scheduling.contacts(List.of(referralId)).get(referralId));
    offerFreeSlots(model);
    model.addAttribute("errors", errors);
    return "scheduler/booking";
  }

  private void offerFreeSlots(Model model) {
    Clinic clinic = Clinic.load(scheduling);
    LocalDate today = LocalDate.now(properties.clinicTimeZone());
    List<SchedulingApi.Slot> slots =
        scheduling.slots(today, today.plusDays(HORIZON_DAYS), null, null);
    model.addAttribute("clinic", clinic);
    model.addAttribute("harvestSlots", SlotOption.free(slots, "HARVEST", clinic));
    model.addAttribute("injectionSlots", SlotOption.free(slots, "INJECTION", clinic));
  }
}
