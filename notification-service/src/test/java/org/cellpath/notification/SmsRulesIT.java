package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.notification.ReminderEvents.SCHEDULING;
import static org.cellpath.notification.ReminderEvents.local;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.DeliveryStatus;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.testsupport.MutableClock;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS rules end to end, on a clock the test moves, against an HTTP server standing for the SMS
 * provider: SMS beside email, the 08:00-21:00 window in the patient's zone, one a day and three a
 * week (the rest by email), STOP through the provider's signed webhook, and the delivery log staff
 * read per patient.
 */
@Import(MutableClock.Config.class)
@TestPropertySource(
    properties = {
      // the clinic's rules (EmailFlowSupport lets SMS go at any hour)
      "cellpath.notifications.sms.window-start=08:00",
      "cellpath.notifications.sms.window-end=21:00"
    })
class SmsRulesIT extends EmailFlowSupport {

  private static final SmsProviderStub provider = SmsProviderStub.start();
  private static final MutableClock clock = MutableClock.SHARED;

  @Value("${local.server.port}")
  private int port;

  private final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void smsProvider(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @BeforeEach
  void morning() {
    clock.set(local("2026-12-01T09:00:00"));
  }

  @Test
  void aBookingIsConfirmedByEmailAndBySmsOnceHoweverOftenItArrives() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    AppointmentPairBooked booked = pair.booked("2026-12-15", clock.instant());

    publish(booked, SCHEDULING);
    publish(booked, SCHEDULING);

    awaitOneEmailTo(address);
    SmsProviderStub.Received sms = awaitOneSmsTo(phone);
    assertThat(sms.text())
        .contains("CellPath Foot & Ankle Clinic")
        .contains("+1 555 010 0100")
        .endsWith("Reply STOP to opt out");
    assertThat(sms.text().length()).isLessThanOrEqualTo(160);
    dispatcherHasLookedAtEverythingDue();
    assertThat(smsTo(phone)).hasSize(1);
    assertThat(emailsTo(address)).hasSize(1);
  }

