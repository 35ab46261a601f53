package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.cellpath.notification.ReminderEvents.SCHEDULING;
import static org.cellpath.notification.ReminderEvents.local;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Reminders that come too late never go: the clock jumps days ahead (as after an outage of the
 * dispatcher or of a provider) and each reminder whose moment has passed is closed as EXPIRED
 * instead of reaching the SMTP server or the SMS provider. The NSAID pause expires when the 3-day
 * reminder is due, the 3-day reminder when the 1-day one is due, the 1-day reminder when the first
 * appointment starts.
 */
@Import(MutableClock.Config.class)
class ReminderExpiryIT extends EmailFlowSupport {

  private static final SmsProviderStub provider = SmsProviderStub.start();
  private static final MutableClock clock = MutableClock.SHARED;

  /**
   * When the first two tests book: 2026-12-01 09:00 in Los Angeles, 8 days before the pair of the
   * 9th.
   */
  private static final Instant BOOKED_AT = local("2026-12-01T09:00:00");

  private static final String DAY = "2026-12-09";
  private static final Instant HARVEST = local(DAY + "T08:30:00");

  @DynamicPropertySource
  static void smsProvider(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @BeforeEach
  void startOfTheStory() {
    clock.set(BOOKED_AT);
  }

  @Test
  void pastTheDayBeforeOnlyTheOneDayReminderGoesAndTheEarlierOnesAreClosedAsExpired()
      throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    publish(pair.booked(DAY, BOOKED_AT), SCHEDULING);
    awaitOneEmailTo(address);
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
    await().atMost(WAIT).until(() -> reminders(pair.referralId()).size() == 3);

    // The dispatcher was down from before the NSAID pause was due until after the day-before
    // reminder was due.
    clock.set(local("2026-12-08T18:00:00"));

    await()
        .atMost(WAIT)
        .until(
            () ->
                reminders(pair.referralId()).stream().noneMatch(r -> r.status().equals("PENDING")));
    dispatcherHasLookedAtEverythingDue();
    assertThat(emailsTo(address))
        .as("the confirmation only: the NSAID pause never went")
        .hasSize(1);
    assertThat(smsTo(phone)).as("the confirmation and the day-before reminder, once").hasSize(2);
    assertThat(smsTo(phone).get(1).text()).contains("see you tomorrow");
    assertThat(reminders(pair.referralId()))
        .extracting(Reminder::kind, Reminder::channel, Reminder::status, Reminder::closedReason)
        .containsExactly(
            tuple("NSAID_PAUSE_REMINDER", "EMAIL", "CANCELLED", "EXPIRED"),
            tuple("APPOINTMENT_REMINDER_3_DAYS", "SMS", "CANCELLED", "EXPIRED"),
            tuple("APPOINTMENT_REMINDER_1_DAY", "SMS", "SENT", null));
    JsonNode log = deliveryLog(pair.referralId()).get("notifications");
    assertThat(
            log.valueStream()
                .filter(entry -> "EXPIRED".equals(text(entry, "closedReason")))
                .map(
                    entry ->
                        text(entry, "kind")
                            + "/"
                            + text(entry, "channel")
                            + "/"
                            + text(entry, "status")))
        .containsExactlyInAnyOrder(
            "NSAID_PAUSE_REMINDER/EMAIL/CANCELLED", "APPOINTMENT_REMINDER_3_DAYS/SMS/CANCELLED");
    assertThat(expiries(pair.referralId()))
        .containsExactly(local("2026-12-06T10:00:00"), local("2026-12-08T10:00:00"), HARVEST);
  }

