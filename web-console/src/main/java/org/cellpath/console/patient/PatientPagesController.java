package org.cellpath.console.patient;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cellpath.console.api.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The patient's pages: their appointments with the preparation instructions, confirm, move to one
 * of the offered times, cancel with a reason (after an "are you sure?"), and the calendar file; or
 * a waitlist offer, to accept or decline (after an "are you sure?") within its hold. In the
 * patient's language unless they switch ({@code ?lang=}). A link that opens nothing gets a kind
 * page with the clinic's phone, in the language of the browser. Nothing here logs the address: it
 * holds the token.
 */
@Controller
@RequestMapping("/p/{token}")
class PatientPagesController {

  private static final Logger log = LoggerFactory.getLogger(PatientPagesController.class);

  /** What a token looks like (base64url); anything else opens nothing and is never sent on. */
  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,200}");

  private static final Locale SPANISH = Locale.forLanguageTag("es");
  static final List<String> REASONS =
      List.of("SCHEDULE_CONFLICT", "FEELING_BETTER", "TRAVEL_OR_TRANSPORT", "COST", "OTHER");
  private static final Set<String> NOTICES =
      Set.of("confirmed", "rescheduled", "cancelled", "offerAccepted", "offerDeclined");

  private final SelfServiceApi api;
  private final PatientPageSettings settings;

  PatientPagesController(SelfServiceApi api, PatientPageSettings settings) {
    this.api = api;
    this.settings = settings;
  }

  /** One appointment as the page shows it, in the patient's language and the site's zone. */
  record Line(
      String kind,
      String date,
      String time,
      String clinician,
      String site,
      String address,
      String room) {}

  /** One offered pair: its choice value and its appointments. */
  record Choice(String value, List<Line> lines) {}

  /**
   * The appointments the link opens, or (a link that opens no appointments) the waitlist offer it
   * opens: the console cannot read a token, so it asks for the appointments first and the offer
   * second, and answers the first refusal when neither opens.
   */
  @GetMapping
  String page(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      HttpServletRequest request,
      Model model) {
    SelfServiceApi.Page page;
    try {
      page = api.page(valid(token));
    } catch (ApiProblem notAppointments) {
      if (notAppointments.status() != 404) {
        throw notAppointments;
      }
      SelfServiceApi.Offer offer;
      try {
        offer = api.offer(token);
      } catch (ApiProblem notAnOffer) {
        throw notAnOffer.status() == 404 ? notAppointments : notAnOffer;
      }
      return offerPage(token, lang, request, model, offer);
    }
    Locale locale = language(request, lang, page);
    pageModel(model, token, locale, page);
    return "patient/page";
  }

  /** Accepts the offer: the pair is booked; the page then says so. */
  @PostMapping("/offer/accept")
  String acceptOffer(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      RedirectAttributes redirect) {
    try {
      api.acceptOffer(valid(token));
    } catch (ApiProblem refused) {
      if (refused.status() != 409) {
        throw refused;
      }
      // Declined or ended meanwhile: the page shows how the offer stands.
      return back(token, lang, null, redirect);
    }
    return back(token, lang, "offerAccepted", redirect);
  }

  /**
   * Declines the offer: the first submission asks "are you sure?", the second ({@code sure=yes})
   * declines.
   */
  @PostMapping("/offer/decline")
  String declineOffer(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) String sure,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    if (!"yes".equals(sure)) {
      SelfServiceApi.Offer offer = api.offer(valid(token));
      offerModel(model, token, language(request, lang, offer.patient()), offer);
      return offer.canAnswer() ? "patient/offer-decline" : "patient/offer";
    }
    try {
      api.declineOffer(valid(token));
    } catch (ApiProblem refused) {
      if (refused.status() != 409) {
        throw refused;
      }
      return back(token, lang, null, redirect);
    }
    return back(token, lang, "offerDeclined", redirect);
  }

  private String offerPage(
      String token,
      String lang,
      HttpServletRequest request,
      Model model,
      SelfServiceApi.Offer offer) {
    offerModel(model, token, language(request, lang, offer.patient()), offer);
    return "patient/offer";
  }

  private void offerModel(Model model, String token, Locale locale, SelfServiceApi.Offer offer) {
    model.addAttribute("token", token);
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("clinicName", settings.clinicName());
    model.addAttribute("clinicPhone", settings.clinicPhone());
    model.addAttribute("offer", offer);
    model.addAttribute("lines", lines(offer.appointments(), locale));
    ZoneId zone =
        offer.appointments().isEmpty()
            ? ZoneId.of("UTC")
            : ZoneId.of(offer.appointments().get(0).timeZone());
    ZonedDateTime hold = offer.holdUntil().atZone(zone);
    model.addAttribute(
        "holdUntil",
        // Mid-sentence ("until Monday, ...", "hasta el lunes ..."): the day as the language writes
        // it.
        dateFormat(locale).format(hold) + ", " + timeFormat(locale).format(hold));
  }

  @PostMapping("/confirm")
  String confirm(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      RedirectAttributes redirect) {
    api.confirm(valid(token));
    return back(token, lang, "confirmed", redirect);
  }

  @GetMapping("/reschedule")
  String options(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      HttpServletRequest request,
      Model model) {
    SelfServiceApi.Page page = api.page(valid(token));
    Locale locale = language(request, lang, page);
    pageModel(model, token, locale, page);
    List<Choice> choices =
        page.canReschedule()
            ? api.options(token).stream()
                .map(
                    option ->
                        new Choice(
                            (option.harvestSlotId() == null ? "" : option.harvestSlotId())
                                + "_"
                                + option.injectionSlotId(),
                            lines(option.appointments(), locale)))
                .toList()
            : List.of();
    model.addAttribute("choices", choices);
    return "patient/reschedule";
  }

  @PostMapping("/reschedule")
  String reschedule(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) String choice,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    valid(token);
    UUID harvest = null;
    UUID injection = null;
    try {
      String[] parts = (choice == null ? "" : choice).split("_", -1);
      harvest = parts[0].isEmpty() ? null : UUID.fromString(parts[0]);
      injection = UUID.fromString(parts[1]);
    } catch (RuntimeException notAChoice) {
      model.addAttribute("refusalKey", "patient.reschedule.choose");
      return options(token, lang, request, model);
    }
    try {
      api.reschedule(token, harvest, injection);
    } catch (ApiProblem refused) {
      if (refused.status() != 409 && refused.status() != 400) {
        throw refused;
      }
      model.addAttribute("refusalKey", "patient.reschedule.taken");
      return options(token, lang, request, model);
    }
    return back(token, lang, "rescheduled", redirect);
  }

  @GetMapping("/cancel")
  String cancelForm(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      HttpServletRequest request,
      Model model) {
    SelfServiceApi.Page page = api.page(valid(token));
    pageModel(model, token, language(request, lang, page), page);
    model.addAttribute("reasons", REASONS);
    return "patient/cancel";
  }

  /**
   * The first submission asks "are you sure?" with the reason and note kept; the second ({@code
   * sure=yes}) cancels.
   */
  @PostMapping("/cancel")
  String cancel(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String note,
      @RequestParam(required = false) String sure,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    SelfServiceApi.Page page = api.page(valid(token));
    pageModel(model, token, language(request, lang, page), page);
    model.addAttribute("reasons", REASONS);
    String kept = note == null ? "" : note.strip();
    model.addAttribute("reason", reason);
    model.addAttribute("note", kept);
    if (reason == null || !REASONS.contains(reason)) {
      model.addAttribute("refusalKey", "patient.cancel.chooseReason");
      return "patient/cancel";
    }
    if (kept.length() > 300) {
      model.addAttribute("refusalKey", "patient.cancel.noteTooLong");
      return "patient/cancel";
    }
    if (!"yes".equals(sure)) {
      return "patient/cancel-confirm";
    }
    try {
      api.cancel(token, reason, kept);
    } catch (ApiProblem refused) {
      if (refused.status() != 409) {
        throw refused;
      }
      return back(token, lang, null, redirect);
    }
    return back(token, lang, "cancelled", redirect);
  }

  @GetMapping("/calendar.ics")
  ResponseEntity<byte[]> calendar(@PathVariable String token) {
    String file = api.calendar(valid(token));
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("appointments.ics").build().toString())
        .body(file.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A link that opens nothing, or a service that cannot answer: a kind page with the clinic's
   * phone, never the service's words. Logged with the status only: the address holds the token.
   */
  @ExceptionHandler(ApiProblem.class)
  String refused(
      ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
    int status = problem.status();
    String kind =
        switch (status) {
          case 404 -> "invalid";
          case 410 -> "expired";
          case 429 -> "busy";
          default -> "unavailable";
        };
    if ("unavailable".equals(kind)) {
      log.info("The self-service API answered {} to a patient page", status);
    }
    response.setStatus(status == 404 || status == 410 || status == 429 ? status : 502);
    return problemPage(kind, request, model);
  }

  @ExceptionHandler(InvalidLink.class)
  String invalid(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(404);
    return problemPage("invalid", request, model);
  }

  @ExceptionHandler(RuntimeException.class)
  String failed(
      RuntimeException failure,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    log.warn("A patient page failed: {}", failure.getClass().getSimpleName());
    response.setStatus(503);
    return problemPage("unavailable", request, model);
  }

  /** In the switch's language when chosen, else the browser's (the patient is not known). */
  private String problemPage(String kind, HttpServletRequest request, Model model) {
    String lang = request.getParameter("lang");
    Locale locale =
        lang != null
            ? supported(lang)
            : supported(RequestContextUtils.getLocale(request).getLanguage());
    use(request, locale);
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("kind", kind);
    model.addAttribute("problems", "patient.problem");
    model.addAttribute("clinicName", settings.clinicName());
    model.addAttribute("clinicPhone", settings.clinicPhone());
    model.addAttribute("token", null);
    return "patient/link-problem";
  }

  private void pageModel(Model model, String token, Locale locale, SelfServiceApi.Page page) {
    model.addAttribute("token", token);
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("clinicName", settings.clinicName());
    model.addAttribute("clinicPhone", settings.clinicPhone());
    model.addAttribute("page", page);
    model.addAttribute("lines", lines(page.appointments(), locale));
    model.addAttribute("booked", "BOOKED".equals(page.status()));
    page.appointments().stream()
        .min(Comparator.comparing(SelfServiceApi.Appointment::startsAt))
        .ifPresent(
            first -> {
              LocalDate day = first.startsAt().atZone(ZoneId.of(first.timeZone())).toLocalDate();
              model.addAttribute(
                  "nsaidStart",
                  dateFormat(locale).format(day.minusDays(settings.nsaidPauseDays())));
              model.addAttribute("nsaidDays", settings.nsaidPauseDays());
            });
  }

  private static List<Line> lines(List<SelfServiceApi.Appointment> appointments, Locale locale) {
    return appointments.stream()
        .sorted(Comparator.comparing(SelfServiceApi.Appointment::startsAt))
        .map(a -> line(a, locale))
        .toList();
  }

  private static Line line(SelfServiceApi.Appointment a, Locale locale) {
    ZoneId zone = ZoneId.of(a.timeZone());
    ZonedDateTime start = a.startsAt().atZone(zone);
    ZonedDateTime end = a.endsAt().atZone(zone);
    DateTimeFormatter time = timeFormat(locale);
    return new Line(
        a.kind(),
        capitalized(dateFormat(locale).format(start), locale),
        time.format(start) + " – " + time.format(end),
        a.clinicianName(),
        a.siteName(),
        a.siteAddress(),
        a.roomName());
  }

  private static DateTimeFormatter timeFormat(Locale locale) {
    return DateTimeFormatter.ofPattern(locale.equals(SPANISH) ? "H:mm" : "h:mm a", locale);
  }

  private static DateTimeFormatter dateFormat(Locale locale) {
    return DateTimeFormatter.ofPattern(
        locale.equals(SPANISH) ? "EEEE d 'de' MMMM 'de' yyyy" : "EEEE, MMMM d, yyyy", locale);
  }

  private static String capitalized(String text, Locale locale) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
  }

  /** The switch's choice when made, else the patient's own language. */
  private Locale language(HttpServletRequest request, String lang, SelfServiceApi.Page page) {
    return language(request, lang, page.patient());
  }

  private Locale language(HttpServletRequest request, String lang, SelfServiceApi.Patient patient) {
    Locale locale =
        lang != null ? supported(lang) : supported(patient == null ? null : patient.language());
    use(request, locale);
    return locale;
  }

  /** Renders this request in the locale without remembering it in the console's cookie. */
  static void use(HttpServletRequest request, Locale locale) {
    request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
  }

  static Locale supported(String language) {
    return "es".equals(language) ? SPANISH : Locale.ENGLISH;
  }

  private static String back(
      String token, String lang, String notice, RedirectAttributes redirect) {
    if (notice != null && NOTICES.contains(notice)) {
      redirect.addFlashAttribute("notice", notice);
    }
    return "redirect:/p/" + token + (lang == null ? "" : "?lang=" + supported(lang).getLanguage());
  }

  static String valid(String token) {
    if (!TOKEN.matcher(token).matches()) {
      throw new InvalidLink();
    }
    return token;
  }

  /** Not even the shape of a link: answered as one that opens nothing, without asking. */
  static class InvalidLink extends RuntimeException {
    InvalidLink() {
      super("Not a patient link");
    }
  }
}
