package org.cellpath.notification.sms;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.templates.Languages;
import org.cellpath.notification.templates.MessageTemplates;

/**
 * Renders the patient SMS texts from {@code mail/sms/<name>.txt} and holds each one to the {@link
 * SmsRules}.
 *
 * <p>Each text has variants, longest first: the full one names the site; the short one leaves the
 * site out (the email and the reminder emails carry it), for a site name too long to fit, or one
 * that breaks another rule (a site called "... Therapy Center"), or no site name at all. The first
 * variant that breaks no rule is sent; when none passes, rendering fails with an {@link
 * IllegalStateException} rather than sending a text that breaks a rule.
 *
 * <p>The constructor checks that the configured clinic name and phone leave room for the shortest
 * variant of every text in every language, with the longest date and time the calendar can produce,
 * so a clinic name that cannot fit stops the service at startup instead of failing message after
 * message.
 *
 * <p>Spanish texts are worded within the GSM-7 alphabet (no á, í, ó, ú; é, ñ, ¿ and ¡ are fine),
 * and dates in Spanish texts carry no weekday (sábado), so a Spanish SMS costs one segment like an
 * English one.
 */
public final class SmsTexts {

  /** The texts and their variants, longest first. */
  static final Map<String, List<String>> VARIANTS =
      Map.ofEntries(
          Map.entry(
              "booking-confirmation",
              List.of("booking-confirmation", "booking-confirmation.short")),
          Map.entry(
              "booking-rescheduled", List.of("booking-rescheduled", "booking-rescheduled.short")),
          Map.entry("booking-cancelled", List.of("booking-cancelled")),
          Map.entry(
              "appointment-reminder",
              List.of("appointment-reminder", "appointment-reminder.short")),
          // the preparation and after-care messages, for a patient with no email
          Map.entry("nsaid-pause", List.of("nsaid-pause")),
          Map.entry("follow-up-day-1", List.of("follow-up-day-1")),
          Map.entry("follow-up", List.of("follow-up")),
          // the answers to a patient's reply
          Map.entry("reply-confirmed", List.of("reply-confirmed")),
          Map.entry("reply-help", List.of("reply-help")),
          Map.entry("reply-opted-in", List.of("reply-opted-in")),
          // a waitlist offer, always with its link
          Map.entry("waitlist-offer", List.of("waitlist-offer")),
          // a questionnaire's invitation or reminder, always with its link
          Map.entry("outcome-survey", List.of("outcome-survey")));

  /** The bundle keys of the reminder's sentence, by days before the appointment. */
  public static final String REMINDER_TOMORROW = "sms.appointment-reminder.tomorrow";

  public static final String REMINDER_DAYS = "sms.appointment-reminder.days";

  /** The bundle keys of a questionnaire's sentence: the invitation, the reminder. */
  public static final String SURVEY_FIRST = "sms.outcome-survey";

  public static final String SURVEY_REMINDER = "sms.outcome-survey.reminder";

  /** The start of the dates and times the startup check tries. */
  private static final ZonedDateTime SAMPLE =
      ZonedDateTime.of(LocalDate.of(2026, 1, 1), LocalTime.MIDNIGHT, ZoneId.of("UTC"));

  private final MessageTemplates templates;
  private final ClinicProperties clinic;
  private final SmsRules rules;

  public SmsTexts(MessageTemplates templates, ClinicProperties clinic) {
    this.templates = templates;
    this.clinic = clinic;
    this.rules = new SmsRules(clinic);
    checkRoomForTheShortestTexts();
  }

  /**
   * The first variant of the text that breaks no rule.
   *
   * @param name a key of {@link #VARIANTS}
   * @throws IllegalStateException when even the shortest variant breaks a rule
   */
  public String render(String name, Locale locale, Map<String, Object> variables) {
    List<String> variants = VARIANTS.get(name);
    if (variants == null) {
      throw new IllegalArgumentException("no SMS text named " + name);
    }
    if (variables.get("site") == null && variants.size() > 1) {
      // the longer variants name the site; without one, only the short variant reads right
      variants = variants.subList(variants.size() - 1, variants.size());
    }
    String text = null;
    for (String variant : variants) {
      text = templates.renderSms(variant, locale, variables);
      if (rules.brokenRules(text).isEmpty()) {
        return text;
      }
    }
    try {
      return rules.requireValid(text);
    } catch (IllegalStateException broken) {
      throw new IllegalStateException(
          "SMS "
              + name
              + " ("
              + locale.getLanguage()
              + "): every variant breaks a rule; "
              + "the shortest: "
              + broken.getMessage(),
          broken);
    }
  }

  /**
   * The text with the patient's self-service link before its opt-out ending ("Confirm, change or
   * cancel: <link>"), for a patient whose only channel is SMS. The link is written as {@code
   * placeholder} and minted when the SMS is sent. The rules hold for the text without the link (160
   * characters, the clinic, the ending); the link makes it a two-part SMS, which carriers join into
   * one message.
   */
  public String withLink(String text, Locale locale, String placeholder) {
    return withLink(text, locale, placeholder, "sms.patientLink");
  }