  @Test
  void onceTheAppointmentHasBegunNoReminderGoesOnAnyChannel() throws Exception {
    String phone = newPhone();
    String smsAddress = newAddress();
    String emailOnly = newAddress();
    ReminderEvents bySms = new ReminderEvents(ReminderEvents.smsPatient(smsAddress, phone));
    ReminderEvents byEmail = new ReminderEvents(ReminderEvents.emailOnlyPatient(emailOnly));
    publish(bySms.booked(DAY, BOOKED_AT), SCHEDULING);
    publish(byEmail.booked(DAY, BOOKED_AT), SCHEDULING);
    awaitOneEmailTo(smsAddress);
    awaitOneEmailTo(emailOnly);
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
    await()
        .atMost(WAIT)
        .until(
            () ->
                reminders(bySms.referralId()).size() == 3
                    && reminders(byEmail.referralId()).size() == 3);

    clock.set(HARVEST);

    await()
        .atMost(WAIT)
        .until(
            () ->
                reminders(bySms.referralId()).stream().noneMatch(r -> r.status().equals("PENDING"))
                    && reminders(byEmail.referralId()).stream()
                        .noneMatch(r -> r.status().equals("PENDING")));
    dispatcherHasLookedAtEverythingDue();
    assertThat(emailsTo(smsAddress)).as("the confirmation only").hasSize(1);
    assertThat(emailsTo(emailOnly)).as("the confirmation only").hasSize(1);
    assertThat(smsTo(phone)).as("the confirmation only").hasSize(1);
    assertThat(reminders(bySms.referralId()))
        .extracting(Reminder::channel, Reminder::status, Reminder::closedReason)
        .containsExactly(
            tuple("EMAIL", "CANCELLED", "EXPIRED"),
            tuple("SMS", "CANCELLED", "EXPIRED"),
            tuple("SMS", "CANCELLED", "EXPIRED"));
    assertThat(reminders(byEmail.referralId()))
        .extracting(Reminder::channel, Reminder::status, Reminder::closedReason)
        .containsOnly(tuple("EMAIL", "CANCELLED", "EXPIRED"))
        .hasSize(3);
  }

