package org.cellpath.notification.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cellpath.calendar.CalendarFiles;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.OutcomeSurveyDue;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.WaitlistOfferMade;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.sms.SmsRules;
import org.cellpath.notification.sms.SmsTexts;
import org.cellpath.notification.templates.Languages;
import org.cellpath.notification.templates.MessageTemplates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes each patient message from the event that calls for it: picks the language, the time zone
 * and the values the templates show. Nothing clinical reaches a template: only the patient's
 * contact and the clinic's details are passed, never what an event carries for scheduling or for
 * the physician (cell source, side, a decline's reason).
 *
 * <p>Kinds that go by SMS also get their SMS text, already held to the {@link SmsRules}; the
 * booking, reschedule and cancellation emails carry a calendar file ({@link CalendarFiles}). Times
 * are shown in the patient's zone.
 */
@Component
class MessageComposer {

  /** NSAIDs (ibuprofen, naproxen) are stopped this many days before the procedure. */
  static final int NSAID_PAUSE_DAYS = 7;

  /** NSAIDs are not taken again for this many days after the injection. */
  static final int NO_NSAIDS_AFTER_DAYS = 14;

  /** About how long a questionnaire takes, as its messages say. */
  static final int SURVEY_MINUTES = 10;

  private final MessageTemplates templates;
  private final ClinicProperties clinic;
  private final CalendarFiles calendars;
  private final SmsTexts sms;

  /**
   * @throws IllegalStateException when the clinic's name and phone leave no room for the shortest
   *     SMS text, so the service does not start with a configuration that could send none
   */
  @Autowired
  MessageComposer(
      MessageTemplates templates, ClinicProperties clinic, NotificationProperties notifications) {
    this.templates = templates;
    this.clinic = clinic;
    this.calendars = new CalendarFiles(notifications.from(), clinic.name());
    this.sms = new SmsTexts(templates, clinic);
  }

  /** "The clinic has your referral and will review it." */
  ComposedMessage referralReceived(ReferralSubmitted event) {
    PatientContact patient = patientOf(event.patient(), event);
    Locale locale = Languages.of(patient.language());
    Map<String, Object> variables = common(patient);
    return new ComposedMessage(
        locale, templates.render("referral-received", locale, variables, clinic.name()));
  }

  /**
   * "The clinic approved your referral and will schedule your appointments." The cell source and
   * side stay out.
   */
  ComposedMessage decisionApproved(ReferralApproved event) {
    PatientContact patient = patientOf(event.patient(), event);
    Locale locale = Languages.of(patient.language());
    return new ComposedMessage(
        locale, templates.render("decision-approved", locale, common(patient), clinic.name()));
  }

  /**
   * "Your physician will discuss other options with you." The reviewer's reason is written for the
   * physician and may be clinical, so it never reaches the patient's message.
   */
  ComposedMessage decisionDeclined(ReferralDeclined event) {
    PatientContact patient = patientOf(event.patient(), event);
    Locale locale = Languages.of(patient.language());
    return new ComposedMessage(
        locale, templates.render("decision-declined", locale, common(patient), clinic.name()));
  }

  /**
   * Both appointments in the patient's zone, place, clinician, preparation and cost; the calendar
   * file books them (METHOD:REQUEST, SEQUENCE 0); the SMS text gives the first appointment's time
   * and the site.
   */
  ComposedMessage bookingConfirmation(AppointmentPairBooked event) {
    PatientContact patient = patientOf(event.patient(), event);
    Schedule schedule = scheduleOf(patient, event.appointments(), event);
    Map<String, Object> variables = withLink(withAppointments(common(patient), schedule));
    putPreparation(variables, schedule);
    RenderedMessage email =
        templates.render("booking-confirmation", schedule.locale(), variables, clinic.name());
    String calendar = calendarFile(CalendarFiles.Method.REQUEST, 0, event.occurredAt(), schedule);
    return new ComposedMessage(
        schedule.locale(),
        withCalendar(email, calendar),
        smsWithLink(
            patient,
            schedule.locale(),
            sms.render("booking-confirmation", schedule.locale(), smsVariables(schedule))));
  }

  /**
   * The pair moved: the new times, place and clinician, and that the earlier times no longer apply;
   * the calendar file moves the same events (same UIDs, SEQUENCE from the event); SMS text too.
   */
  ComposedMessage rescheduled(AppointmentPairRescheduled event) {
    PatientContact patient = patientOf(event.patient(), event);
    Schedule schedule = scheduleOf(patient, event.appointments(), event);
    int sequence = sequenceOf(event.sequence(), event);
    Map<String, Object> variables = withLink(withAppointments(common(patient), schedule));
    putPreparation(variables, schedule);
    RenderedMessage email =
        templates.render("booking-rescheduled", schedule.locale(), variables, clinic.name());
    String calendar =
        calendarFile(CalendarFiles.Method.REQUEST, sequence, event.occurredAt(), schedule);
    return new ComposedMessage(
        schedule.locale(),
        withCalendar(email, calendar),
        smsWithLink(
            patient,
            schedule.locale(),
            sms.render("booking-rescheduled", schedule.locale(), smsVariables(schedule))));
  }

  /**
   * A pair is held for a waitlisted patient until the hold's end: the appointments, when the hold
   * ends (in the patient's zone), and the link to accept or decline; the SMS always carries the
   * link (an offer is answered through it). No calendar file: nothing is booked yet.
   */
  ComposedMessage waitlistOffer(WaitlistOfferMade event) {
    PatientContact patient = patientOf(event.patient(), event);
    Schedule schedule = scheduleOf(patient, event.appointments(), event);
    Map<String, Object> variables = withAppointments(common(patient), schedule);
    String holdUntil =
        schedule.date().format(event.holdUntil())
            + ", "
            + schedule.time().format(event.holdUntil());
    variables.put("holdUntil", holdUntil);
    variables.put("offerLink", NewNotification.LinkTo.PLACEHOLDER);
    RenderedMessage email =
        templates.render("waitlist-offer", schedule.locale(), variables, clinic.name());
    Map<String, Object> smsVariables = smsVariables(schedule);
    smsVariables.put(
        "holdUntil", sms.holdUntil(schedule.locale(), event.holdUntil().atZone(schedule.zone())));
    return new ComposedMessage(
        schedule.locale(),
        email,
        sms.withLink(
            sms.render("waitlist-offer", schedule.locale(), smsVariables),
            schedule.locale(),
            NewNotification.LinkTo.PLACEHOLDER,
            "sms.offerLink"));
  }

  /**
   * A questionnaire is open ({@code docs/domain.md §9}): how the patient is doing at its time point
   * (before the procedure, or 6, 12 or 24 weeks after the injection), that it takes about {@value
   * #SURVEY_MINUTES} minutes and saves the answers as they go, its link and until when the link
   * works (in the patient's zone); a reminder says it is one. The SMS always carries the link (the
   * questionnaire is answered through it) and names neither the procedure nor the injection, as the
   * SMS rules require. Never the condition, the instrument or a score: the event carries none.
   */
  ComposedMessage outcomeSurvey(OutcomeSurveyDue event) {
    PatientContact patient = patientOf(event.patient(), event);
    if (event.surveyId() == null || event.timePoint() == null || event.closesAt() == null) {
      throw new RejectedEventException(
          "OutcomeSurveyDue " + event.eventId() + " lacks its survey, time point or closing");
    }
    Locale locale = Languages.of(patient.language());
    ZoneId zone = PatientZones.of(clinic.timeZone(), patient.timeZone());
    ZonedDateTime closes = event.closesAt().atZone(zone);
    String timePoint = event.timePoint().name();
    Map<String, Object> variables = common(patient);
    variables.put("surveyIntroKey", "outcome-survey.intro" + (event.reminder() ? ".reminder" : ""));
    variables.put("when", templates.message("outcome-survey.when." + timePoint, locale));
    variables.put("minutes", SURVEY_MINUTES);
    variables.put(
        "closesAt",
        DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(closes)
            + ", "
            + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(locale)
                .format(closes));
    variables.put("surveyLink", NewNotification.LinkTo.PLACEHOLDER);
    RenderedMessage email =
        templates.renderWithSubject(
            "outcome-survey",
            "outcome-survey.subject" + (event.reminder() ? ".reminder" : ""),
            locale,
            variables,
            clinic.name());
    Map<String, Object> smsVariables = sms.variables(locale, closes, null);
    smsVariables.put(
        "surveyKey", event.reminder() ? SmsTexts.SURVEY_REMINDER : SmsTexts.SURVEY_FIRST);
    smsVariables.put("when", templates.message("sms.outcome-survey.when." + timePoint, locale));
    return new ComposedMessage(
        locale,
        email,
        sms.withLink(
            sms.render("outcome-survey", locale, smsVariables),
            locale,
            NewNotification.LinkTo.PLACEHOLDER,
            "sms.surveyLink"));
  }

  /**
   * The pair was cancelled: which appointments, and that the clinic will be in touch (or the
   * patient can call); the calendar file cancels the events (METHOD:CANCEL, STATUS:CANCELLED,
   * SEQUENCE from the event); SMS text too.
   */
  ComposedMessage cancelled(AppointmentPairCancelled event) {
    PatientContact patient = patientOf(event.patient(), event);
    Schedule schedule = scheduleOf(patient, event.appointments(), event);
    int sequence = sequenceOf(event.sequence(), event);
    Map<String, Object> variables = withAppointments(common(patient), schedule);
    RenderedMessage email =
        templates.render("booking-cancelled", schedule.locale(), variables, clinic.name());
    String calendar =
        calendarFile(CalendarFiles.Method.CANCEL, sequence, event.occurredAt(), schedule);
    return new ComposedMessage(
        schedule.locale(),
        withCalendar(email, calendar),
        sms.render("booking-cancelled", schedule.locale(), smsVariables(schedule)));
  }

  /**
   * Seven days before the first appointment: start the NSAID pause today, the appointments' date,
   * time and place, keep prescribed medicines, ask about blood thinners. For a patient with no
   * email, an SMS text too, with the essential instruction (no ibuprofen or naproxen from today).
   *
   * @throws IllegalArgumentException when there is no appointment
   */
  ComposedMessage nsaidPauseReminder(PatientContact patient, List<Appointment> appointments) {
    Schedule schedule = scheduleOf(patient, appointments, null);
    Map<String, Object> variables = withLink(withAppointments(common(patient), schedule));
    putPreparation(variables, schedule);
    return new ComposedMessage(
        schedule.locale(),
        templates.render(
            "nsaid-pause-reminder", schedule.locale(), variables, clinic.name(), NSAID_PAUSE_DAYS),
        hasEmail(patient)
            ? null
            : smsWithLink(
                patient,
                schedule.locale(),
                sms.render("nsaid-pause", schedule.locale(), smsVariables(schedule))));
  }

  /**
   * Three days or one day before: time and place, as SMS text and as the email used when SMS cannot
   * go.
   *
   * @param daysBefore 1 ("tomorrow") or more ("in 3 days")
   * @throws IllegalArgumentException when there is no appointment or {@code daysBefore} is less
   *     than 1
   */
  ComposedMessage appointmentReminder(
      PatientContact patient, List<Appointment> appointments, int daysBefore) {
    if (daysBefore < 1) {
      throw new IllegalArgumentException(
          "a reminder comes at least one day before, not " + daysBefore);
    }
    Schedule schedule = scheduleOf(patient, appointments, null);
    String when = daysBefore == 1 ? "tomorrow" : "days";
    Map<String, Object> variables = withLink(withAppointments(common(patient), schedule));
    variables.put("daysBefore", daysBefore);
    variables.put("introKey", "appointment-reminder.intro." + when);
    RenderedMessage email =
        templates.renderWithSubject(
            "appointment-reminder",
            "appointment-reminder.subject." + when,
            schedule.locale(),
            variables,
            clinic.name(),
            daysBefore);
    Map<String, Object> smsVariables = smsVariables(schedule);
    smsVariables.put("daysBefore", daysBefore);
    smsVariables.put(
        "reminderKey", daysBefore == 1 ? SmsTexts.REMINDER_TOMORROW : SmsTexts.REMINDER_DAYS);
    return new ComposedMessage(
        schedule.locale(),
        email,
        smsWithLink(
            patient,
            schedule.locale(),
            sms.render("appointment-reminder", schedule.locale(), smsVariables)));
  }

  /**
   * A message of the follow-up series after the injection, by email, and as a short SMS for a
   * patient with no email. The day after: no NSAIDs for two weeks (with the date they may start
   * again), how to manage pain, when to call the clinic. Later: the follow-up visit and outcome
   * check, which the clinic arranges or the patient books by phone.
   */
  ComposedMessage followUp(PatientContact patient, Appointment injection, FollowUpStage stage) {
    return followUp(patient, injection, stage, false);
  }

  /**
   * A message of the follow-up series.
   *
   * @param linked whether it carries the patient's link (the injection's pair is known)
   */
  ComposedMessage followUp(
      PatientContact patient, Appointment injection, FollowUpStage stage, boolean linked) {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(injection, "injection");
    Objects.requireNonNull(stage, "stage");
    Locale locale = Languages.of(patient.language());
    ZoneId zone = zoneOf(patient, injection);
    DateTimeFormatter date =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).withZone(zone);
    LocalDate injectionDay = injection.startsAt().atZone(zone).toLocalDate();
    Map<String, Object> variables = common(patient);
    if (linked) {
      withLink(variables);
    }
    variables.put("injectionDate", date.format(injection.startsAt()));
    ZonedDateTime nsaidUntil = injectionDay.plusDays(NO_NSAIDS_AFTER_DAYS).atStartOfDay(zone);
    Map<String, Object> smsVariables =
        sms.variables(locale, nsaidUntil, blankToNull(injection.siteName()));
    if (stage == FollowUpStage.DAY_1) {
      variables.put("nsaidUntilDate", date.format(nsaidUntil));
      variables.put("nsaidAfterWeeks", NO_NSAIDS_AFTER_DAYS / 7);
      return new ComposedMessage(
          locale,
          templates.render("follow-up-day-1", locale, variables, clinic.name()),
          smsOnlyText(patient, locale, "follow-up-day-1", smsVariables, linked));
    }
    int weeks = stage.daysAfterInjection() / 7;
    variables.put("weeks", weeks);
    variables.put("lastStage", stage == FollowUpStage.values()[FollowUpStage.values().length - 1]);
    smsVariables.put("weeks", weeks);
    return new ComposedMessage(
        locale,
        templates.render("follow-up", locale, variables, clinic.name(), weeks),
        smsOnlyText(patient, locale, "follow-up", smsVariables, linked));
  }

  /** The appointments in order, with the patient's language and zone and the formats for both. */
  private record Schedule(
      Locale locale,
      ZoneId zone,
      List<Appointment> appointments,
      DateTimeFormatter date,
      DateTimeFormatter time) {

    ZonedDateTime firstStart() {
      return appointments.get(0).startsAt().atZone(zone);
    }
  }

  /**
   * @param event the event the appointments come from, or null when a reminder is composed from
   *     stored data
   * @throws RejectedEventException when an event has no appointments
   * @throws IllegalArgumentException when stored data has none
   */
  private Schedule scheduleOf(
      PatientContact patient, List<Appointment> appointments, CellPathEvent event) {
    Objects.requireNonNull(patient, "patient");
    if (appointments == null || appointments.isEmpty()) {
      if (event != null) {
        throw new RejectedEventException(
            event.getClass().getSimpleName() + " " + event.eventId() + " has no appointments");
      }
      throw new IllegalArgumentException("a reminder needs at least one appointment");
    }
    Locale locale = Languages.of(patient.language());
    List<Appointment> sorted =
        appointments.stream().sorted(Comparator.comparing(Appointment::startsAt)).toList();
    ZoneId zone = zoneOf(patient, sorted.get(0));
    return new Schedule(
        locale,
        zone,
        sorted,
        DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).withZone(zone),
        DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone));
  }

  private static Map<String, Object> withAppointments(
      Map<String, Object> variables, Schedule schedule) {
    variables.put("zoneName", schedule.zone().getDisplayName(TextStyle.FULL, schedule.locale()));
    variables.put(
        "appointments",
        schedule.appointments().stream()
            .map(
                a ->
                    new AppointmentView(
                        "appointment." + a.kind().name(),
                        schedule.date().format(a.startsAt()),
                        schedule.time().format(a.startsAt()),
                        schedule.time().format(a.endsAt()),
                        a.siteName(),
                        blankToNull(a.roomName()),
                        a.siteAddress(),
                        a.clinicianName()))
            .toList());
    return variables;
  }

  /**
   * The day the NSAID pause starts: {@value #NSAID_PAUSE_DAYS} days before the first appointment's
   * day.
   */
  private static void putPreparation(Map<String, Object> variables, Schedule schedule) {
    variables.put("nsaidPauseDays", NSAID_PAUSE_DAYS);
    variables.put(
        "nsaidStopDate",
        schedule
            .date()
            .format(
                schedule
                    .firstStart()
                    .toLocalDate()
                    .minusDays(NSAID_PAUSE_DAYS)
                    .atStartOfDay(schedule.zone())));
  }

  /** The first appointment's day, time and site: when and where the patient arrives. */
  private Map<String, Object> smsVariables(Schedule schedule) {
    return sms.variables(
        schedule.locale(),
        schedule.firstStart(),
        blankToNull(schedule.appointments().get(0).siteName()));
  }

  private String calendarFile(
      CalendarFiles.Method method, int sequence, Instant stamp, Schedule schedule) {
    Locale locale = schedule.locale();
    List<CalendarFiles.Entry> entries =
        schedule.appointments().stream()
            .map(
                a ->
                    new CalendarFiles.Entry(
                        a.appointmentId(),
                        a.startsAt(),
                        a.endsAt(),
                        templates.message(
                            "calendar.summary",
                            locale,
                            templates.message("appointment." + a.kind().name(), locale),
                            clinic.name()),
                        descriptionOf(a, method, locale),
                        locationOf(a, locale)))
            .toList();
    return calendars.write(method, sequence, stamp, entries);
  }

  private String descriptionOf(
      Appointment appointment, CalendarFiles.Method method, Locale locale) {
    if (method == CalendarFiles.Method.CANCEL) {
      return templates.message(
          "calendar.description.cancelled", locale, clinic.name(), clinic.phone());
    }
    String clinician = blankToNull(appointment.clinicianName());
    return clinician == null
        ? templates.message(
            "calendar.description.noClinician", locale, clinic.name(), clinic.phone())
        : templates.message(
            "calendar.description", locale, clinician, clinic.name(), clinic.phone());
  }

  private String locationOf(Appointment appointment, Locale locale) {
    String site = blankToNull(appointment.siteName());
    String address = blankToNull(appointment.siteAddress());
    if (site == null || address == null) {
      return site == null ? address : site;
    }
    return templates.message("calendar.location", locale, site, address);
  }

  private static RenderedMessage withCalendar(RenderedMessage email, String calendar) {
    return new RenderedMessage(email.subject(), email.textBody(), email.htmlBody(), calendar);
  }

  private static int sequenceOf(int sequence, CellPathEvent event) {
    if (sequence < 0) {
      throw new RejectedEventException(
          event.getClass().getSimpleName() + " " + event.eventId() + " has a negative sequence");
    }
    return sequence;
  }

  /** The patient link's place in an email: the link is minted when the message is sent. */
  private static Map<String, Object> withLink(Map<String, Object> variables) {
    variables.put("patientLink", NewNotification.LinkTo.PLACEHOLDER);
    return variables;
  }

  /**
   * The SMS text, with the patient link for a patient whose only channel is SMS. A patient with an
   * email finds the link in every email, and keeps one-part SMS (160 characters at most); a patient
   * without one would have no way to the link at all.
   */
  private String smsWithLink(PatientContact patient, Locale locale, String text) {
    return hasEmail(patient)
        ? text
        : sms.withLink(text, locale, NewNotification.LinkTo.PLACEHOLDER);
  }

  /**
   * The SMS text of an email-only kind, for a patient with no email (null for one with an email,
   * who gets the email).
   */
  private String smsOnlyText(
      PatientContact patient,
      Locale locale,
      String name,
      Map<String, Object> variables,
      boolean linked) {
    if (hasEmail(patient)) {
      return null;
    }
    String text = sms.render(name, locale, variables);
    return linked ? smsWithLink(patient, locale, text) : text;
  }

  static boolean hasEmail(PatientContact patient) {
    return patient.email() != null && !patient.email().isBlank();
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
    return PatientZones.of(clinic.timeZone(), patient.timeZone(), first.timeZone());
  }

  private static PatientContact patientOf(PatientContact patient, CellPathEvent event) {
    if (patient == null) {
      throw new RejectedEventException(
          event.getClass().getSimpleName() + " " + event.eventId() + " carries no patient contact");
    }
    return patient;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