  /**
   * As {@link #withLink(String, Locale, String)}, the link introduced by the bundle's {@code
   * linkKey} (a waitlist offer's "Accept or decline: <link>").
   */
  public String withLink(String text, Locale locale, String placeholder, String linkKey) {
    if (!text.endsWith(SmsRules.OPT_OUT)) {
      throw new IllegalArgumentException("an SMS text ends with the opt-out words");
    }
    String head = text.substring(0, text.length() - SmsRules.OPT_OUT.length()).stripTrailing();
    return head + " " + templates.message(linkKey, locale, placeholder) + " " + SmsRules.OPT_OUT;
  }

  /**
   * The variables every text shares: the clinic, and the appointment's date and time in the
   * patient's zone.
   */
  public Map<String, Object> variables(Locale locale, ZonedDateTime start, String site) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("clinicName", clinic.name());
    variables.put("clinicPhone", clinic.phone());
    variables.put("date", dateFormat(locale).format(start));
    variables.put("time", timeFormat(locale).format(start));
    variables.put("site", site);
    return variables;
  }

  /**
   * A short date for a text, from the bundle's pattern: {@code Tue, Mar 10}, {@code 10 de marzo}.
   */
  private DateTimeFormatter dateFormat(Locale locale) {
    return DateTimeFormatter.ofPattern(templates.message("sms.date.pattern", locale), locale);
  }

  /** A time for a text, from the bundle's pattern: {@code 10:00 AM}, {@code 10:00 a. m.}. */
  private DateTimeFormatter timeFormat(Locale locale) {
    return DateTimeFormatter.ofPattern(templates.message("sms.time.pattern", locale), locale);
  }

  private void checkRoomForTheShortestTexts() {
    List<String> problems = new ArrayList<>();
    for (Locale locale : List.of(Languages.ENGLISH, Languages.SPANISH)) {
      Map<String, Object> variables = new HashMap<>(variables(locale, SAMPLE, null));
      variables.put("date", longest(locale, true));
      variables.put("time", longest(locale, false));
      variables.put("daysBefore", 3);
      variables.put("weeks", 24);
      variables.put("holdUntil", longestHold(locale));
      for (Map.Entry<String, List<String>> text : VARIANTS.entrySet()) {
        String shortest = text.getValue().get(text.getValue().size() - 1);
        List<String> reminderKeys =
            switch (text.getKey()) {
              case "appointment-reminder" -> List.of(REMINDER_DAYS, REMINDER_TOMORROW);
              case "outcome-survey" -> List.of(SURVEY_FIRST, SURVEY_REMINDER);
              default -> List.of(REMINDER_DAYS);
            };
        variables.put("when", longestSurveyTimePoint(locale));
        for (String reminderKey : reminderKeys) {
          variables.put("reminderKey", reminderKey);
          variables.put("surveyKey", reminderKey);
          List<SmsRules.Rule> broken =
              rules.brokenRules(templates.renderSms(shortest, locale, variables));
          if (!broken.isEmpty()) {
            problems.add(
                shortest
                    + " ("
                    + locale.getLanguage()
                    + ") "
                    + broken.stream().map(SmsRules.Rule::description).distinct().toList());
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The clinic name (cellpath.clinic.name, CLINIC_NAME: "
              + clinic.name().length()
              + " characters) and phone (cellpath.clinic.phone, CLINIC_PHONE: "
              + clinic.phone().length()
              + " characters) leave no room for the shortest SMS texts, which must stay within "
              + SmsRules.MAX_LENGTH
              + " characters and name no clinical word: "
              + String.join(", ", problems)
              + ". Configure a shorter clinic name or phone.");
    }
  }

  /**
   * When an offer's hold ends, as a text writes it: {@code Tue, Mar 10 2:30 PM}, {@code 10/3 2:30
   * p. m.}.
   */
  public String holdUntil(Locale locale, ZonedDateTime end) {
    return DateTimeFormatter.ofPattern(templates.message("sms.hold.pattern", locale), locale)
        .format(end);
  }

  private String longestSurveyTimePoint(Locale locale) {
    return Arrays.stream(SurveyTimePoint.values())
        .map(point -> templates.message("sms.outcome-survey.when." + point.name(), locale))
        .max(Comparator.comparingInt(String::length))
        .orElseThrow();
  }

  private String longestHold(Locale locale) {
    return IntStream.range(0, 366 * 24)
        .mapToObj(i -> holdUntil(locale, SAMPLE.plusHours(i).plusMinutes(55)))
        .max(Comparator.comparingInt(String::length))
        .orElseThrow();
  }

  /**
   * The longest date (over a whole year) or time (over a whole day) the locale's pattern writes.
   */
  private String longest(Locale locale, boolean date) {
    DateTimeFormatter format = date ? dateFormat(locale) : timeFormat(locale);
    return IntStream.range(0, date ? 366 : 24 * 12)
        .mapToObj(i -> date ? SAMPLE.plusDays(i) : SAMPLE.plusMinutes(5L * i))
        .map(format::format)
        .max(Comparator.comparingInt(String::length))
        .orElseThrow();
  }
}
