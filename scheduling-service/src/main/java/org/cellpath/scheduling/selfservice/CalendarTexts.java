package org.cellpath.scheduling.selfservice;

import java.util.Locale;
import org.cellpath.contracts.AppointmentKind;
import org.jspecify.annotations.Nullable;

/**
 * The calendar file's texts in the patient's language, worded as notification-service's emails word
 * them (its mail/messages_*.properties: appointment.*, calendar.*), so that the file from the page
 * and the one from the email read alike.
 */
final class CalendarTexts {

  private static final Locale SPANISH = Locale.forLanguageTag("es");

  private CalendarTexts() {}

  static Locale locale(@Nullable String language) {
    return "es".equals(language) ? SPANISH : Locale.ENGLISH;
  }

  static String summary(AppointmentKind kind, String clinic, Locale locale) {
    boolean es = locale.equals(SPANISH);
    String name =
        switch (kind) {
          case HARVEST -> es ? "Cita de extracción" : "Collection appointment";
          case INJECTION -> es ? "Cita de inyección" : "Injection appointment";
        };
    return name + " – " + clinic;
  }

  static String description(
      @Nullable String clinician,
      String clinicName,
      String phone,
      boolean cancelled,
      Locale locale) {
    boolean es = locale.equals(SPANISH);
    String clinic = clinicName + (es ? " al " : " at ") + phone;
    if (cancelled) {
      return es
          ? "Esta cita está cancelada. ¿Tiene preguntas? Llame a " + clinic + "."
          : "This appointment is cancelled. Questions? Call " + clinic + ".";
    }
    if (clinician == null || clinician.isBlank()) {
      return es ? "¿Tiene preguntas? Llame a " + clinic + "." : "Questions? Call " + clinic + ".";
    }
    return es
        ? "Con " + clinician + ". ¿Tiene preguntas? Llame a " + clinic + "."
        : "With " + clinician + ". Questions? Call " + clinic + ".";
  }
}
