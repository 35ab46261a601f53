package org.cellpath.notification.delivery.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.AuditedAction;
import org.cellpath.audit.RequestAudit;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.notification.delivery.NotificationQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log for staff ({@code ADMIN}, {@code SCHEDULER}; see {@code security.ApiSecurity}):
 * what was sent about a referral, to whom (role, masked address) and how it went. Every look-up is
 * written to the audit trail with the reader's name and the referrals it disclosed, never the
 * patient's contact details.
 */
@RestController
class DeliveryLogController {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLogController.class);

  /** What staff did, as written in the audit trail's {@code action} column. */
  enum DeliveryLogAction implements AuditedAction {
    /** One referral's delivery log. */
    READ_DELIVERY_LOG,
    /** A patient's delivery log over all their referrals, found by email or mobile number. */
    SEARCH_DELIVERY_LOG
  }

  private final NotificationQueries queries;
  private final RequestAudit audit;

  DeliveryLogController(NotificationQueries queries, RequestAudit audit) {
    this.queries = queries;
    this.audit = audit;
  }

  /**
   * Every message queued for the referral, oldest first, with every attempt. Empty, not 404, for a
   * referral with no messages: this service only knows referrals it has written about.
   */
  @GetMapping("/api/referrals/{referralId}/notifications")
  DeliveryLogResponse deliveryLog(@PathVariable UUID referralId) {
    List<DeliveryLogResponse.Entry> entries =
        queries.forReferral(referralId).stream().map(DeliveryLogResponse.Entry::of).toList();
    audit.record(
        DeliveryLogAction.READ_DELIVERY_LOG,
        "referral",
        referralId,
        referralId,
        AuditOutcome.ALLOWED);
    log.info("Delivery log of referral {} read: {} notification(s)", referralId, entries.size());
    return new DeliveryLogResponse(referralId, entries);
  }

  /**
   * A patient's contact details, to find every message sent to them. In the body of a POST, so that
   * they never appear in a URL or an access log.
   */
  record PatientLookup(
      @Email @Size(max = 254) String email,
      @Pattern(
              regexp = "\\+[1-9][0-9]{6,14}",
              message = "must be an E.164 number like +15550100123")
          String mobilePhone) {}

  /**
   * A patient's delivery log over all their referrals: every message to their email or mobile
   * number.
   */
  record PatientDeliveryLog(List<DeliveryLogResponse.Entry> notifications) {}

  /**
   * Every message to the patient with this email address or mobile number, over all their
   * referrals, oldest first. At least one of the two is needed.
   */
  @PostMapping("/api/patients/notifications/search")
  PatientDeliveryLog patientDeliveryLog(@Valid @RequestBody PatientLookup lookup) {
    if (isBlank(lookup.email()) && isBlank(lookup.mobilePhone())) {
      throw new InvalidValueException(
          List.of(
              new FieldProblem("email", "give the patient's email or mobilePhone"),
              new FieldProblem("mobilePhone", "give the patient's email or mobilePhone")));
    }
    List<DeliveryLogResponse.Entry> entries =
        queries.forPatient(lookup.email(), lookup.mobilePhone()).stream()
            .map(DeliveryLogResponse.Entry::of)
            .toList();
    // The referrals the answer disclosed; the contact the caller searched by stays out of the
    // trail.
    audit.listed(
        DeliveryLogAction.SEARCH_DELIVERY_LOG,
        "patient",
        entries.stream().map(DeliveryLogResponse.Entry::referralId).distinct().toList(),
        AuditOutcome.ALLOWED);
    log.info("A patient's delivery log read: {} notification(s)", entries.size());
    return new PatientDeliveryLog(entries);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
