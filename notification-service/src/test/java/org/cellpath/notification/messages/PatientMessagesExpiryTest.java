package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.sms.SmsOptOuts;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The expiry each queued message carries: reminders before a procedure have one, nothing else does.
 */
class PatientMessagesExpiryTest {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final String MADRID = "Europe/Madrid";

  /** 16:30 on 27 October at the Los Angeles site: 00:30 on the 28th in Madrid. */
  private static final Instant HARVEST =
      LocalDateTime.parse("2026-10-27T16:30:00").atZone(LOS_ANGELES).toInstant();

  private static final Instant NOW = Instant.parse("2026-10-10T16:00:00Z");

  private final NotificationStore queue = mock(NotificationStore.class);
  private final AppointmentPairs pairs = mock(AppointmentPairs.class);
  private final ClinicProperties clinic =
      new ClinicProperties("CellPath Foot & Ankle Clinic", "+1 555 010 0100", LOS_ANGELES);
  private final PatientMessages messages =
      new PatientMessages(
          new MessageComposer(
              new MessageTemplates(), clinic, new NotificationProperties(null, null, null)),
          queue,
          pairs,
          mock(SmsOptOuts.class),
          new NotificationProperties(null, null, null),
          clinic,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void eachReminderExpiresOnThePatientsLocalDaysNotTheSites() {
    when(pairs.advance(any(), any(), anyInt(), anyBoolean(), any())).thenReturn(true);

    messages.bookingConfirmed(booked(patient(true)));

    // Madrid's days (D = 28 October, daylight saving time over on the 25th), at 10:00 Madrid time;
    // the site's
    // days would have been a day earlier, at 10:00 Los Angeles time.
    assertThat(queued())
        .extracting(
            NewNotification::kind,
            NewNotification::channel,
            NewNotification::dueAt,
            NewNotification::expiresAt)
        .containsExactlyInAnyOrder(
            tuple(MessageKind.BOOKING_CONFIRMATION, ContactChannel.EMAIL, NOW, null),
            tuple(MessageKind.BOOKING_CONFIRMATION, ContactChannel.SMS, NOW, null),
            tuple(
                MessageKind.NSAID_PAUSE_REMINDER,
                ContactChannel.EMAIL,
                Instant.parse("2026-10-21T08:00:00Z"),
                Instant.parse("2026-10-25T09:00:00Z")),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                ContactChannel.SMS,
                Instant.parse("2026-10-25T09:00:00Z"),
                Instant.parse("2026-10-27T09:00:00Z")),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_1_DAY,
                ContactChannel.SMS,
                Instant.parse("2026-10-27T09:00:00Z"),
                HARVEST));
  }

  @Test
  void aRemindersEmailForAPatientWithoutSmsExpiresLikeItsSms() {
    when(pairs.advance(any(), any(), anyInt(), anyBoolean(), any())).thenReturn(true);

    messages.bookingConfirmed(booked(patient(false)));

    assertThat(queued())
        .filteredOn(message -> message.kind() == MessageKind.APPOINTMENT_REMINDER_1_DAY)
        .extracting(NewNotification::channel, NewNotification::expiresAt)
        .containsExactly(tuple(ContactChannel.EMAIL, HARVEST));
  }

  @Test
  void followUpsNeverExpire() {
    messages.appointmentCompleted(
        new AppointmentCompleted(
            UUID.randomUUID(),
            UUID.randomUUID(),
            NOW,
            UUID.randomUUID(),
            appointments().get(1),
            null,
            patient(true)));

    assertThat(queued()).hasSize(5).extracting(NewNotification::expiresAt).containsOnlyNulls();
  }

  private List<NewNotification> queued() {
    ArgumentCaptor<NewNotification> captor = ArgumentCaptor.forClass(NewNotification.class);
    verify(queue, atLeastOnce()).enqueue(captor.capture(), any());
    return captor.getAllValues();
  }

  private static PatientContact patient(boolean sms) {
    return new PatientContact(
        "Lucía",
        "Gómez",
        "lucia@example.org",
        "+34600000000",
        "es",
        sms ? ContactChannel.SMS : ContactChannel.EMAIL,
        sms,
        MADRID);
  }

  private static AppointmentPairBooked booked(PatientContact patient) {
    return new AppointmentPairBooked(
        UUID.randomUUID(), UUID.randomUUID(), NOW, UUID.randomUUID(), appointments(), patient);
  }

  private static List<Appointment> appointments() {
    Instant injection = HARVEST.plusSeconds(90 * 60);
    return List.of(
        new Appointment(
            UUID.randomUUID(),
            AppointmentKind.HARVEST,
            HARVEST,
            HARVEST.plusSeconds(45 * 60),
            LOS_ANGELES.getId(),
            "Dr. Maya Chen",
            "CellPath Pasadena",
            "100 Colorado Blvd, Pasadena, CA 91105",
            "Procedure 1"),
        new Appointment(
            UUID.randomUUID(),
            AppointmentKind.INJECTION,
            injection,
            injection.plusSeconds(30 * 60),
            LOS_ANGELES.getId(),
            "Dr. Maya Chen",
            "CellPath Pasadena",
            "100 Colorado Blvd, Pasadena, CA 91105",
            "Procedure 2"));
  }
}
