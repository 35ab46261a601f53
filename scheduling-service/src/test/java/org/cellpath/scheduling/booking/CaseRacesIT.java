package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.EventHeaders;
import org.cellpath.contracts.EventTypes;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.EventJson;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.testsupport.TopicReader;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Three things that may happen to one waitlisted case at the same moment, decided by no unique
 * constraint but by the order in which they lock the case: a scheduler books it by hand ({@code
 * POST /api/appointment-pairs}), the waitlist retries it, and its referral is withdrawn (the
 * referral-events consumer, called as the binder calls it). Whatever the order, the case ends
 * withdrawn with no live pair, and its events tell the story in order: a pair booked before the
 * withdrawal is cancelled after it was announced, and nothing is booked after the withdrawal.
 *
 * <p>The service's own waitlist worker is stopped, so that the retry runs exactly when the race
 * starts.
 */
@IntegrationTest
class CaseRacesIT {

  private static final int ROUNDS = 30;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired MessagingProperties messaging;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired ApplicationContext context;
  @Autowired BookingAppointmentPair booking;
  @Autowired RetryingWaitlist worker;

  @Autowired
  @Qualifier("referralEvents")
  Consumer<Message<byte[]>> referralEvents;

  private ExecutorService pool;
  private TopicReader schedulingEvents;

