package org.cellpath.console.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cellpath.console.api.ReferralApi;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The notes of a referral's timeline in the page's language ({@code ${@notes.text(entry)}}).
 * referral-service writes some notes itself, as English sentences beside the status they belong to;
 * the console translates those by status ({@code timelineNote.*} messages), and only when the
 * sentence is exactly the one it knows, so that a sentence the service changes is shown as the
 * service wrote it rather than mistranslated. Every other note (a reviewer's reason for a decline,
 * the items of an information request) is the person's own text and is shown as written.
 */
@Component("notes")
public class TimelineNotes {

  /**
   * A note referral-service writes itself.
   *
   * @param status the status of the entries it is written on; null for a note written under any
   * @param sentence the service's English sentence; where it carries a code, group 1 is that code
   * @param key the message that translates it; a code is its argument {0}
   * @param codeLabels the prefix of the code's own labels ({@code recommendation.}), or null for a
   *     sentence without
   */
  record Known(String status, Pattern sentence, String key, String codeLabels) {

    static Known exactly(String status, String sentence, String key) {
      return new Known(status, Pattern.compile(Pattern.quote(sentence)), key, null);
    }
  }

  /**
   * The sentences of ReviewingReferral, ChangingReferral, Referrals and
   * SchedulingEventsConfiguration.
   */
  static final List<Known> KNOWN =
      List.of(
          new Known(
              "UNDER_REVIEW",
              Pattern.compile("Pre-screen: ([A-Z_]+)"),
              "timelineNote.UNDER_REVIEW",
              "recommendation."),
          new Known(
              "APPROVED",
              Pattern.compile("Approved for ([A-Z_]+)"),
              "timelineNote.APPROVED",
              "cellSource."),
          Known.exactly(
              "INFO_REQUESTED", "Amended by the referring physician", "timelineNote.AMENDED"),
          Known.exactly("WAITLISTED", "Waiting for a fitting slot", "timelineNote.WAITLISTED"),
          Known.exactly("SCHEDULED", "Procedure booked", "timelineNote.SCHEDULED"),
          Known.exactly("RESCHEDULED", "Procedure moved", "timelineNote.RESCHEDULED"),
          Known.exactly("CANCELLED", "Procedure cancelled", "timelineNote.CANCELLED"),
          Known.exactly("COMPLETED", "Injection completed", "timelineNote.COMPLETED"),
          Known.exactly("NO_SHOW", "Patient did not attend", "timelineNote.NO_SHOW"),
          Known.exactly(
              "WITHDRAWN", "Withdrawn by the referring physician", "timelineNote.WITHDRAWN"),
          // The reason in English words; the console words it from the code in the entry's detail.
          new Known(
              "RETURNED", Pattern.compile("Returned to you: (.+)"), "timelineNote.RETURNED", null),
          // Written under whatever status the case has: they change none.
          Known.exactly(null, "Patient confirmed attendance", "timelineNote.CONFIRMED"),
          Known.exactly(null, "Harvest completed", "timelineNote.HARVEST_COMPLETED"));

  private final MessageSource messages;

  TimelineNotes(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * When an appointment starts, as its site reads it: the date and time in the site's zone (the
   * physician may be elsewhere), with the zone's short name, in the page's language.
   */
  public String when(ReferralApi.TimelineAppointment appointment) {
    return when(appointment, WebConfiguration.supported(LocaleContextHolder.getLocale()));
  }

  String when(ReferralApi.TimelineAppointment appointment, Locale locale) {
    if (appointment.startsAt() == null) {
      return "";
    }
    ZoneId zone = siteZone(appointment.timeZone());
    return DateTimeFormatter.ofPattern(
            "es".equals(locale.getLanguage())
                ? "EEEE d 'de' MMMM 'de' uuuu, HH:mm zzz"
                : "EEEE, MMMM d, uuuu, h:mm a zzz",
            locale)
        .withZone(zone)
        .format(appointment.startsAt());
  }

  /** Where: the site, its address and the room, as scheduling named them. */
  public String place(ReferralApi.TimelineAppointment appointment) {
    return Stream.of(appointment.siteName(), appointment.siteAddress(), appointment.roomName())
        .filter(part -> part != null && !part.isBlank())
        .collect(Collectors.joining(", "));
  }

  /** The site's zone; an unknown one (never expected) is shown in UTC rather than failing. */
  private static ZoneId siteZone(String timeZone) {
    try {
      return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
    } catch (DateTimeException unknown) {
      return ZoneOffset.UTC;
    }
  }

  /**
   * The entry's note in the page's language when the service wrote it, else as written; null
   * without a note.
   */
  public String text(ReferralApi.TimelineEntry entry) {
    return text(entry, WebConfiguration.supported(LocaleContextHolder.getLocale()));
  }

  String text(ReferralApi.TimelineEntry entry, Locale locale) {
    String note = entry.note();
    if (note == null) {
      return null;
    }
    ReferralApi.TimelineDetail detail = entry.detail();
    if ("RETURNED".equals(entry.status())
        && detail != null
        && "RETURNED".equals(detail.happening())
        && detail.returnReason() != null) {
      String reason =
          messages.getMessage(
              "returnReason." + detail.returnReason(), null, detail.returnReason(), locale);
      return messages.getMessage("timelineNote.RETURNED", new Object[] {reason}, note, locale);
    }
    for (Known known : KNOWN) {
      Matcher sentence = known.sentence().matcher(note);
      if ((known.status() == null || known.status().equals(entry.status())) && sentence.matches()) {
        Object[] code =
            known.codeLabels() == null
                ? (sentence.groupCount() > 0 ? new Object[] {sentence.group(1)} : null)
                : new Object[] {
                  messages.getMessage(
                      known.codeLabels() + sentence.group(1), null, sentence.group(1), locale)
                };
        return messages.getMessage(known.key(), code, note, locale);
      }
    }
    return note;
  }
}
