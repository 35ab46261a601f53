package org.cellpath.notification.messages;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.OutcomeReportReady;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralInfoRequested;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.templates.Languages;
import org.cellpath.notification.templates.MessageTemplates;
import org.springframework.stereotype.Component;

/**
 * Writes each message to the referring physician (the closed loop), in English, from the event that
 * calls for it. The physician knows the case by its referral id, so that id is how every message
 * names it: nothing of the patient's contact is passed to a template, not even when the event
 * carries it.
 */
@Component
class PhysicianMessageComposer {

  /**
   * The scheduling milestones with their own subject and sentence in the bundle. Any other
   * well-formed status name (a status a newer referral-service may add) is told with the generic
   * {@code OTHER} texts, so the physician still hears of it.
   */
  static final Set<String> MILESTONES =
      Set.of(
          "SCHEDULED",
          "RESCHEDULED",
          "WAITLISTED",
          "CANCELLED",
          "COMPLETED",
          "NO_SHOW",
          "RETURNED");

  private static final String OTHER_MILESTONE = "OTHER";

  /** What a status name looks like; anything else is not shown to anyone. */
  private static final Pattern STATUS_NAME = Pattern.compile("[A-Z][A-Z_]{0,39}");

  private final MessageTemplates templates;
  private final ClinicProperties clinic;

  PhysicianMessageComposer(MessageTemplates templates, ClinicProperties clinic) {
    this.templates = templates;
    this.clinic = clinic;
  }

  /** Approved, with the cell source the clinic will use; the clinic schedules next. */
  ComposedMessage decisionApproved(ReferralApproved event) {
    Map<String, Object> variables =
        common(physicianOf(event.physician(), event), event.referralId());
    CellSource source = event.cellSource();
    boolean chosen = source != null && source != CellSource.NO_PREFERENCE;
    variables.put(
        "cellSourceKey", chosen ? "physician-decision-approved.cellSource." + source.name() : null);
    return english(
        templates.render(
            "physician-decision-approved",
            Languages.ENGLISH,
            variables,
            event.referralId().toString(),
            clinic.name()));
  }

  /**
   * Declined. The reviewer's reason is clinical and never reaches this service (minimum necessary):
   * the email points the physician to the referral's timeline in CellPath, where it is, and to the
   * clinic's phone.
   */
  ComposedMessage decisionDeclined(ReferralDeclined event) {
    Map<String, Object> variables =
        common(physicianOf(event.physician(), event), event.referralId());
    return english(
        templates.render(
            "physician-decision-declined",
            Languages.ENGLISH,
            variables,
            event.referralId().toString(),
            clinic.name()));
  }

  /**
   * The reviewer needs more before deciding. What is needed may be clinical and stays in
   * referral-service: the email points to the referral's timeline, and says that amending the
   * referral reopens the review.
   */
  ComposedMessage informationRequested(ReferralInfoRequested event) {
    Map<String, Object> variables =
        common(physicianOf(event.physician(), event), event.referralId());
    return english(
        templates.render(
            "physician-info-requested",
            Languages.ENGLISH,
            variables,
            event.referralId().toString(),
            clinic.name()));
  }

  /**
   * One sentence for the milestone the case reached. The event's note is not shown: the sentence
   * comes from the bundle, so every physician reads the same wording for the same status.
   */
  ComposedMessage milestone(ReferralStatusChanged event) {
    return milestone(event, List.of());
  }

  /**
   * The milestone, and for a booking or a move, each appointment's date, time (in the site's zone)
   * and place: the physician tells the patient, and plans around it. Nothing clinical: the
   * appointment's kind, when and where.
   *
   * @param appointments the pair's appointments as known here, or empty
   */
  ComposedMessage milestone(ReferralStatusChanged event, List<Appointment> appointments) {
    String status = event.status() == null ? null : event.status().strip();
    if (status == null || !STATUS_NAME.matcher(status).matches()) {
      throw new RejectedEventException(
          "ReferralStatusChanged " + event.eventId() + " has no readable status name");
    }
    Map<String, Object> variables =
        common(physicianOf(event.physician(), event), event.referralId());
    String milestone = MILESTONES.contains(status) ? status : OTHER_MILESTONE;
    variables.put("milestoneKey", "physician-milestone." + milestone);
    variables.put("status", status);
    boolean names =
        ("SCHEDULED".equals(status) || "RESCHEDULED".equals(status)) && !appointments.isEmpty();
    variables.put("schedule", names ? schedule(appointments) : null);
    return english(
        templates.renderWithSubject(
            "physician-milestone",
            "physician-milestone.subject." + milestone,
            Languages.ENGLISH,
            variables,
            event.referralId().toString(),
            clinic.name()));
  }

  /**
   * An outcomes report is ready: which one (interim or final), and the link to the referral's page
   * where it is. No score, no answer, nothing of the patient: the event carries none, and the
   * report stays behind the physician's sign-in.
   *
   * @param referralLink the referral's page in the console
   */
  ComposedMessage reportReady(OutcomeReportReady event, String referralLink) {
    if (event.report() == null) {
      throw new RejectedEventException(
          "OutcomeReportReady " + event.eventId() + " does not say which report");
    }
    Map<String, Object> variables =
        common(physicianOf(event.physician(), event), event.referralId());
    variables.put("reportKey", "physician-report-ready." + event.report().name());
    variables.put("referralLink", referralLink);
    return english(
        templates.renderWithSubject(
            "physician-report-ready",
            "physician-report-ready.subject." + event.report().name(),
            Languages.ENGLISH,
            variables,
            event.referralId().toString()));
  }

  private List<String> schedule(List<Appointment> appointments) {
    Locale locale = Languages.ENGLISH;
    return appointments.stream()
        .sorted(Comparator.comparing(Appointment::startsAt))
        .map(
            a -> {
              ZoneId zone = PatientZones.of(clinic.timeZone(), null, a.timeZone());
              DateTimeFormatter date =
                  DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                      .withLocale(locale)
                      .withZone(zone);
              DateTimeFormatter time =
                  DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                      .withLocale(locale)
                      .withZone(zone);
              return templates.message(
                  "physician-milestone.appointment",
                  locale,
                  templates.message("physician-milestone.appointment." + a.kind().name(), locale),
                  date.format(a.startsAt()),
                  time.format(a.startsAt()),
                  time.format(a.endsAt()),
                  zone.getDisplayName(TextStyle.FULL, locale),
                  placeOf(a));
            })
        .toList();
  }

  private static String placeOf(Appointment appointment) {
    return Stream.of(
            blankToNull(appointment.siteName()),
            blankToNull(appointment.roomName()),
            blankToNull(appointment.siteAddress()))
        .filter(Objects::nonNull)
        .collect(Collectors.joining(", "));
  }

  private Map<String, Object> common(PhysicianContact physician, UUID referralId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("name", blankToNull(physician.name()));
    variables.put("referralId", referralId.toString());
    variables.put("clinicName", clinic.name());
    variables.put("clinicPhone", clinic.phone());
    return variables;
  }

  private static ComposedMessage english(RenderedMessage content) {
    return new ComposedMessage(Languages.ENGLISH, content);
  }

  private static PhysicianContact physicianOf(PhysicianContact physician, CellPathEvent event) {
    if (physician == null) {
      throw new RejectedEventException(
          event.getClass().getSimpleName()
              + " "
              + event.eventId()
              + " carries no physician contact");
    }
    return physician;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