  @Test
  void anSmsReminderOverTheDailyLimitWhoseEmailCouldNotGoBeforeItsExpiryNeverGoes()
      throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    // Booked on the 5th at 09:00 for the 8th: the confirmation SMS uses the day's SMS, so the 3-day
    // reminder, due at
    // 10:00, goes by email; it expires on the 7th at 10:00, when the 1-day reminder is due.
    clock.set(local("2026-12-05T09:00:00"));
    publish(pair.booked("2026-12-08", clock.instant()), SCHEDULING);
    awaitOneEmailTo(address);
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);

    smtp.stop();
    clock.set(local("2026-12-05T10:00:00"));
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Reminder sms = reminder(pair.referralId(), "APPOINTMENT_REMINDER_3_DAYS", "SMS");
              return sms != null && "SMS_DAILY_LIMIT".equals(sms.closedReason());
            });
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Reminder standIn =
                  reminder(pair.referralId(), "APPOINTMENT_REMINDER_3_DAYS", "EMAIL");
              return standIn != null
                  && standIn.attempts() >= 1
                  && standIn.status().equals("PENDING");
            });
    smtp.start();
    // The SMTP server came back, but only once the reminder's moment had passed.
    clock.set(local("2026-12-07T10:00:00"));

    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
    dispatcherHasLookedAtEverythingDue();
    assertThat(subjectsTo(address))
        .as("the 3-day reminder never went")
        .noneMatch(subject -> subject.startsWith("Reminder"));
    assertThat(reminder(pair.referralId(), "APPOINTMENT_REMINDER_3_DAYS", "EMAIL"))
        .extracting(Reminder::status, Reminder::closedReason)
        .containsExactly("CANCELLED", "EXPIRED");
    assertThat(reminder(pair.referralId(), "APPOINTMENT_REMINDER_1_DAY", "SMS").status())
        .isEqualTo("SENT");
    assertThat(
            jdbc
                .sql(
                    """
            select expires_at from notification
            where referral_id = ? and kind = 'APPOINTMENT_REMINDER_3_DAYS'
            order by channel
            """)
                .param(pair.referralId())
                .query(OffsetDateTime.class)
                .list()
                .stream()
                .map(OffsetDateTime::toInstant))
        .as("the email stand-in expires when its SMS does")
        .containsExactly(local("2026-12-07T10:00:00"), local("2026-12-07T10:00:00"));
  }

  @Test
  void theEmailStandInsOfAnOptedOutPatientsSmsRemindersExpireWithThem() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    publish(pair.booked(DAY, BOOKED_AT), SCHEDULING);
    awaitOneEmailTo(address);
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 1);
    await().atMost(WAIT).until(() -> reminders(pair.referralId()).size() == 3);

    var stop = signedSmsReply("{\"from\":\"" + phone + "\",\"text\":\"STOP\"}", clock.instant());
    assertThat(stop.getStatusCode().value()).isEqualTo(200);
    assertThat(reminders(pair.referralId()))
        .extracting(Reminder::kind, Reminder::channel, Reminder::status)
        .contains(
            tuple("APPOINTMENT_REMINDER_3_DAYS", "EMAIL", "PENDING"),
            tuple("APPOINTMENT_REMINDER_1_DAY", "EMAIL", "PENDING"));
    clock.set(local("2026-12-08T18:00:00"));

    await()
        .atMost(WAIT)
        .until(
            () ->
                reminders(pair.referralId()).stream().noneMatch(r -> r.status().equals("PENDING")));
    dispatcherHasLookedAtEverythingDue();
    assertThat(subjectsTo(address))
        .containsExactly(
            "Your appointments at CellPath Foot & Ankle Clinic are booked",
            "Reminder: your appointment at CellPath Foot & Ankle Clinic is tomorrow");
    assertThat(reminders(pair.referralId()))
        .extracting(Reminder::kind, Reminder::channel, Reminder::status, Reminder::closedReason)
        .containsExactlyInAnyOrder(
            tuple("NSAID_PAUSE_REMINDER", "EMAIL", "CANCELLED", "EXPIRED"),
            tuple("APPOINTMENT_REMINDER_3_DAYS", "SMS", "SKIPPED", "SMS_OPTED_OUT"),
            tuple("APPOINTMENT_REMINDER_1_DAY", "SMS", "SKIPPED", "SMS_OPTED_OUT"),
            tuple("APPOINTMENT_REMINDER_3_DAYS", "EMAIL", "CANCELLED", "EXPIRED"),
            tuple("APPOINTMENT_REMINDER_1_DAY", "EMAIL", "SENT", null));
    assertThat(smsTo(phone)).as("the confirmation, before STOP").hasSize(1);
    assertThat(
            jdbc.sql(
                    """
            select count(*) from notification
            where referral_id = ? and kind in ('APPOINTMENT_REMINDER_3_DAYS', 'APPOINTMENT_REMINDER_1_DAY')
            group by kind, expires_at
            """)
                .param(pair.referralId())
                .query(Long.class)
                .list())
        .as("each stand-in expires with its SMS")
        .containsExactly(2L, 2L);
  }

  record Reminder(String kind, String channel, String status, String closedReason, int attempts) {}

  /** The reminders before the procedure (not the confirmation), by due time, then channel. */
  private List<Reminder> reminders(UUID referralId) {
    return jdbc.sql(
            """
            select kind, channel, status, closed_reason, attempts from notification
            where referral_id = ? and kind in ('NSAID_PAUSE_REMINDER', 'APPOINTMENT_REMINDER_3_DAYS',
                'APPOINTMENT_REMINDER_1_DAY')
            order by created_at, due_at, channel
            """)
        .param(referralId)
        .query(
            (rs, row) ->
                new Reminder(
                    rs.getString("kind"),
                    rs.getString("channel"),
                    rs.getString("status"),
                    rs.getString("closed_reason"),
                    rs.getInt("attempts")))
        .list();
  }

  private Reminder reminder(UUID referralId, String kind, String channel) {
    return reminders(referralId).stream()
        .filter(r -> r.kind().equals(kind) && r.channel().equals(channel))
        .findFirst()
        .orElse(null);
  }

  private List<Instant> expiries(UUID referralId) {
    return jdbc
        .sql(
            """
            select expires_at from notification
            where referral_id = ? and expires_at is not null
            order by expires_at
            """)
        .param(referralId)
        .query(OffsetDateTime.class)
        .list()
        .stream()
        .map(OffsetDateTime::toInstant)
        .toList();
  }

  private List<String> subjectsTo(String address) throws MessagingException {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage email : emailsTo(address)) {
      subjects.add(email.getSubject());
    }
    return subjects;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private List<SmsProviderStub.Received> smsTo(String phone) {
    return provider.accepted().stream().filter(sms -> phone.equals(sms.to())).toList();
  }

  /**
   * See {@code ReminderFlowIT}: once a message due now is sent, everything due has been looked at.
   */
  private void dispatcherHasLookedAtEverythingDue() throws Exception {
    String canary = newAddress();
    publish(ReminderEvents.canary(canary, clock.instant()), "/cellpath/referral-service");
    awaitOneEmailTo(canary);
  }

  private static String newPhone() {
    return "+1415" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }
}
