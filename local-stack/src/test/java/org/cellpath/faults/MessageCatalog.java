package org.cellpath.faults;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what a message is by reading it as its recipient would: the subject of an email, the text
 * of an SMS, matched against the wording of notification-service's message bundles (English and
 * Spanish). The fault tests count what the outside world received by this, never by the ids the
 * product stamps on its messages.
 */
final class MessageCatalog {

  /** What a message is about: a patient message kind, or the physician's decision or milestone. */
  record Kind(String name) {
    static Kind of(String name) {
      return new Kind(name);
    }

    boolean isReminder() {
      return name.startsWith("APPOINTMENT_REMINDER") || name.equals("NSAID_PAUSE_REMINDER");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A recognised SMS: its kind and the appointment date and time it names, as written (time null if
   * none).
   */
  record SmsReading(Kind kind, String date, String time) {}

  /** The date and time a patient message names for its first appointment, as written. */
  record When(String date, String time) {}

  static final Locale ENGLISH = Locale.forLanguageTag("en-US");
  static final Locale SPANISH = Locale.forLanguageTag("es-US");
  private static final String SMS_SUFFIX = " Reply STOP to opt out";

  private final Map<Pattern, Kind> patientSubjects = new LinkedHashMap<>();
  private final Map<Pattern, Kind> physicianSubjects = new LinkedHashMap<>();

  /** SMS patterns with the positions of the date and the time among their arguments. */
  private final List<SmsPattern> smsPatterns = new ArrayList<>();

  /** {@code appointment.when} in each language: date, start, end. */
  private final List<Pattern> appointmentLines = new ArrayList<>();

  private final Map<Locale, Properties> patientBundles = new LinkedHashMap<>();

  private record SmsPattern(Pattern pattern, Kind kind, int dateArgument, int timeArgument) {}

  MessageCatalog(Path repoRoot) {
    Path mail = repoRoot.resolve("notification-service/src/main/resources/mail");
    patientBundles.put(ENGLISH, load(mail.resolve("messages_en.properties")));
    patientBundles.put(SPANISH, load(mail.resolve("messages_es.properties")));
    for (Properties bundle : patientBundles.values()) {
      patient(bundle, "referral-received.subject", "REFERRAL_RECEIVED");
      patient(bundle, "decision-approved.subject", "DECISION_APPROVED");
      patient(bundle, "decision-declined.subject", "DECISION_DECLINED");
      patient(bundle, "booking-confirmation.subject", "BOOKING_CONFIRMATION");
      patient(bundle, "booking-rescheduled.subject", "BOOKING_RESCHEDULED");
      patient(bundle, "booking-cancelled.subject", "BOOKING_CANCELLED");
      patient(bundle, "nsaid-pause-reminder.subject", "NSAID_PAUSE_REMINDER");
      patient(bundle, "appointment-reminder.subject.tomorrow", "APPOINTMENT_REMINDER_1_DAY");
      patient(bundle, "appointment-reminder.subject.days", "APPOINTMENT_REMINDER_3_DAYS");
      patient(bundle, "follow-up-day-1.subject", "FOLLOW_UP_DAY_1");
      patient(bundle, "waitlist-offer.subject", "WAITLIST_OFFER");
      patient(bundle, "outcome-survey.subject", "OUTCOME_SURVEY");
      patient(bundle, "outcome-survey.subject.reminder", "OUTCOME_SURVEY_REMINDER");
      // "Your {1}-week follow-up": the week is the kind.
      for (String weeks : List.of("2", "6", "12", "24")) {
        patientSubjects.put(
            Pattern.compile(
                regex(bundle.getProperty("follow-up.subject").replace("{1}", "'" + weeks + "'"))),
            Kind.of("FOLLOW_UP_WEEK_" + weeks));
      }
      sms(bundle, "sms.booking-confirmation", "BOOKING_CONFIRMATION", 1, 2);
      sms(bundle, "sms.booking-confirmation.short", "BOOKING_CONFIRMATION", 1, 2);
      sms(bundle, "sms.booking-rescheduled", "BOOKING_RESCHEDULED", 1, 2);
      sms(bundle, "sms.booking-rescheduled.short", "BOOKING_RESCHEDULED", 1, 2);
      sms(bundle, "sms.booking-cancelled", "BOOKING_CANCELLED", 1, -1);
      sms(bundle, "sms.appointment-reminder.tomorrow", "APPOINTMENT_REMINDER_1_DAY", 1, 2);
      sms(bundle, "sms.appointment-reminder.tomorrow.short", "APPOINTMENT_REMINDER_1_DAY", 1, 2);
      sms(bundle, "sms.appointment-reminder.days", "APPOINTMENT_REMINDER_3_DAYS", 1, 2);
      sms(bundle, "sms.appointment-reminder.days.short", "APPOINTMENT_REMINDER_3_DAYS", 1, 2);
      sms(bundle, "sms.waitlist-offer", "WAITLIST_OFFER", 1, 2);
      // A questionnaire's SMS always carries its link, after the text: "... Questionnaire: <link>".
      // The reminder first: the clinic's name in the first text's pattern would take "<clinic>
      // reminder" in.
      linkedSms(
          bundle, "sms.outcome-survey.reminder", "sms.surveyLink", "OUTCOME_SURVEY_REMINDER", 2);
      linkedSms(bundle, "sms.outcome-survey", "sms.surveyLink", "OUTCOME_SURVEY", 2);
      // A long date has commas of its own ("Tuesday, January 12, 2027"): the date takes all but the
      // last one.
      // A long date has commas of its own ("Tuesday, January 12, 2027"): the date takes all but the
      // last one, and
      // the start and end must read as times, so that no other sentence with a comma and a "to"
      // passes for the line.
      appointmentLines.add(
          Pattern.compile(
              "(?m)^\\s*"
                  + regex(bundle.getProperty("appointment.when"))
                      .replaceFirst("\\(\\?<a0>\\.\\+\\?\\)", "(?<a0>.+)")
                      .replaceFirst("\\(\\?<a1>\\.\\+\\?\\)", "(?<a1>\\\\d{1,2}[:.]\\\\d{2}[^,]*?)")
                      .replaceFirst("\\(\\?<a2>\\.\\+\\?\\)", "(?<a2>\\\\d{1,2}[:.]\\\\d{2}.*?)")
                  + "\\s*$"));
    }
    Properties physician = load(mail.resolve("physician_en.properties"));
    physician(physician, "physician-decision-approved.subject", "PHYSICIAN_DECISION:APPROVED");
    physician(physician, "physician-decision-declined.subject", "PHYSICIAN_DECISION:DECLINED");
    physician(physician, "physician-info-requested.subject", "PHYSICIAN_DECISION:INFO_REQUESTED");
    for (String status :
        List.of(
            "SCHEDULED",
            "RESCHEDULED",
            "WAITLISTED",
            "CANCELLED",
            "COMPLETED",
            "NO_SHOW",
            "OTHER")) {
      physician(
          physician, "physician-milestone.subject." + status, "PHYSICIAN_MILESTONE:" + status);
    }
  }

  /** The kind of a patient email by its subject. */
  Optional<Kind> patientEmail(String subject) {
    return match(patientSubjects, subject);
  }

  /** The kind of a physician email by its subject. */
  Optional<Kind> physicianEmail(String subject) {
    return match(physicianSubjects, subject);
  }

  /** The kind of an SMS and the date and time it names, by its text. */
  Optional<SmsReading> sms(String raw) {
    String text = spaces(raw);
    if (!text.endsWith(SMS_SUFFIX)) {
      return Optional.empty();
    }
    String body = text.substring(0, text.length() - SMS_SUFFIX.length());
    for (SmsPattern candidate : smsPatterns) {
      Matcher matcher = candidate.pattern().matcher(body);
      if (matcher.matches()) {
        return Optional.of(
            new SmsReading(
                candidate.kind(),
                matcher.group("a" + candidate.dateArgument()),
                candidate.timeArgument() < 0
                    ? null
                    : matcher.group("a" + candidate.timeArgument())));
      }
    }
    return Optional.empty();
  }

  /**
   * The first appointment line of a patient email's text ("Monday, March 9, 2026, 9:00 AM to 9:45
   * AM").
   */
  Optional<When> firstAppointment(String raw) {
    String text = spaces(raw);
    for (Pattern line : appointmentLines) {
      Matcher matcher = line.matcher(text);
      if (matcher.find()) {
        return Optional.of(new When(matcher.group("a0").strip(), matcher.group("a1").strip()));
      }
    }
    return Optional.empty();
  }

  /** How an SMS writes this instant for a patient of this language in this zone: date and time. */
  When smsWhen(Instant start, String language, ZoneId zone) {
    Locale locale = locale(language);
    Properties bundle = patientBundles.get(locale);
    DateTimeFormatter date =
        DateTimeFormatter.ofPattern(unquote(bundle.getProperty("sms.date.pattern")), locale);
    DateTimeFormatter time =
        DateTimeFormatter.ofPattern(unquote(bundle.getProperty("sms.time.pattern")), locale);
    return new When(
        spaces(date.format(start.atZone(zone))), spaces(time.format(start.atZone(zone))));
  }

  /**
   * How an email writes this instant for a patient of this language in this zone: date and time.
   */
  When emailWhen(Instant start, String language, ZoneId zone) {
    Locale locale = locale(language);
    return new When(
        spaces(
            DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(locale)
                .withZone(zone)
                .format(start)),
        spaces(
            DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone)
                .format(start)));
  }

