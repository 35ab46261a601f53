package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.cellpath.console.api.ReferralApi;
import org.cellpath.console.api.ReferralApi.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The service's own timeline notes in the page's language; people's notes as they wrote them. */
class TimelineNotesTest {

  private static final Locale SPANISH = Locale.forLanguageTag("es");

  private final TimelineNotes notes = new TimelineNotes(messages());

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  private static TimelineEntry entry(String status, String note) {
    return new TimelineEntry(status, Instant.parse("2026-11-20T17:00:00Z"), note);
  }

  @Test
  void translatesTheNotesTheServiceWritesByTheirStatus() {
    assertThat(notes.text(entry("SCHEDULED", "Procedure booked"), SPANISH))
        .isEqualTo("Procedimiento reservado");
    assertThat(notes.text(entry("RESCHEDULED", "Procedure moved"), SPANISH))
        .isEqualTo("Procedimiento cambiado de fecha");
    assertThat(notes.text(entry("WITHDRAWN", "Withdrawn by the referring physician"), SPANISH))
        .isEqualTo("Retirada por el médico remitente");
    assertThat(notes.text(entry("INFO_REQUESTED", "Amended by the referring physician"), SPANISH))
        .isEqualTo("Modificada por el médico remitente");
  }

  @Test
  void translatesTheNotesWrittenUnderAnyStatusAndNamesTheTimeInTheSitesZone() {
    assertThat(notes.text(entry("SCHEDULED", "Patient confirmed attendance"), SPANISH))
        .isEqualTo("El paciente confirmó su asistencia");
    assertThat(notes.text(entry("RESCHEDULED", "Patient confirmed attendance"), SPANISH))
        .isEqualTo("El paciente confirmó su asistencia");
    assertThat(notes.text(entry("SCHEDULED", "Harvest completed"), SPANISH))
        .isEqualTo("Extracción realizada");

    ReferralApi.TimelineAppointment harvest =
        new ReferralApi.TimelineAppointment(
            "HARVEST",
            Instant.parse("2026-12-14T17:00:00Z"),
            Instant.parse("2026-12-14T18:00:00Z"),
            "America/Chicago",
            "Bayview Clinic",
            "1 Harbor Way",
            "Room 2",
            "Dr. Ana Ruiz");
    // 17:00 UTC is 11:00 in Chicago, the site's zone, whatever the clinic's or the reader's.
    assertThat(notes.when(harvest, Locale.ENGLISH))
        .isEqualTo("Monday, December 14, 2026, 11:00 AM CST");
    assertThat(notes.when(harvest, SPANISH)).startsWith("lunes 14 de diciembre de 2026, 11:00");
    assertThat(notes.place(harvest)).isEqualTo("Bayview Clinic, 1 Harbor Way, Room 2");
  }

  @Test
  void translatesTheCodeInANoteWithItsOwnLabel() {
    assertThat(notes.text(entry("UNDER_REVIEW", "Pre-screen: LIKELY_ELIGIBLE"), SPANISH))
        .isEqualTo("Preselección: Probablemente apto");
    assertThat(notes.text(entry("UNDER_REVIEW", "Pre-screen: LIKELY_ELIGIBLE"), Locale.ENGLISH))
        .isEqualTo("Pre-screen: Likely eligible");
    assertThat(notes.text(entry("APPROVED", "Approved for BONE_MARROW"), SPANISH))
        .isEqualTo("Fuente celular: Médula ósea (cadera)");
    assertThat(notes.text(entry("UNDER_REVIEW", "Pre-screen: A_NEW_RECOMMENDATION"), SPANISH))
        .isEqualTo("Preselección: A_NEW_RECOMMENDATION");
  }

  @Test
  void showsAReviewersNoteAsWrittenEvenWhenItReadsLikeOneOfTheServices() {
    assertThat(
            notes.text(
                entry("DECLINED", "Imaging shows a complete rupture: surgical repair first."),
                SPANISH))
        .isEqualTo("Imaging shows a complete rupture: surgical repair first.");
    assertThat(notes.text(entry("INFO_REQUESTED", "The MRI report of the last 6 months"), SPANISH))
        .isEqualTo("The MRI report of the last 6 months");
    assertThat(notes.text(entry("DECLINED", "Procedure booked"), SPANISH))
        .isEqualTo("Procedure booked");
    assertThat(notes.text(entry("SCHEDULED", "Procedure booked for Monday"), SPANISH))
        .isEqualTo("Procedure booked for Monday");
    assertThat(notes.text(entry("SUBMITTED", null), SPANISH)).isNull();
  }
}
