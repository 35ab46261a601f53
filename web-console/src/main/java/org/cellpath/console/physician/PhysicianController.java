package org.cellpath.console.physician;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.cellpath.console.ConsoleProperties;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.FieldProblem;
import org.cellpath.console.api.ReferralApi;
import org.cellpath.console.signin.ConsoleUser;
import org.cellpath.console.signin.CurrentUser;
import org.cellpath.console.web.Choices;
import org.cellpath.console.web.FieldErrors;
import org.cellpath.console.web.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The referring physician's pages: their referrals with status, the referral form, one referral
 * with its dated timeline, answering an information request (amending the referral) and
 * withdrawing. Patient data only ever travel in request bodies and pages; the URLs hold referral
 * ids.
 */
@Controller
@RequestMapping("/physician")
class PhysicianController {

  static final int PAGE_SIZE = 20;

  private final ReferralApi referrals;
  private final MessageSource messages;
  private final ZoneId clinicZone;
  private final Formats formats;

  PhysicianController(
      ReferralApi referrals,
      MessageSource messages,
      ConsoleProperties properties,
      Formats formats) {
    this.clinicZone = properties.clinicTimeZone();
    this.referrals = referrals;
    this.messages = messages;
    this.formats = formats;
  }

  @ModelAttribute("choices")
  Choices choices() {
    return Choices.INSTANCE;
  }

  @ModelAttribute("timeZones")
  List<String> timeZones() {
    return TimeZones.LIST;
  }

