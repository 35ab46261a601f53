package org.cellpath.console.staff;

import java.util.UUID;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.NotificationApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff's SMS inbox (schedulers and admins): the patients' replies that are no keyword, newest
 * first, with the patient's name and number when a referral matched and the number's consent
 * history; mark one handled or answer it by SMS. Only the reply's id travels in a URL; the answer
 * in the body of a POST. With htmx, each action swaps the one reply.
 */
@Controller
@RequestMapping("/staff")
class SmsRepliesController {

  static final int PAGE_SIZE = 20;

  private final NotificationApi notifications;

  SmsRepliesController(NotificationApi notifications) {
    this.notifications = notifications;
  }

  @GetMapping("/sms-replies")
  String inbox(@RequestParam(defaultValue = "0") int page, Model model) {
    int shown = Math.max(0, Math.min(page, 10_000));
    NotificationApi.SmsInbox inbox = notifications.smsReplies(shown, PAGE_SIZE);
    model.addAttribute("inbox", inbox);
    model.addAttribute("page", shown);
    model.addAttribute("pages", (inbox.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    return "staff/sms-replies";
  }

  @PostMapping("/sms-replies/{id}/handled")
  String handled(
      @PathVariable UUID id,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    NotificationApi.SmsReply reply = notifications.markHandled(id);
    return afterAction(reply, null, null, htmx, model);
  }

  @PostMapping("/sms-replies/{id}/answer")
  String answer(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String text,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    try {
      return afterAction(notifications.answer(id, text), null, null, htmx, model);
    } catch (ApiProblem refused) {
      if (!refused.isConflict() && !refused.isInvalidRequest()) {
        throw refused;
      }
      // The refusal as a sentence beside the answer box; what staff typed stays in the box.
      String sentence =
          refused.isConflict()
              ? refused.detail()
              : refused.errors().stream()
                  .map(problem -> problem.message())
                  .findFirst()
                  .orElse(refused.detail());
      NotificationApi.SmsReply reply =
          notifications.smsReplies(0, 100).replies().stream()
              .filter(open -> open.id().equals(id))
              .findFirst()
              .orElse(null);
      if (reply == null || htmx == null) {
        model.addAttribute("refusal", sentence);
        return inbox(0, model);
      }
      return afterAction(reply, sentence, text, htmx, model);
    }
  }

  /** The answer box's counter, as staff type (the text in a POST body, never a URL). */
  @PostMapping("/sms-replies/count")
  String count(@RequestParam(defaultValue = "") String text, Model model) {
    model.addAttribute("length", text.codePointCount(0, text.length()));
    return "staff/sms-replies :: counter";
  }

  private String afterAction(
      NotificationApi.SmsReply reply, String refusal, String typed, String htmx, Model model) {
    if (htmx == null) {
      return "redirect:/staff/sms-replies";
    }
    model.addAttribute("reply", reply);
    model.addAttribute("replyRefusal", refusal);
    model.addAttribute("typed", typed);
    return "staff/sms-replies :: reply";
  }
}