  /**
   * Every kind of space as a plain one: locale data writes "a. m." and "9:00 AM" with no-break
   * spaces, and an SMS (GSM-7) carries plain ones.
   */
  static String spaces(String text) {
    return text.replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2009', ' ');
  }

  /**
   * An SMS text as CellPath would write it from the bundle's pattern (the fault tests plant such
   * texts).
   */
  String smsText(String key, String language, Object... arguments) {
    String pattern = patientBundles.get(locale(language)).getProperty(key);
    return new java.text.MessageFormat(pattern, locale(language)).format(arguments) + SMS_SUFFIX;
  }

  static Locale locale(String language) {
    return "es".equals(language) ? SPANISH : ENGLISH;
  }

  private void patient(Properties bundle, String key, String kind) {
    patientSubjects.put(Pattern.compile(regex(bundle.getProperty(key))), Kind.of(kind));
  }

  private void physician(Properties bundle, String key, String kind) {
    physicianSubjects.put(Pattern.compile(regex(bundle.getProperty(key))), Kind.of(kind));
  }

  private void sms(Properties bundle, String key, String kind, int dateArgument, int timeArgument) {
    smsPatterns.add(
        new SmsPattern(
            Pattern.compile(regex(bundle.getProperty(key))),
            Kind.of(kind),
            dateArgument,
            timeArgument));
  }

