package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.notification.ReminderEvents.SCHEDULING;
import static org.cellpath.notification.ReminderEvents.local;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.messaging.EventRecords;
import org.cellpath.notification.SmsProviderStub.Answer;
import org.cellpath.notification.SmsProviderStub.Received;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.RecipientRole;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reschedule handled while a reminder for the old times is inside the SMS provider call ({@code
 * docs/domain.md §5}: earlier reminders for old times never go out after the reschedule). The
 * provider stub holds its answer until the test lets it go; the reschedule goes through the
 * service's own consumer of {@code scheduling-events} (inbox transaction included) on another
 * thread, so the test knows when it committed. One dispatcher thread, so that what it sends happens
 * in a known order.
 *
 * <p>What must hold: either the reminder reaches the provider and is recorded before the reschedule
 * takes effect (the reschedule waits for it), or it never reaches the provider; the new reminders
 * are queued once; and nothing written for the old times reaches the SMS provider or the SMTP
 * server after the reschedule committed.
 */
@Import(MutableClock.Config.class)
@TestPropertySource(
    properties = {
      "cellpath.notifications.dispatch.threads=1",
      // The provider's held answer must not meet the client's read timeout.
      "cellpath.notifications.sms-provider.read-timeout=2m"
    })
class RescheduleWhileSendingIT extends EmailFlowSupport {

  private static final SmsProviderStub provider = SmsProviderStub.start();
  private static final MutableClock clock = MutableClock.SHARED;

  /**
   * Long enough for the test to do everything while the answer is held; released by {@code
   * recover()}.
   */
  private static final Duration HELD = Duration.ofMinutes(2);

