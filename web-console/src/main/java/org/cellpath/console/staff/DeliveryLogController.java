package org.cellpath.console.staff;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.NotificationApi;
import org.cellpath.console.web.FieldErrors;
import org.cellpath.console.web.Ids;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The delivery log for staff (schedulers and admins): every message about a referral (its id in the
 * URL is fine, it is no patient data), or every message to one patient, found by contact details
 * sent in a POST body, never a URL.
 */
@Controller
@RequestMapping("/staff")
class DeliveryLogController {

  private final NotificationApi notifications;
  private final MessageSource messages;

  DeliveryLogController(NotificationApi notifications, MessageSource messages) {
    this.notifications = notifications;
    this.messages = messages;
  }

  @GetMapping("/deliveries")
  String referralLog(@RequestParam(required = false) String referralId, Model model) {
    UUID id = Ids.parse(referralId);
    model.addAttribute("referralId", referralId == null ? "" : referralId.strip());
    model.addAttribute("invalidId", referralId != null && !referralId.isBlank() && id == null);
    model.addAttribute(
        "entries", id == null ? null : notifications.deliveryLog(id).notifications());
    model.addAttribute("consent", id == null ? null : notifications.smsConsent(id).numbers());
    model.addAttribute("errors", FieldErrors.none());
    return "staff/deliveries";
  }

  @PostMapping("/deliveries/patient")
  String patientLog(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String mobilePhone,
      Model model,
      Locale locale) {
    model.addAttribute("referralId", "");
    model.addAttribute("invalidId", false);
    model.addAttribute("patientSearch", true);
    try {
      List<NotificationApi.Entry> entries =
          notifications.patientLog(email, mobilePhone).notifications();
      model.addAttribute("entries", entries);
      model.addAttribute("errors", FieldErrors.none());
    } catch (ApiProblem refused) {
      if (!refused.isInvalidRequest()) {
        throw refused;
      }
      model.addAttribute("entries", null);
      model.addAttribute(
          "errors",
          FieldErrors.of(refused.errors(), field -> "patient." + field, messages, locale));
    }
    // The contact details typed are shown back in the form (the page, not the URL).
    model.addAttribute("email", email);
    model.addAttribute("mobilePhone", mobilePhone);
    return "staff/deliveries";
  }
}