  /**
   * An SMS whose text is followed by a link the bundle introduces ({@code linkKey}, its link as
   * argument 0, read here as argument 9 so that it cannot clash with the text's own).
   */
  private void linkedSms(
      Properties bundle, String key, String linkKey, String kind, int dateArgument) {
    smsPatterns.add(
        new SmsPattern(
            Pattern.compile(
                regex(bundle.getProperty(key))
                    + Pattern.quote(" ")
                    + regex(bundle.getProperty(linkKey).replace("{0}", "{9}"))),
            Kind.of(kind),
            dateArgument,
            -1));
  }

  private static Optional<Kind> match(Map<Pattern, Kind> patterns, String text) {
    if (text == null) {
      return Optional.empty();
    }
    return patterns.entrySet().stream()
        .filter(entry -> entry.getKey().matcher(text).matches())
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * A {@code MessageFormat} pattern as a regular expression: each argument {@code {n}} a named
   * group {@code an} (the first occurrence; later ones must repeat it), literal text quoted, {@code
   * ''} an apostrophe.
   */
  static String regex(String messageFormat) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    java.util.Set<String> seen = new java.util.HashSet<>();
    boolean quoted = false;
    for (int i = 0; i < messageFormat.length(); i++) {
      char c = messageFormat.charAt(i);
      if (c == '\'') {
        if (i + 1 < messageFormat.length() && messageFormat.charAt(i + 1) == '\'') {
          literal.append('\'');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == '{' && !quoted) {
        int end = messageFormat.indexOf('}', i);
        String argument = messageFormat.substring(i + 1, end).split(",")[0].strip();
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        regex.append(seen.add(argument) ? "(?<a" + argument + ">.+?)" : "\\k<a" + argument + ">");
        i = end;
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return regex.toString();
  }

  /**
   * A bundle value as the service's MessageSource gives it (through MessageFormat): {@code ''} is
   * {@code '}.
   */
  private static String unquote(String value) {
    return value.replace("''", "'");
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