  @GetMapping("/referrals")
  String list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    String filter =
        status != null && Choices.INSTANCE.referralStatuses().contains(status) ? status : null;
    model.addAttribute("page", referrals.referrals(filter, Math.max(0, page), PAGE_SIZE));
    model.addAttribute("status", filter);
    return "physician/referrals";
  }

  @GetMapping("/referrals/new")
  String newReferral(Model model) {
    ReferralForm form = ReferralForm.blank(UUID.randomUUID().toString(), clinicZone);
    ConsoleUser user = CurrentUser.require();
    form.getPhysician().setNpi(user.npi() == null ? "" : user.npi());
    form.getPhysician()
        .setName(user.displayName().equals(user.subject()) ? "" : user.displayName());
    return form(model, form, FieldErrors.none(), "new");
  }

  @PostMapping("/referrals")
  String submit(
      @ModelAttribute("form") ReferralForm form,
      @RequestParam(name = "addCareRow", required = false) String addCareRow,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    if (addCareRow != null) {
      form.addCareRow();
      return form(model, form, FieldErrors.none(), "new");
    }
    ReferralForm.Request request = form.toRequest();
    try {
      ReferralApi.Submitted submitted = referrals.submit(request.body(), idempotencyKey(form));
      redirect.addFlashAttribute("notice", "notice.submitted");
      return "redirect:/physician/referrals/" + submitted.id();
    } catch (ApiProblem refused) {
      return refused(model, form, request, refused, locale, "new");
    }
  }

  @GetMapping("/referrals/{id}")
  String referral(
      @PathVariable UUID id, @RequestParam(required = false) String confirm, Model model) {
    ReferralApi.Referral referral = referrals.referral(id);
    model.addAttribute("referral", referral);
    model.addAttribute("confirm", "withdraw".equals(confirm) ? confirm : null);
    model.addAttribute("details", ReferralForm.of(referral.details()));
    model.addAttribute("informationRequest", informationRequest(referral));
    outcomes(id, model);
    return "physician/referral";
  }

  /**
   * The referral's outcomes section (ADR 42). The page stays readable when they cannot be read: a
   * 404 shows no section (a referral-service without outcomes), anything else says they could not
   * be loaded.
   */
  private void outcomes(UUID id, Model model) {
    try {
      model.addAttribute(
          "outcomes",
          OutcomesView.of(
              referrals.outcomes(id), messages, LocaleContextHolder.getLocale(), formats));
    } catch (ApiProblem refused) {
      model.addAttribute("outcomesUnavailable", refused.status() != 404);
    } catch (RestClientException unreachable) {
      model.addAttribute("outcomesUnavailable", true);
    }
  }

  @GetMapping("/referrals/{id}/amendment")
  String amendment(@PathVariable UUID id, Model model) {
    ReferralApi.Referral referral = referrals.referral(id);
    model.addAttribute("referral", referral);
    model.addAttribute("informationRequest", informationRequest(referral));
    return form(model, ReferralForm.of(referral.details()), FieldErrors.none(), "amend");
  }

  @PostMapping("/referrals/{id}/amendment")
  String amend(
      @PathVariable UUID id,
      @ModelAttribute("form") ReferralForm form,
      @RequestParam(name = "addCareRow", required = false) String addCareRow,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    if (addCareRow != null) {
      form.addCareRow();
      return amendmentPage(id, model, form, FieldErrors.none());
    }
    ReferralForm.Request request = form.toRequest();
    try {
      referrals.amend(id, request.body());
      redirect.addFlashAttribute("notice", "notice.amended");
      return "redirect:/physician/referrals/" + id;
    } catch (ApiProblem refused) {
      if (refused.isInvalidRequest() || refused.isConflict()) {
        model.addAttribute("problem", refused);
        return amendmentPage(id, model, form, errors(refused, request, locale));
      }
      throw refused;
    }
  }

  /**
   * Withdraws the referral once the physician confirmed it ({@code confirmed=yes}, from the
   * question the page asks); a request without asks first, whatever sent it.
   */
  @PostMapping("/referrals/{id}/withdrawal")
  String withdraw(
      @PathVariable UUID id,
      @RequestParam(required = false) String confirmed,
      RedirectAttributes redirect) {
    if (!"yes".equals(confirmed)) {
      return "redirect:/physician/referrals/" + id + "?confirm=withdraw#withdraw-heading";
    }
    try {
      referrals.withdraw(id);
      redirect.addFlashAttribute("notice", "notice.withdrawn");
    } catch (ApiProblem refused) {
      if (!refused.isConflict()) {
        throw refused;
      }
      redirect.addFlashAttribute("refusal", refused.detail());
    }
    return "redirect:/physician/referrals/" + id;
  }

  private String amendmentPage(UUID id, Model model, ReferralForm form, FieldErrors errors) {
    ReferralApi.Referral referral = referrals.referral(id);
    model.addAttribute("referral", referral);
    model.addAttribute("informationRequest", informationRequest(referral));
    return form(model, form, errors, "amend");
  }

  private String refused(
      Model model,
      ReferralForm form,
      ReferralForm.Request request,
      ApiProblem refused,
      Locale locale,
      String mode) {
    if (!refused.isInvalidRequest()
        && !refused.isConflict()
        && refused.status() != 403
        && refused.status() != 429) {
      throw refused;
    }
    model.addAttribute("problem", refused);
    return form(model, form, errors(refused, request, locale), mode);
  }

  private FieldErrors errors(ApiProblem refused, ReferralForm.Request request, Locale locale) {
    return FieldErrors.of(
        plainPhoneWords(refused.errors(), locale), request::formField, messages, locale);
  }

  /**
   * The service names its phone rule by the standard's name; the form says it in the words of the
   * person typing (a US mobile number, like (415) 555-0188), which is what it accepts.
   */
  private List<FieldProblem> plainPhoneWords(List<FieldProblem> problems, Locale locale) {
    return problems.stream()
        .map(
            problem ->
                PHONE_FIELDS.contains(problem.field())
                        && problem.message() != null
                        && problem.message().contains("E.164")
                    ? new FieldProblem(
                        problem.field(), messages.getMessage("form.phone.invalid", null, locale))
                    : problem)
        .toList();
  }

  private static final Set<String> PHONE_FIELDS = Set.of("patient.mobilePhone", "physician.phone");

  private static String form(Model model, ReferralForm form, FieldErrors errors, String mode) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("mode", mode);
    return "physician/form";
  }

  /**
   * The form's key, or a new one for a form that came without (a person cannot send the same form
   * twice by it).
   */
  private static String idempotencyKey(ReferralForm form) {
    String key = form.getIdempotencyKey();
    return key != null && key.matches("[0-9a-fA-F-]{36}") ? key : UUID.randomUUID().toString();
  }

  /**
   * What the reviewer asked for, when the referral waits for the physician's answer: the latest
   * request's note.
   */
  static String informationRequest(ReferralApi.Referral referral) {
    if (!"INFO_REQUESTED".equals(referral.status())) {
      return null;
    }
    List<ReferralApi.TimelineEntry> timeline = referral.timeline();
    for (int i = timeline.size() - 1; i >= 0; i--) {
      if ("INFO_REQUESTED".equals(timeline.get(i).status())) {
        return timeline.get(i).note();
      }
    }
    return null;
  }
}
