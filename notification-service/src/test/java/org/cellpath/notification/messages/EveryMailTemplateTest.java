package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every mail template, HTML and text, renders whole from the shared fragments: no unresolved
 * message key, fragment reference or template syntax is left in what a patient or physician would
 * read.
 */
class EveryMailTemplateTest {

  private static final Locale SPANISH = Locale.forLanguageTag("es-US");

  /** Template name and the bundle key of its subject. */
  private static final Map<String, String> PATIENT_TEMPLATES =
      Map.ofEntries(
          Map.entry("referral-received", "referral-received.subject"),
          Map.entry("decision-approved", "decision-approved.subject"),
          Map.entry("decision-declined", "decision-declined.subject"),
          Map.entry("booking-confirmation", "booking-confirmation.subject"),
          Map.entry("booking-rescheduled", "booking-rescheduled.subject"),
          Map.entry("booking-cancelled", "booking-cancelled.subject"),
          Map.entry("nsaid-pause-reminder", "nsaid-pause-reminder.subject"),
          Map.entry("appointment-reminder", "appointment-reminder.subject.days"),
          Map.entry("follow-up-day-1", "follow-up-day-1.subject"),
          Map.entry("follow-up", "follow-up.subject"),
          Map.entry("outcome-survey", "outcome-survey.subject.reminder"));

  private static final Map<String, String> PHYSICIAN_TEMPLATES =
      Map.ofEntries(
          Map.entry("physician-decision-approved", "physician-decision-approved.subject"),
          Map.entry("physician-decision-declined", "physician-decision-declined.subject"),
          Map.entry("physician-info-requested", "physician-info-requested.subject"),
          Map.entry("physician-milestone", "physician-milestone.subject.SCHEDULED"),
          Map.entry("physician-report-ready", "physician-report-ready.subject.FINAL"));

  private final MessageTemplates templates = new MessageTemplates();

  static Stream<Arguments> everyTemplate() {
    List<Arguments> cases = new ArrayList<>();
    for (boolean named : List.of(true, false)) {
      for (Locale locale : List.of(Locale.ENGLISH, SPANISH)) {
        PATIENT_TEMPLATES.forEach(
            (name, subjectKey) -> cases.add(Arguments.of(name, subjectKey, locale, named)));
      }
      PHYSICIAN_TEMPLATES.forEach(
          (name, subjectKey) -> cases.add(Arguments.of(name, subjectKey, Locale.ENGLISH, named)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {2} named={3}")
  @MethodSource("everyTemplate")
  void rendersWithNothingUnresolved(String name, String subjectKey, Locale locale, boolean named) {
    RenderedMessage message =
        templates.renderWithSubject(name, subjectKey, locale, variables(named), "CellPath", "3");

    assertThat(message.htmlBody())
        .startsWith("<!DOCTYPE html>")
        .contains("<title>" + message.subject() + "</title>")
        .contains("lang=\"" + locale.getLanguage() + "\"")
        .contains("+1 555 010 0100")
        .doesNotContain(" th:", "<th:", "~{", "::", "xmlns:th", "<!--", "fragment");
    assertThat(Stream.of(message.subject(), message.textBody(), message.htmlBody()))
        .allSatisfy(
            part ->
                assertThat(part).doesNotContain("??", "[(", "[#", "[/]", "${", "#{", "/*", "*/"));
    assertThat(message.textBody())
        .contains("+1 555 010 0100")
        .doesNotContain("~{", "::", "fragment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fragments", "fragments/signature"})
  void theSharedBlocksAreNotAMessage(String name) {
    assertThatThrownBy(
            () ->
                templates.renderWithSubject(
                    name, "referral-received.subject", Locale.ENGLISH, variables(true), "CellPath"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, Object> variables(boolean named) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("name", named ? "Ana" : null);
    variables.put("clinicName", "CellPath Foot & Ankle Clinic");
    variables.put("clinicPhone", "+1 555 010 0100");
    variables.put("zoneName", "Pacific Time");
    variables.put(
        "appointments",
        List.of(
            new AppointmentView(
                "appointment.HARVEST",
                "Tuesday, March 10, 2026",
                "9:00 AM",
                "9:45 AM",
                "CellPath Glendale",
                "Room 2",
                "200 Brand Blvd, Glendale, CA 91203",
                "Dr. Omar Haddad"),
            new AppointmentView(
                "appointment.INJECTION",
                "Tuesday, March 10, 2026",
                "1:00 PM",
                "2:00 PM",
                "CellPath Glendale",
                null,
                "200 Brand Blvd, Glendale, CA 91203",
                "Dr. Maya Chen")));
    variables.put("introKey", "appointment-reminder.intro.days");
    variables.put("daysBefore", 3);
    variables.put("nsaidStopDate", "Tuesday, March 3, 2026");
    variables.put("nsaidPauseDays", 7);
    variables.put("injectionDate", "Tuesday, March 10, 2026");
    variables.put("nsaidUntilDate", "Tuesday, April 7, 2026");
    variables.put("nsaidAfterWeeks", 4);
    variables.put("weeks", 6);
    variables.put("lastStage", true);
    variables.put("referralId", "R-1");
    variables.put("cellSourceKey", "physician-decision-approved.cellSource.BONE_MARROW");
    variables.put("reason", "Not a candidate.");
    variables.put("items", List.of("X-ray", "MRI"));
    variables.put("milestoneKey", "physician-milestone.SCHEDULED");
    variables.put("status", "SCHEDULED");
    variables.put("surveyIntroKey", "outcome-survey.intro.reminder");
    variables.put("when", "6 weeks after your injection");
    variables.put("minutes", 10);
    variables.put("closesAt", "Saturday, October 24, 2026, 10:00 AM");
    variables.put("surveyLink", "http://localhost:8084/q/token");
    variables.put("reportKey", "physician-report-ready.FINAL");
    variables.put("referralLink", "http://localhost:8084/physician/referrals/R-1");
    return variables;
  }
}
