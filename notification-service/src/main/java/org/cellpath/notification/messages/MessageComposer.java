package org.cellpath.notification.messages;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.notification.ClinicProperties;
import org.springframework.stereotype.Component;

/**
 * Writes each patient message from the event that calls for it: picks the language, the time zone and the values
 * the templates show. Nothing clinical reaches a template: only the patient's contact and the clinic's details are
 * passed, never what an event carries for scheduling or for the physician (cell source, side, a decline's reason).
 */
@Component
class MessageComposer {

  /** NSAIDs (ibuprofen, naproxen) are stopped this many days before the procedure. */
  static final int NSAID_PAUSE_DAYS = 7;

  private final MessageTemplates templates;
  private final ClinicProperties clinic;

  MessageComposer(MessageTemplates templates, ClinicProperties clinic) {
    this.templates = templates;
    this.clinic = clinic;
  }

  /** "The clinic has your referral and will review it." */
  ComposedMessage referralReceived(ReferralSubmitted event) {
    PatientContact patient = patientOf(event.patient(), event);
    Locale locale = Languages.of(patient.language());
    Map<String, Object> variables = common(patient);
    return new ComposedMessage(locale,
        templates.render("referral-received", locale, variables, clinic.name()));
  }

  /** "The clinic approved your referral and will schedule your appointments." The cell source and side stay out. */
  ComposedMessage decisionApproved(ReferralApproved event) {
    PatientContact patient = patientOf(event.patient(), event);
    Locale locale = Languages.of(patient.language());
    return new ComposedMessage(locale,
        templates.render("decision-approved", locale, common(patient), clinic.name()));
  }

  /**
   * "Your physician will discuss other options with you." The reviewer's reason is written for the physician and may
   * be clinical, so it never reaches the patient's message.
   */
  ComposedMessage decisionDeclined(ReferralDeclined event) {
    PatientContact patient = patientOf(event.patient(), event);
    Locale locale = Languages.of(patient.language());
    return new ComposedMessage(locale,
        templates.render("decision-declined", locale, common(patient), clinic.name()));
  }

  /** Both appointments in the patient's zone, place, clinician, preparation and cost. */
  ComposedMessage bookingConfirmation(AppointmentPairBooked event) {
    PatientContact patient = patientOf(event.patient(), event);
    if (event.appointments().isEmpty()) {
      throw new RejectedEventException("AppointmentPairBooked " + event.eventId() + " has no appointments");
    }
    Locale locale = Languages.of(patient.language());
    List<Appointment> appointments = event.appointments().stream()
        .sorted(Comparator.comparing(Appointment::startsAt)).toList();
    ZoneId zone = zoneOf(patient, appointments.get(0));
    DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).withZone(zone);
    DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);

    Map<String, Object> variables = common(patient);
    variables.put("zoneName", zone.getDisplayName(TextStyle.FULL, locale));
    variables.put("appointments", appointments.stream().map(a -> new AppointmentView(
        "appointment." + a.kind().name(), date.format(a.startsAt()), time.format(a.startsAt()),
        time.format(a.endsAt()), a.siteName(), blankToNull(a.roomName()), a.siteAddress(), a.clinicianName()))
        .toList());
    Instant first = appointments.get(0).startsAt();
    variables.put("nsaidPauseDays", NSAID_PAUSE_DAYS);
    variables.put("nsaidStopDate",
        date.format(first.atZone(zone).toLocalDate().minusDays(NSAID_PAUSE_DAYS).atStartOfDay(zone)));
    return new ComposedMessage(locale,
        templates.render("booking-confirmation", locale, variables, clinic.name()));
  }

  /** The pair moved: new times; the email carries the calendar file with a raised SEQUENCE; SMS text too. */
  ComposedMessage rescheduled(org.cellpath.contracts.AppointmentPairRescheduled event) {
    throw new UnsupportedOperationException("rescheduled: not written yet");
  }

  /** The pair was cancelled; the email carries a METHOD:CANCEL calendar file; SMS text too. */
  ComposedMessage cancelled(org.cellpath.contracts.AppointmentPairCancelled event) {
    throw new UnsupportedOperationException("cancelled: not written yet");
  }

  /** Seven days before the first appointment: start the NSAID pause (email only). */
  ComposedMessage nsaidPauseReminder(PatientContact patient, List<Appointment> appointments) {
    throw new UnsupportedOperationException("nsaidPauseReminder: not written yet");
  }

  /** Three days or one day before: time and place, as SMS text and as the email used when SMS cannot go. */
  ComposedMessage appointmentReminder(PatientContact patient, List<Appointment> appointments, int daysBefore) {
    throw new UnsupportedOperationException("appointmentReminder: not written yet");
  }

  /** A message of the follow-up series after the injection (email only). */
  ComposedMessage followUp(PatientContact patient, Appointment injection, FollowUpStage stage) {
    throw new UnsupportedOperationException("followUp: not written yet");
  }

  private Map<String, Object> common(PatientContact patient) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("name", blankToNull(patient.givenName()));
    variables.put("clinicName", clinic.name());
    variables.put("clinicPhone", clinic.phone());
    return variables;
  }

  /** The patient's own zone; else the site's; else the clinic's. */
  private ZoneId zoneOf(PatientContact patient, Appointment first) {
    for (String candidate : new String[] {patient.timeZone(), first.timeZone()}) {
      if (candidate != null && !candidate.isBlank()) {
        try {
          return ZoneId.of(candidate.strip());
        } catch (DateTimeException unknownZone) {
          // try the next one
        }
      }
    }
    return clinic.timeZone();
  }

  private static PatientContact patientOf(PatientContact patient, CellPathEvent event) {
    if (patient == null) {
      throw new RejectedEventException(event.getClass().getSimpleName() + " " + event.eventId()
          + " carries no patient contact");
    }
    return patient;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