  @Test
  void anSmsDueAfterNinePmWaitsUntilEightTheNextMorningInThePatientsZone() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    clock.set(local("2026-12-01T21:30:00"));

    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);

    awaitOneEmailTo(address);
    await()
        .atMost(WAIT)
        .until(
            () ->
                dueAt(pair.referralId(), MessageKind.BOOKING_CONFIRMATION, "SMS")
                    .equals(local("2026-12-02T08:00:00")));
    clock.set(local("2026-12-02T07:59:00"));
    dispatcherHasLookedAtEverythingDue();
    assertThat(smsTo(phone)).as("before 08:00").isEmpty();

    clock.set(local("2026-12-02T08:00:00"));
    awaitOneSmsTo(phone);
  }

  @Test
  void aSecondSmsOnOneDayGoesByEmailAndSoDoesAFourthInSevenDays() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    // Booked on the 5th for the 8th: the confirmation SMS goes on the 5th at 09:00, the 3-day
    // reminder is due the
    // same day at 10:00 (over the daily limit: by email), the 1-day one on the 7th (an SMS).
    clock.set(local("2026-12-05T09:00:00"));
    publish(pair.booked("2026-12-08", clock.instant()), SCHEDULING);
    awaitOneSmsTo(phone);

    clock.set(local("2026-12-05T10:00:00"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                status(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS, "EMAIL")
                    == DeliveryStatus.SENT);
    assertThat(closedReason(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS, "SMS"))
        .isEqualTo(ClosedReason.SMS_DAILY_LIMIT);
    assertThat(smsTo(phone)).hasSize(1);

    clock.set(local("2026-12-07T10:00:00"));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);

    // Moved twice more within the week: two more SMS (the 8th and the 9th), then the next reminder
    // is the fifth SMS
    // in seven days and goes by email.
    clock.set(local("2026-12-08T07:00:00"));
    publish(pair.rescheduled("2026-12-14", 1, clock.instant()), SCHEDULING);
    clock.set(local("2026-12-08T09:00:00"));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 3);
    clock.set(local("2026-12-09T09:00:00"));
    publish(pair.rescheduled("2026-12-14", 2, clock.instant()), SCHEDULING);
    await()
        .atMost(WAIT)
        .until(
            () ->
                smsTo(phone).size() == 3
                    && status(pair.referralId(), MessageKind.BOOKING_RESCHEDULED, "EMAIL", 2)
                        == DeliveryStatus.SENT);
    await()
        .atMost(WAIT)
        .until(
            () ->
                closedReason(pair.referralId(), MessageKind.BOOKING_RESCHEDULED, "SMS", 2)
                    == ClosedReason.SMS_WEEKLY_LIMIT);

    clock.set(local("2026-12-11T10:00:00"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                status(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS, "EMAIL", 2)
                    == DeliveryStatus.SENT);
    assertThat(closedReason(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS, "SMS", 2))
        .isEqualTo(ClosedReason.SMS_WEEKLY_LIMIT);
    assertThat(smsTo(phone)).as("never more than 3 in seven days").hasSize(3);
  }

  @Test
  void anSmsWhoseSendNeverFinishedCountsTowardTheNumbersDay() throws Exception {
    // Two patients booked before the sending window opens: their confirmation SMS wait for 08:00.
    String inDoubt = newPhone();
    String clear = newPhone();
    ReminderEvents first = new ReminderEvents(ReminderEvents.smsPatient(newAddress(), inDoubt));
    ReminderEvents second = new ReminderEvents(ReminderEvents.smsPatient(newAddress(), clear));
    clock.set(local("2026-12-20T07:00:00"));
    publish(first.booked("2026-12-28", clock.instant()), SCHEDULING);
    publish(second.booked("2026-12-28", clock.instant()), SCHEDULING);
    await()
        .atMost(WAIT)
        .until(
            () ->
                dueAt(first.referralId(), MessageKind.APPOINTMENT_REMINDER_1_DAY, "SMS")
                        .isAfter(Instant.EPOCH)
                    && dueAt(second.referralId(), MessageKind.APPOINTMENT_REMINDER_1_DAY, "SMS")
                        .isAfter(Instant.EPOCH));
    // What an instance that died after the provider accepted one of the first patient's SMS, and
    // before its sending transaction committed, leaves: the row written before the call.
    jdbc.sql(
            """
            insert into sms_in_doubt (notification_id, attempted_at)
            select id, ? from notification where referral_id = ? and kind = ? and channel = 'SMS'
            """)
        .param(clock.instant().atOffset(java.time.ZoneOffset.UTC))
        .param(first.referralId())
        .param(MessageKind.APPOINTMENT_REMINDER_1_DAY.name())
        .update();

    clock.set(local("2026-12-20T08:00:00"));
    await().atMost(WAIT).until(() -> smsTo(clear).size() == 1);
    await()
        .atMost(WAIT)
        .until(
            () ->
                status(first.referralId(), MessageKind.BOOKING_CONFIRMATION, "SMS")
                    != DeliveryStatus.PENDING);
    assertThat(closedReason(first.referralId(), MessageKind.BOOKING_CONFIRMATION, "SMS"))
        .as("the SMS in doubt fills the day")
        .isEqualTo(ClosedReason.SMS_DAILY_LIMIT);
    assertThat(smsTo(inDoubt)).isEmpty();
    assertThat(status(second.referralId(), MessageKind.BOOKING_CONFIRMATION, "SMS"))
        .isEqualTo(DeliveryStatus.SENT);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from sms_in_doubt d join notification n on n.id = d.notification_id
                    where n.referral_id = ?
                    """)
                .param(second.referralId())
                .query(Long.class)
                .single())
        .as("a send that finished leaves no doubt behind")
        .isZero();
  }

  @Test
  void stopOptsThePatientOutAtOnceAndTheRemindersGoByEmail() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    awaitOneSmsTo(phone);
    await()
        .atMost(WAIT)
        .until(
            () ->
                status(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_1_DAY, "SMS")
                    == DeliveryStatus.PENDING);

    JsonNode answer = reply(phone, "  Stop ");

    assertThat(answer.get("outcome").asString()).isEqualTo("OPTED_OUT");
    assertThat(answer.toString()).doesNotContain(phone);
    assertThat(closedReason(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS, "SMS"))
        .isEqualTo(ClosedReason.SMS_OPTED_OUT);
    assertThat(status(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_3_DAYS, "EMAIL"))
        .isEqualTo(DeliveryStatus.PENDING);

    // The NSAID pause, then the 3-day and the 1-day reminders by email, each on its day.
    clock.set(local("2026-12-08T10:00:00"));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 2);
    clock.set(local("2026-12-12T10:00:00"));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 3);
    clock.set(local("2026-12-14T10:00:00"));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 4);
    // Moved after the opt-out: the new times go by email only.
    clock.set(local("2026-12-14T11:00:00"));
    publish(pair.rescheduled("2026-12-29", 1, clock.instant()), SCHEDULING);
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 5);
    dispatcherHasLookedAtEverythingDue();
    assertThat(smsTo(phone)).as("only the confirmation, before STOP").hasSize(1);
    assertThat(rowCount(pair.referralId(), MessageKind.BOOKING_RESCHEDULED, "SMS")).isZero();
  }

  @Test
  void otherRepliesChangeNothingAndTheWebhookNeedsItsSignatureAndANumber() {
    String phone = newPhone();

    assertThat(reply(phone, "see you then").get("outcome").asString()).isEqualTo("IGNORED");

    var unsigned =
        http()
            .post()
            .uri("/api/sms/inbound")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"from\":\"" + phone + "\",\"text\":\"STOP\"}")
            .retrieve()
            .toEntity(String.class);
    assertThat(unsigned.getStatusCode().value()).isEqualTo(401);

    var badNumber =
        signedSmsReply("{\"from\":\"0044 20 7946\",\"text\":\"STOP\"}", clock.instant());
    assertThat(badNumber.getStatusCode().value()).isEqualTo(400);
    JsonNode problem = json.readTree(badNumber.getBody());
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("from");
    assertThat(badNumber.getBody()).doesNotContain("0044 20 7946");
    assertThat(
            jdbc.sql("select count(*) from sms_opt_out where phone = ?")
                .param(phone)
                .query(Long.class)
                .single())
        .as("neither the ignored reply nor the refused calls opted the number out")
        .isZero();
  }

  @Test
  void staffReadAPatientsDeliveryLogByTheirContactWithoutBodiesOrFullAddresses() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    awaitOneSmsTo(phone);
    awaitOneEmailTo(address);

    String body =
        RestClient.create("http://localhost:" + port)
            .post()
            .uri("/api/patients/notifications/search")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.scheduler()))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"mobilePhone\":\"" + phone + "\",\"email\":\"" + address + "\"}")
            .retrieve()
            .body(String.class);

    JsonNode entries = json.readTree(body).get("notifications");
    assertThat(entries)
        .extracting(
            entry ->
                entry.get("kind").asString()
                    + "/"
                    + entry.get("channel").asString()
                    + "/"
                    + entry.get("status").asString())
        .contains(
            "BOOKING_CONFIRMATION/EMAIL/SENT",
            "BOOKING_CONFIRMATION/SMS/SENT",
            "APPOINTMENT_REMINDER_3_DAYS/SMS/PENDING",
            "NSAID_PAUSE_REMINDER/EMAIL/PENDING");
    assertThat(entries)
        .allSatisfy(
            entry ->
                assertThat(entry.get("referralId").asString())
                    .isEqualTo(pair.referralId().toString()));
    assertThat(body)
        .doesNotContain(phone)
        .doesNotContain(address)
        .doesNotContain("Ana")
        .doesNotContain("Reply STOP");

    var empty =
        http()
            .post()
            .uri("/api/patients/notifications/search")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{}")
            .retrieve()
            .toEntity(String.class);
    assertThat(empty.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(empty.getBody()).get("errors"))
        .extracting(error -> error.get("field").asString())
        .containsExactlyInAnyOrder("email", "mobilePhone");
  }

  /**
   * A reply through the webhook, signed at the service's (moved) clock's now, as the provider
   * would.
   */
  private JsonNode reply(String phone, String text) {
    var answer =
        signedSmsReply("{\"from\":\"" + phone + "\",\"text\":\"" + text + "\"}", clock.instant());
    assertThat(answer.getStatusCode().value()).as("the webhook's answer").isEqualTo(200);
    return json.readTree(answer.getBody());
  }

  private SmsProviderStub.Received awaitOneSmsTo(String phone) {
    await().atMost(WAIT).until(() -> !smsTo(phone).isEmpty());
    List<SmsProviderStub.Received> to = smsTo(phone);
    assertThat(to).as("SMS to %s", phone).hasSize(1);
    return to.get(0);
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
    return "+1310" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  private Instant dueAt(UUID referralId, MessageKind kind, String channel) {
    return jdbc.sql(
            "select due_at from notification where referral_id = ? and kind = ? and channel = ?")
        .param(referralId)
        .param(kind.name())
        .param(channel)
        .query(OffsetDateTime.class)
        .optional()
        .map(OffsetDateTime::toInstant)
        .orElse(Instant.EPOCH);
  }

  private DeliveryStatus status(UUID referralId, MessageKind kind, String channel) {
    return status(referralId, kind, channel, 0);
  }

  private DeliveryStatus status(UUID referralId, MessageKind kind, String channel, int sequence) {
    return jdbc.sql(
            """
            select status from notification
            where referral_id = ? and kind = ? and channel = ? and coalesce(pair_sequence, 0) = ?
            """)
        .param(referralId)
        .param(kind.name())
        .param(channel)
        .param(sequence)
        .query(String.class)
        .optional()
        .map(DeliveryStatus::valueOf)
        .orElse(null);
  }

  private ClosedReason closedReason(UUID referralId, MessageKind kind, String channel) {
    return closedReason(referralId, kind, channel, 0);
  }

  private ClosedReason closedReason(
      UUID referralId, MessageKind kind, String channel, int sequence) {
    return jdbc.sql(
            """
            select closed_reason from notification
            where referral_id = ? and kind = ? and channel = ? and coalesce(pair_sequence, 0) = ?
                and closed_reason is not null
            """)
        .param(referralId)
        .param(kind.name())
        .param(channel)
        .param(sequence)
        .query(String.class)
        .optional()
        .map(ClosedReason::valueOf)
        .orElse(null);
  }

  private long rowCount(UUID referralId, MessageKind kind, String channel) {
    return jdbc.sql(
            "select count(*) from notification where referral_id = ? and kind = ? and channel = ?")
        .param(referralId)
        .param(kind.name())
        .param(channel)
        .query(Long.class)
        .single();
  }
}
