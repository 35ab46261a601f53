package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.cellpath.notification.ReminderEvents.SCHEDULING;
import static org.cellpath.notification.ReminderEvents.local;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.DeliveryStatus;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/**
 * Reminders and follow-ups on a clock the test moves: stored when their event arrives, sent when
 * due and not before, moved by a reschedule, dropped by a cancellation, never doubled by a replayed
 * event. Patients here take email only; the SMS side is in {@code SmsRulesIT}.
 */
@Import(MutableClock.Config.class)
class ReminderFlowIT extends EmailFlowSupport {

  private static final MutableClock clock = MutableClock.SHARED;

  /** When each test books: 2026-12-01 09:00 in Los Angeles. */
  private static final Instant BOOKED_AT = local("2026-12-01T09:00:00");

  @BeforeEach
  void startOfTheStory() {
    clock.set(BOOKED_AT);
  }

  @Test
  void storesTheRemindersWhenTheBookingArrivesAndSendsEachWhenDueAndNotBefore() throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));

    publish(pair.booked("2026-12-15", BOOKED_AT), SCHEDULING);

    awaitOneEmailTo(address);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(pending(pair.referralId()))
                    .containsExactly(
                        new Row(
                            MessageKind.NSAID_PAUSE_REMINDER,
                            "EMAIL",
                            DeliveryStatus.PENDING,
                            local("2026-12-08T10:00:00"),
                            null),
                        new Row(
                            MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                            "EMAIL",
                            DeliveryStatus.PENDING,
                            local("2026-12-12T10:00:00"),
                            null),
                        new Row(
                            MessageKind.APPOINTMENT_REMINDER_1_DAY,
                            "EMAIL",
                            DeliveryStatus.PENDING,
                            local("2026-12-14T10:00:00"),
                            null)));

    clock.set(local("2026-12-08T09:59:00"));
    dispatcherHasLookedAtEverythingDue();
    assertThat(emailsTo(address)).as("a minute before the NSAID reminder is due").hasSize(1);

    clock.set(local("2026-12-08T10:00:00"));
    // An email reaches the SMTP server just before the dispatcher commits SENT: wait for the row.
    await()
        .atMost(WAIT)
        .until(
            () ->
                status(pair.referralId(), MessageKind.NSAID_PAUSE_REMINDER) == DeliveryStatus.SENT);
    assertThat(emailsTo(address)).hasSize(2);
    assertThat(status(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS))
        .isEqualTo(DeliveryStatus.PENDING);

    clock.set(local("2026-12-12T10:00:00"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                status(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS)
                    == DeliveryStatus.SENT);
    clock.set(local("2026-12-14T10:00:00"));
    await()
        .atMost(WAIT)
        .until(() -> statuses(pair.referralId()).stream().allMatch(DeliveryStatus.SENT::equals));
    dispatcherHasLookedAtEverythingDue();
    assertThat(emailsTo(address)).as("confirmation and three reminders, each once").hasSize(4);
  }

  @Test
  void aRescheduleCancelsTheRemindersForTheOldTimesAndQueuesThemForTheNewOnes() throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));
    publish(pair.booked("2026-12-15", BOOKED_AT), SCHEDULING);
    await().atMost(WAIT).until(() -> pending(pair.referralId()).size() == 3);

    clock.set(local("2026-12-02T09:00:00"));
    publish(pair.rescheduled("2026-12-22", 1, clock.instant()), SCHEDULING);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(pending(pair.referralId()))
                    .containsExactly(
                        new Row(
                            MessageKind.NSAID_PAUSE_REMINDER,
                            "EMAIL",
                            DeliveryStatus.PENDING,
                            local("2026-12-15T10:00:00"),
                            null),
                        new Row(
                            MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                            "EMAIL",
                            DeliveryStatus.PENDING,
                            local("2026-12-19T10:00:00"),
                            null),
                        new Row(
                            MessageKind.APPOINTMENT_REMINDER_1_DAY,
                            "EMAIL",
                            DeliveryStatus.PENDING,
                            local("2026-12-21T10:00:00"),
                            null)));
    assertThat(closed(pair.referralId()))
        .extracting(Row::kind, Row::status, Row::closedReason)
        .containsExactly(
            tuple(
                MessageKind.NSAID_PAUSE_REMINDER,
                DeliveryStatus.CANCELLED,
                ClosedReason.RESCHEDULED),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                DeliveryStatus.CANCELLED,
                ClosedReason.RESCHEDULED),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_1_DAY,
                DeliveryStatus.CANCELLED,
                ClosedReason.RESCHEDULED));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 2);

    // Past every old reminder time, before the first new one: nothing goes out.
    clock.set(local("2026-12-14T12:00:00"));
    dispatcherHasLookedAtEverythingDue();
    assertThat(emailsTo(address)).as("confirmation and reschedule only").hasSize(2);

    // Each new reminder on its day (one whose day has passed unsent expires: ReminderExpiryIT).
    clock.set(local("2026-12-15T10:00:00"));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 3);
    clock.set(local("2026-12-19T10:00:00"));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 4);
    clock.set(local("2026-12-21T10:00:00"));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 5);
    MimeMessage dayBefore = emailsTo(address).get(4);
    assertThat(textOf(dayBefore, "text/plain"))
        .contains("December 22")
        .doesNotContain("December 15");
  }

  @Test
  void aCancellationDropsEveryReminderStillWaiting() throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));
    publish(pair.booked("2026-12-15", BOOKED_AT), SCHEDULING);
    await().atMost(WAIT).until(() -> pending(pair.referralId()).size() == 3);

    publish(pair.cancelled("2026-12-15", 1, BOOKED_AT.plusSeconds(60)), SCHEDULING);

    await().atMost(WAIT).until(() -> pending(pair.referralId()).isEmpty());
    assertThat(closed(pair.referralId()))
        .hasSize(3)
        .allSatisfy(
            row -> {
              assertThat(row.status()).isEqualTo(DeliveryStatus.CANCELLED);
              assertThat(row.closedReason()).isEqualTo(ClosedReason.PAIR_CANCELLED);
            });
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 2);

    clock.set(local("2026-12-16T12:00:00"));
    dispatcherHasLookedAtEverythingDue();
    assertThat(emailsTo(address)).as("confirmation and cancellation only").hasSize(2);
  }

  @Test
  void aRepeatedBookingOrAStaleOneReplayedAfterARescheduleQueuesNothingMore() throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));
    AppointmentPairBooked booked = pair.booked("2026-12-15", BOOKED_AT);
    publish(booked, SCHEDULING);
    publish(booked, SCHEDULING);
    publish(pair.rescheduled("2026-12-22", 1, BOOKED_AT.plusSeconds(60)), SCHEDULING);
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 2);

    // The same booking again under a new event id, as a replay from a dead-letter topic would bring
    // it.
    publish(pair.booked("2026-12-15", BOOKED_AT), SCHEDULING);
    dispatcherHasLookedAtEverythingDue();

    assertThat(kindsQueued(pair.referralId()))
        .containsExactlyInAnyOrder(
            MessageKind.BOOKING_CONFIRMATION,
            MessageKind.NSAID_PAUSE_REMINDER,
            MessageKind.APPOINTMENT_REMINDER_3_DAYS,
            MessageKind.APPOINTMENT_REMINDER_1_DAY,
            MessageKind.BOOKING_RESCHEDULED,
            MessageKind.NSAID_PAUSE_REMINDER,
            MessageKind.APPOINTMENT_REMINDER_3_DAYS,
            MessageKind.APPOINTMENT_REMINDER_1_DAY);
    assertThat(pending(pair.referralId()))
        .extracting(Row::dueAt)
        .allMatch(due -> due.isAfter(local("2026-12-15T00:00:00")), "due for the new times only");
    assertThat(emailsTo(address)).hasSize(2);
  }

  @Test
  void aCompletedInjectionStartsTheFollowUpSeries() throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));
    clock.set(local("2026-12-15T11:00:00"));

    publish(pair.injectionCompleted("2026-12-15", clock.instant()), SCHEDULING);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(pending(pair.referralId()))
                    .extracting(Row::kind, Row::dueAt)
                    .containsExactly(
                        tuple(MessageKind.FOLLOW_UP_DAY_1, local("2026-12-16T10:00:00")),
                        tuple(MessageKind.FOLLOW_UP_WEEK_2, local("2026-12-29T10:00:00")),
                        tuple(MessageKind.FOLLOW_UP_WEEK_6, local("2027-01-26T10:00:00")),
                        tuple(MessageKind.FOLLOW_UP_WEEK_12, local("2027-03-09T10:00:00")),
                        tuple(MessageKind.FOLLOW_UP_WEEK_24, local("2027-06-01T10:00:00"))));

    clock.set(local("2026-12-16T10:00:00"));
    MimeMessage checkIn = awaitOneEmailTo(address);
    assertThat(textOf(checkIn, "text/plain")).contains("+1 555 010 0100");
    assertThat(status(pair.referralId(), MessageKind.FOLLOW_UP_WEEK_2))
        .isEqualTo(DeliveryStatus.PENDING);
  }

  @Test
  void
      theConfirmationTheRescheduleAndTheCancellationCarryOneCalendarEntryPerAppointmentThatMovesThenEnds()
          throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));

    publish(pair.booked("2026-12-15", BOOKED_AT), SCHEDULING);
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 1);
    publish(pair.rescheduled("2026-12-22", 1, BOOKED_AT.plusSeconds(60)), SCHEDULING);
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 2);
    publish(pair.cancelled("2026-12-22", 2, BOOKED_AT.plusSeconds(120)), SCHEDULING);
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 3);

    List<Calendar> files = new ArrayList<>();
    for (MimeMessage email : emailsTo(address)) {
      files.add(calendarOf(email));
    }
    assertThat(files)
        .extracting(file -> file.getProperty(Property.METHOD).orElseThrow().getValue())
        .containsExactly("REQUEST", "REQUEST", "CANCEL");
    assertThat(files)
        .extracting(ReminderFlowIT::uids)
        .allSatisfy(uids -> assertThat(uids).isEqualTo(uids(files.get(0))).hasSize(2));
    assertThat(files)
        .extracting(
            file ->
                events(file).stream()
                    .map(event -> event.getProperty(Property.SEQUENCE).orElseThrow().getValue())
                    .distinct()
                    .toList())
        .containsExactly(List.of("0"), List.of("1"), List.of("2"));
    assertThat(Instant.from(events(files.get(0)).get(0).getDateTimeStart().getDate()))
        .isEqualTo(local("2026-12-15T08:30:00"));
    assertThat(Instant.from(events(files.get(1)).get(0).getDateTimeStart().getDate()))
        .isEqualTo(local("2026-12-22T08:30:00"));
    assertThat(events(files.get(2)))
        .allSatisfy(
            event ->
                assertThat(event.getProperty(Property.STATUS).orElseThrow().getValue())
                    .isEqualTo("CANCELLED"));
  }

  private static List<VEvent> events(Calendar file) {
    return file.getComponents(Component.VEVENT);
  }

  private static List<String> uids(Calendar file) {
    return events(file).stream()
        .map(event -> event.getProperty(Property.UID).orElseThrow().getValue())
        .toList();
  }

  /**
   * Queues a message due now for someone else and waits for it: the dispatcher takes due messages
   * oldest first, so once it is sent, every message that was due has been looked at.
   */
  private void dispatcherHasLookedAtEverythingDue() throws Exception {
    String canary = newAddress();
    publish(ReminderEvents.canary(canary, clock.instant()), "/cellpath/referral-service");
    awaitOneEmailTo(canary);
  }

  record Row(
      MessageKind kind,
      String channel,
      DeliveryStatus status,
      Instant dueAt,
      ClosedReason closedReason) {}

  private List<Row> rows(UUID referralId, String condition) {
    return jdbc.sql(
            """
            select kind, channel, status, due_at, closed_reason from notification
            where referral_id = :referralId and kind not in ('BOOKING_CONFIRMATION', 'BOOKING_RESCHEDULED',
                'BOOKING_CANCELLED') and %s
            order by due_at, kind
            """
                .formatted(condition))
        .param("referralId", referralId)
        .query(
            (rs, row) ->
                new Row(
                    MessageKind.valueOf(rs.getString("kind")),
                    rs.getString("channel"),
                    DeliveryStatus.valueOf(rs.getString("status")),
                    rs.getObject("due_at", OffsetDateTime.class).toInstant(),
                    rs.getString("closed_reason") == null
                        ? null
                        : ClosedReason.valueOf(rs.getString("closed_reason"))))
        .list();
  }

  private List<Row> pending(UUID referralId) {
    return rows(referralId, "status = 'PENDING'");
  }

  private List<Row> closed(UUID referralId) {
    return rows(referralId, "status in ('CANCELLED', 'SKIPPED')");
  }

  private List<DeliveryStatus> statuses(UUID referralId) {
    return rows(referralId, "true").stream().map(Row::status).toList();
  }

  private DeliveryStatus status(UUID referralId, MessageKind kind) {
    return DeliveryStatus.valueOf(
        jdbc.sql("select status from notification where referral_id = ? and kind = ?")
            .param(referralId)
            .param(kind.name())
            .query(String.class)
            .single());
  }

  private List<MessageKind> kindsQueued(UUID referralId) {
    return jdbc.sql(
            "select kind from notification where referral_id = ? and recipient_role = 'PATIENT'")
        .param(referralId)
        .query((rs, row) -> MessageKind.valueOf(rs.getString("kind")))
        .list();
  }
}
