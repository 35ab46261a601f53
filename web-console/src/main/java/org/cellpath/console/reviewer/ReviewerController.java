package org.cellpath.console.reviewer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.ReferralApi;
import org.cellpath.console.physician.ReferralForm;
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

/**
 * The reviewing clinician's pages: the queue of open reviews (oldest first, filtered by
 * recommendation), one review with every finding and the referral it is about, and the three
 * decisions.
 */
@Controller
@RequestMapping("/reviewer")
class ReviewerController {

  private final ReferralApi referrals;
  private final MessageSource messages;

  ReviewerController(ReferralApi referrals, MessageSource messages) {
    this.referrals = referrals;
    this.messages = messages;
  }

  @ModelAttribute("choices")
  Choices choices() {
    return Choices.INSTANCE;
  }

  /** The queue; an htmx request (the filter) gets the table alone. */
  @GetMapping("/reviews")
  String queue(
      @RequestParam(required = false) String recommendation,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    String filter =
        recommendation != null && Choices.INSTANCE.recommendations().contains(recommendation)
            ? recommendation
            : null;
    model.addAttribute("reviews", referrals.reviews(filter));
    model.addAttribute("recommendation", filter);
    return htmx != null ? "reviewer/queue :: queueTable" : "reviewer/queue";
  }

  @GetMapping("/reviews/{id}")
  String review(@PathVariable UUID id, Model model) {
    return page(id, model, new Decision(), FieldErrors.none(), null);
  }

  @PostMapping("/reviews/{id}/approval")
  String approve(
      @PathVariable UUID id,
      @ModelAttribute Decision decision,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    return decide(
        id,
        decision,
        model,
        locale,
        redirect,
        "approval",
        () ->
            referrals.approve(
                id,
                nullToEmpty(decision.getCellSource()),
                nullToEmpty(decision.getInjectionSite())));
  }

  @PostMapping("/reviews/{id}/decline")
  String decline(
      @PathVariable UUID id,
      @ModelAttribute Decision decision,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    return decide(
        id,
        decision,
        model,
        locale,
        redirect,
        "decline",
        () -> referrals.decline(id, nullToEmpty(decision.getReason())));
  }

  @PostMapping("/reviews/{id}/information-request")
  String requestInformation(
      @PathVariable UUID id,
      @ModelAttribute Decision decision,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    return decide(
        id,
        decision,
        model,
        locale,
        redirect,
        "information",
        () -> referrals.requestInformation(id, decision.items()));
  }

  private String decide(
      UUID id,
      Decision decision,
      Model model,
      Locale locale,
      RedirectAttributes redirect,
      String which,
      Runnable call) {
    try {
      call.run();
      redirect.addFlashAttribute("notice", "notice.decided." + which);
      return "redirect:/reviewer/reviews";
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest() && !refused.isConflict()) {
        throw refused;
      }
      Map<String, String> fields = Map.of("items", "items");
      FieldErrors errors =
          FieldErrors.of(
              refused.errors(),
              field -> fields.getOrDefault(field.replaceAll("\\[\\d+]", ""), field),
              messages,
              locale);
      model.addAttribute("problem", refused);
      return page(id, model, decision, errors, which);
    }
  }

  private String page(
      UUID id, Model model, Decision decision, FieldErrors errors, String openDecision) {
    ReferralApi.Review review = referrals.review(id);
    ReferralApi.Referral referral = referrals.referral(review.referralId());
    if (decision.getCellSource() == null) {
      String preferred = referral.details().path("preferredCellSource").asString("");
      decision.setCellSource(
          Choices.INSTANCE.approvableCellSources().contains(preferred) ? preferred : "");
    }
    model.addAttribute("review", review);
    model.addAttribute("referral", referral);
    model.addAttribute("details", ReferralForm.of(referral.details()));
    model.addAttribute("decision", decision);
    model.addAttribute("errors", errors);
    model.addAttribute("openDecision", openDecision);
    return "reviewer/review";
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value.strip();
  }

  /** The decision forms' fields. */
  public static class Decision {
    private String cellSource;
    private String injectionSite = "";
    private String reason = "";
    private String items = "";

    /** The information request's items: one per line, empty lines left out. */
    List<String> items() {
      return Arrays.stream(items == null ? new String[0] : items.split("\\R"))
          .map(String::strip)
          .filter(item -> !item.isEmpty())
          .toList();
    }

    public String getCellSource() {
      return cellSource;
    }

    public void setCellSource(String v) {
      cellSource = v;
    }

    public String getInjectionSite() {
      return injectionSite;
    }

    public void setInjectionSite(String v) {
      injectionSite = v;
    }

    public String getReason() {
      return reason;
    }

    public void setReason(String v) {
      reason = v;
    }

    public String getItems() {
      return items;
    }

    public void setItems(String v) {
      items = v;
    }
  }
}
