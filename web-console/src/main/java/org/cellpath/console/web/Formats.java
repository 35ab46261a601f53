package org.cellpath.console.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.cellpath.console.ConsoleProperties;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times for the pages ({@code ${@fmt.dateTime(...)}}): instants in the clinic's zone, in
 * the page's language.
 */
@Component("fmt")
public class Formats {

  private final ZoneId clinic;

  Formats(ConsoleProperties properties) {
    this.clinic = properties.clinicTimeZone();
  }

  public String dateTime(Instant instant) {
    return instant == null
        ? ""
        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale())
            .withZone(clinic)
            .format(instant);
  }

  public String date(LocalDate date) {
    return date == null
        ? ""
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
  }

  /** A day heading: weekday and date, such as "Mon, Dec 7, 2026". */
  public String day(LocalDate date) {
    return date == null ? "" : DateTimeFormatter.ofPattern("EEE d MMM", locale()).format(date);
  }

  public String time(LocalTime time) {
    return time == null ? "" : DateTimeFormatter.ofPattern("HH:mm").format(time);
  }

  /** An ISO date, for {@code <input type=date>} values and links. */
  public String iso(LocalDate date) {
    return date == null ? "" : date.toString();
  }

  public String zone() {
    return clinic.getId();
  }

  private static Locale locale() {
    return WebConfiguration.supported(LocaleContextHolder.getLocale());
  }
}