  @BeforeEach
  void setUp() {
    SchedulingFixtures.clearBookings(jdbc);
    pool = Executors.newFixedThreadPool(3);
    schedulingEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.SCHEDULING_EVENTS));
    worker.stop();
  }

  @AfterEach
  void tearDown() {
    worker.start();
    pool.shutdownNow();
    schedulingEvents.close();
  }

  @Test
  void aHandBookingAWaitlistRetryAndAWithdrawalOfOneCaseAlwaysEndWithdrawnAndAnnouncedInOrder()
      throws Exception {
    SchedulerApi api = SchedulerApi.asScheduler(port);
    SchedulerApi.TestClinic rooms = api.clinic("Dr Race", "Photo Finish");
    WaitlistedCases waitlist = new WaitlistedCases(context);
    List<UUID> referrals = new ArrayList<>();
    Map<String, Integer> winners = new TreeMap<>();
    Random jitter = new Random(20261207);
    for (int round = 0; round < ROUNDS; round++) {
      // The only pair that fits the case: on a day of its own, so that every round starts with free
      // slots.
      LocalDate day = earliestDay(clinic).plusDays(1 + round);
      UUID harvest = api.slot(rooms.clinician(), rooms.harvestRoom(), "HARVEST", day, "08:00", 45);
      UUID injection =
          api.slot(rooms.clinician(), rooms.injectionRoom(), "INJECTION", day, "09:15", 30);
      UUID referralId = waitlist.waitlisted(approval(CellSource.BONE_MARROW));
      referrals.add(referralId);
      // A scheduler of their own per round, so that the manual-booking rate limit stays out of the
      // race.
      SchedulerApi scheduler =
          new SchedulerApi(
              port, TestTokens.issuer().token("scheduler-race-" + round, null, "SCHEDULER"));
      Map<String, Object> chosen = new LinkedHashMap<>();
      chosen.put("referralId", referralId.toString());
      chosen.put("harvestSlotId", harvest.toString());
      chosen.put("injectionSlotId", injection.toString());

      // The HTTP request takes a few milliseconds longer to reach the case than the other two: they
      // start after a
      // random delay of up to 15 ms, so that over the rounds each of the three gets to the case
      // first.
      List<Object> outcomes =
          race(
              jitter,
              new Racer(0, () -> scheduler.post("/api/appointment-pairs", chosen).status()),
              new Racer(15, () -> booking.retryWaitlisted(referralId)),
              new Racer(
                  15,
                  () -> {
                    referralEvents.accept(withdrawalMessage(referralId));
                    return "withdrawn";
                  }));

      int status = (Integer) outcomes.get(0);
      assertThat(status).as("hand booking in round %d", round).isIn(201, 409);
      winners.merge(
          status == 201
              ? "hand booking"
              : Boolean.TRUE.equals(outcomes.get(1)) ? "waitlist retry" : "withdrawal",
          1,
          Integer::sum);
      assertThat(caseStatus(referralId)).as("case of round %d", round).isEqualTo("WITHDRAWN");
      assertThat(livePairs(referralId)).as("live pairs in round %d", round).isZero();
      assertThat(
              jdbc.sql(
                      "select count(*) from appointment where slot_id in (?, ?) and status <> 'CANCELLED'")
                  .param(harvest)
                  .param(injection)
                  .query(Long.class)
                  .single())
          .as("slots held in round %d", round)
          .isZero();
    }
    System.out.printf("CaseRacesIT: who had the case first, over %d rounds: %s%n", ROUNDS, winners);

    // The outbox in the order its rows were written, then the topic in partition order, for each
    // case.
    for (UUID referralId : referrals) {
      assertInOrder(
          referralId,
          jdbc.sql(
                  """
              select event_type, payload::text from outbox_event where message_key = ? order by id
              """)
              .param(referralId.toString())
              .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
              .list());
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from outbox_event where published_at is null")
                        .query(Long.class)
                        .single()
                    == 0);
    long written =
        jdbc.sql("select count(*) from outbox_event where message_key in (:keys)")
            .param("keys", referrals.stream().map(UUID::toString).toList())
            .query(Long.class)
            .single();
    await().atMost(WAIT).until(() -> onTopic(referrals).size() >= written);
    List<ConsumerRecord<byte[], byte[]>> published = onTopic(referrals);
    assertThat(published).as("records about the raced cases").hasSize((int) written);
    for (UUID referralId : referrals) {
      assertInOrder(
          referralId,
          published.stream()
              .filter(record -> referralId.toString().equals(TopicReader.key(record)))
              .sorted(Comparator.comparingLong(ConsumerRecord::offset))
              .map(
                  record ->
                      Map.entry(TopicReader.header(record, "ce_type"), TopicReader.value(record)))
              .toList());
    }
  }

  /**
   * The case's events, in order: nothing, or a booking followed by the cancellation of the same
   * pair, which is the last word (the withdrawal); never a booking without its cancellation, nor
   * one after it.
   */
  private static void assertInOrder(UUID referralId, List<Map.Entry<String, String>> events) {
    EventJson json = new EventJson();
    List<String> types = events.stream().map(Map.Entry::getKey).toList();
    assertThat(types)
        .as("events of %s", referralId)
        .isIn(List.of(), List.of("AppointmentPairBooked", "AppointmentPairCancelled"));
    if (!events.isEmpty()) {
      AppointmentPairBooked booked =
          json.read(
              events.get(0).getValue().getBytes(StandardCharsets.UTF_8),
              AppointmentPairBooked.class);
      AppointmentPairCancelled cancelled =
          json.read(
              events.get(1).getValue().getBytes(StandardCharsets.UTF_8),
              AppointmentPairCancelled.class);
      assertThat(cancelled.pairId())
          .as("pair cancelled for %s", referralId)
          .isEqualTo(booked.pairId());
      assertThat(cancelled.sequence()).isEqualTo(1);
    }
  }

  /**
   * One of the racing actions, started at most {@code maxDelayMillis} (at random) after the others.
   */
  private record Racer(int maxDelayMillis, Callable<Object> action) {}

  /**
   * Runs the actions at the same moment, one thread each (each after its random delay, a skew
   * between the racers rather than a wait for anything), and returns their results in the same
   * order.
   */
  private List<Object> race(Random jitter, Racer... racers) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Racer racer : racers) {
      long delayNanos =
          racer.maxDelayMillis() == 0
              ? 0
              : TimeUnit.MICROSECONDS.toNanos(jitter.nextInt(racer.maxDelayMillis() * 1000));
      futures.add(
          pool.submit(
              () -> {
                start.await();
                LockSupport.parkNanos(delayNanos);
                return racer.action().call();
              }));
    }
    start.countDown();
    List<Object> results = new ArrayList<>();
    for (Future<Object> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  /**
   * A ReferralWithdrawn record as the binder hands it to the consumer: JSON payload, CloudEvents
   * headers.
   */
  private static Message<byte[]> withdrawalMessage(UUID referralId) {
    ReferralWithdrawn withdrawn = SchedulingFixtures.withdrawal(referralId);
    return MessageBuilder.withPayload(
            new EventJson().write(withdrawn).getBytes(StandardCharsets.UTF_8))
        .setHeader(EventHeaders.ID, withdrawn.eventId().toString())
        .setHeader(EventHeaders.TYPE, EventTypes.typeOf(withdrawn))
        .setHeader(EventHeaders.SOURCE, "/cellpath/referral-service")
        .setHeader(EventHeaders.SUBJECT, referralId.toString())
        .build();
  }

  private List<ConsumerRecord<byte[], byte[]>> onTopic(List<UUID> referrals) {
    List<String> keys = referrals.stream().map(UUID::toString).toList();
    return schedulingEvents.records().stream()
        .filter(record -> keys.contains(TopicReader.key(record)))
        .toList();
  }

  private String caseStatus(UUID referralId) {
    return jdbc.sql("select status from scheduling_case where referral_id = ?")
        .param(referralId)
        .query(String.class)
        .single();
  }

  private long livePairs(UUID referralId) {
    return jdbc.sql(
            "select count(*) from appointment_pair where referral_id = ? and status = 'BOOKED'")
        .param(referralId)
        .query(Long.class)
        .single();
  }
}