  @DynamicPropertySource
  static void smsProvider(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @Autowired private NotificationStore queue;
  @Autowired private TransactionTemplate transactions;

  @Autowired
  @Qualifier("schedulingEvents")
  private Consumer<Message<byte[]>> schedulingEvents;

  private final ExecutorService scheduler = Executors.newSingleThreadExecutor();

  @BeforeEach
  void morningOfTheBooking() {
    provider.reset();
    clock.set(local("2026-12-01T09:00:00"));
  }

  @AfterEach
  void stopScheduler() {
    provider.recover();
    scheduler.shutdownNow();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void aReminderTheProviderAcceptsWhileThePairIsRescheduledIsRecordedFirstAndNothingOldFollows()
      throws Exception {
    Story story = reminderInsideTheProviderCall(201);

    Future<?> reschedule = rescheduleMeanwhile(story);
    provider.recover();
    reschedule.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Set<String> deliveredBeforeTheRescheduleCommitted = delivered();

    assertThat(status(story, "APPOINTMENT_REMINDER_3_DAYS", "SMS", 0))
        .as("the reminder the provider accepted is recorded as sent, not cancelled")
        .isEqualTo("SENT");
    assertThat(status(story, "APPOINTMENT_REMINDER_1_DAY", "SMS", 0)).isEqualTo("CANCELLED");
    theNewRemindersAreQueuedOnce(story);
    nothingForTheOldTimesGoesOutAfter(story, deliveredBeforeTheRescheduleCommitted);
  }

  @Test
  void anSmsReminderGivenUpWhileThePairIsRescheduledLeavesNoEmailForTheOldTimes() throws Exception {
    // 422: the provider refuses the number for good; the reminder's email stands in for it, written
    // for the old times.
    Story story = reminderInsideTheProviderCall(422);

    Future<?> reschedule = rescheduleMeanwhile(story);
    provider.recover();
    reschedule.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Set<String> deliveredBeforeTheRescheduleCommitted = delivered();

    assertThat(status(story, "APPOINTMENT_REMINDER_3_DAYS", "SMS", 0)).isEqualTo("FAILED");
    theNewRemindersAreQueuedOnce(story);
    nothingForTheOldTimesGoesOutAfter(story, deliveredBeforeTheRescheduleCommitted);
    assertThat(
            jdbc.sql(
                    """
            select status from notification
            where referral_id = ? and kind = 'APPOINTMENT_REMINDER_3_DAYS' and channel = 'EMAIL' and pair_sequence = 0
            """)
                .param(story.pair.referralId())
                .query(String.class)
                .list())
        .as("the 3-day reminder's email for the old times")
        .containsExactly("CANCELLED");
  }

  @Test
  void aMessageForTheOldTimesQueuedAfterTheRescheduleIsCancelledWhenDueInsteadOfSent()
      throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));
    consume(pair.booked("2026-12-15", clock.instant()));
    // The confirmation goes out before the pair moves: a reschedule read first would rightly
    // supersede it, and this test is about a message written after the reschedule.
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 1);
    consume(pair.rescheduled("2026-12-22", 1, clock.instant()));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 2);
    UUID pairId =
        jdbc.sql(
                "select distinct pair_id from notification where referral_id = ? and pair_id is not null")
            .param(pair.referralId())
            .query(UUID.class)
            .single();

    // As an SMS's email stand-in written by a transaction that committed after the reschedule read
    // the queue (an
    // opt-out, say): a reminder for the old times, due now.
    UUID eventId = UUID.randomUUID();
    transactions.executeWithoutResult(
        status ->
            queue.enqueue(
                new NewNotification(
                    eventId,
                    pair.referralId(),
                    MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                    RecipientRole.PATIENT,
                    ContactChannel.EMAIL,
                    address,
                    "en",
                    new RenderedMessage("Reminder", "See you on December 15", null),
                    clock.instant(),
                    null,
                    new NewNotification.PairVersion(pairId, 0),
                    null),
                clock.instant()));

    await()
        .atMost(WAIT)
        .until(
            () ->
                "CANCELLED RESCHEDULED"
                    .equals(
                        jdbc.sql(
                                "select status || ' ' || coalesce(closed_reason, '') from notification where event_id = ?")
                            .param(eventId)
                            .query(String.class)
                            .single()));
    String canary = newAddress();
    publish(ReminderEvents.canary(canary, clock.instant()), "/cellpath/referral-service");
    awaitOneEmailTo(canary);
    assertThat(emailsTo(address)).as("confirmation and reschedule only").hasSize(2);
  }

  /**
   * The pair booked on 1 December for the 15th; on the 12th at 10:00 its 3-day SMS reminder is in
   * the provider, which holds its answer ({@code answer}) until {@code recover()}.
   */
  private Story reminderInsideTheProviderCall(int answer) throws Exception {
    String phone =
        "+1555"
            + String.format(
                "%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    consume(pair.booked("2026-12-15", clock.instant()));
    awaitOneEmailTo(address);
    provider.awaitAccepted(1, WAIT);

    provider.failNext(1, new Answer(answer, null, HELD));
    int callsBefore = provider.calls();
    clock.set(local("2026-12-12T10:00:00"));
    await().atMost(WAIT).until(() -> provider.calls() == callsBefore + 1);
    // Anything the dispatcher writes from here on as due "now" (a stand-in email) waits until the
    // test says so.
    clock.set(local("2026-12-12T09:00:00"));
    return new Story(pair);
  }

  /**
   * The reschedule to the 22nd, handled by the service's consumer on another thread while the
   * provider holds.
   */
  private Future<?> rescheduleMeanwhile(Story story) {
    Future<?> reschedule =
        scheduler.submit(() -> consume(story.pair.rescheduled("2026-12-22", 1, clock.instant())));
    // The reschedule's transaction waits for the sending one (a row lock) rather than overtaking
    // it.
    await().atMost(WAIT).until(() -> reschedule.isDone() || waitingForALock() > 0);
    assertThat(reschedule)
        .as("the reschedule waits while the old reminder is being sent")
        .isNotDone();
    return reschedule;
  }

  private void theNewRemindersAreQueuedOnce(Story story) {
    Map<String, Long> queued =
        jdbc
            .sql(
                """
            select kind || ' ' || channel from notification
            where referral_id = ? and pair_sequence = 1
                and (kind = 'NSAID_PAUSE_REMINDER' or kind like 'APPOINTMENT_REMINDER_%' and channel = 'SMS')
            """)
            .param(story.pair.referralId())
            .query(String.class)
            .list()
            .stream()
            .collect(Collectors.groupingBy(kind -> kind, Collectors.counting()));
    assertThat(queued)
        .isEqualTo(
            Map.of(
                "NSAID_PAUSE_REMINDER EMAIL",
                1L,
                "APPOINTMENT_REMINDER_3_DAYS SMS",
                1L,
                "APPOINTMENT_REMINDER_1_DAY SMS",
                1L));
  }

  /**
   * Past every old and new reminder time: what reaches a provider from now on is all for the new
   * times.
   */
  private void nothingForTheOldTimesGoesOutAfter(Story story, Set<String> before) throws Exception {
    clock.set(local("2026-12-21T10:00:00"));
    String canary = newAddress();
    publish(ReminderEvents.canary(canary, clock.instant()), "/cellpath/referral-service");
    awaitOneEmailTo(canary);
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                            """
            select count(*) from notification where referral_id = ? and status = 'PENDING' and due_at <= ?
            """)
                        .param(story.pair.referralId())
                        .param(clock.instant().atOffset(ZoneOffset.UTC))
                        .query(Long.class)
                        .single()
                    == 0);

    Set<String> after = delivered();
    after.removeAll(before);
    List<String> oldTimes =
        jdbc.sql(
                """
            select kind || ' ' || channel || ' ' || status from notification
            where referral_id = :referralId and pair_sequence < 1 and id::text in (:ids)
            """)
            .param("referralId", story.pair.referralId())
            .param("ids", after.isEmpty() ? Set.of("") : after)
            .query(String.class)
            .list();
    assertThat(oldTimes)
        .as("messages for the old times that reached a provider after the reschedule")
        .isEmpty();
    assertThat(after).as("the new times did go out").isNotEmpty();
  }

  /** The notification ids the SMS provider and the SMTP server have received so far. */
  private Set<String> delivered() throws Exception {
    Set<String> ids = new HashSet<>();
    provider.requests().stream().map(Received::reference).forEach(ids::add);
    for (MimeMessage email : smtp.getReceivedMessages()) {
      ids.add(email.getHeader("X-CellPath-Notification-Id", null));
    }
    return ids;
  }

  private String status(Story story, String kind, String channel, int sequence) {
    return jdbc.sql(
            """
            select status from notification
            where referral_id = ? and kind = ? and channel = ? and pair_sequence = ?
            """)
        .param(story.pair.referralId())
        .param(kind)
        .param(channel)
        .param(sequence)
        .query(String.class)
        .single();
  }

  private long waitingForALock() {
    return jdbc.sql(
            """
            select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
            """)
        .query(Long.class)
        .single();
  }

  /**
   * Hands the event to the service's consumer as the Kafka binder would: payload and CloudEvents
   * headers.
   */
  private void consume(CellPathEvent event) {
    ProducerRecord<byte[], byte[]> record = EventRecords.of(event, messaging, SCHEDULING);
    MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value());
    record.headers().forEach(header -> message.setHeader(header.key(), header.value()));
    schedulingEvents.accept(message.build());
  }

  private record Story(ReminderEvents pair) {}
}
