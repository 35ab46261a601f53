package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.scheduling.SchedulingFixtures.approval;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.utils.Utils;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulingApplication;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.planning.PairPlanner;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TopicReader;
import org.cellpath.time.ClinicTimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two scheduling-service instances (two application contexts in this JVM) share one database, one
 * topic prefix and one consumer group, as two replicas do in production. Approvals arrive on all
 * six partitions (three per instance), so both instances' consumers book at once, while schedulers
 * book waitlisted cases by hand through the second instance's API ({@code POST
 * /api/appointment-pairs}). The database alone decides who gets a slot: exactly as many pairs are
 * booked as the slots allow, no slot is held by two active appointments, every other case is
 * waitlisted, and every booking is announced exactly once on the scheduling-events topic.
 *
 * <p>Which booker wins which pair is left to the race; the assertions hold for every outcome.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesBookingIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REFERRAL_SERVICE = "/cellpath/referral-service";
  private static final String INBOX_NAME = "scheduling-referral-events";

  /** Pairs the slots allow: one harvest and one injection on each of this many days. */
  private static final int PAIRS = 3;

  /** Approvals published at once, spread evenly over the partitions. */
  private static final int APPROVALS = 12;

  /** Waitlisted cases schedulers book by hand through the second instance, at the same time. */
  private static final int MANUAL = 4;

  @LocalServerPort int port;
  @Autowired Environment environment;
  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired MeterRegistry meters;
  @Autowired SchedulingCases cases;
  @Autowired PairPlanner planner;
  @Autowired SlotReleases releases;
  @Autowired TransactionTemplate transactions;

  private ConfigurableApplicationContext second;
  private int secondPort;
  private String bootstrapServers;
  private ExecutorService pool;
  private TopicReader schedulingEvents;

  @BeforeAll
  void startSecondInstance() {
    bootstrapServers = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    // Command-line arguments outrank application.yml, so the second instance cannot fall back to
    // its own defaults.
    second =
        new SpringApplicationBuilder(SchedulingApplication.class)
            .run(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.datasource.url="
                    + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username="
                    + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password="
                    + environment.getRequiredProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.cloud.stream.kafka.binder.brokers=" + bootstrapServers,
                "--cellpath.messaging.topic-prefix="
                    + environment.getRequiredProperty("cellpath.messaging.topic-prefix"),
                // It trusts the same test token issuer, so the scheduler's token is accepted by
                // both instances.
                "--cellpath.security.jwt.jwk-set-uri="
                    + environment.getRequiredProperty("cellpath.security.jwt.jwk-set-uri"),
                "--cellpath.security.jwt.issuer="
                    + environment.getRequiredProperty("cellpath.security.jwt.issuer"),
                "--cellpath.security.jwt.audience="
                    + environment.getRequiredProperty("cellpath.security.jwt.audience"));
    secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @AfterAll
  void stopSecondInstance() {
    if (second != null) {
      second.close();
    }
  }

  @BeforeEach
  void setUp() {
    SchedulingFixtures.clearBookings(jdbc);
    pool = Executors.newFixedThreadPool(MANUAL + 1);
    schedulingEvents = new TopicReader(bootstrapServers, messaging.topic(Topics.SCHEDULING_EVENTS));
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    schedulingEvents.close();
  }

  @Test
  void twoInstancesRacingForThreePairsBookExactlyThreeAndAnnounceEachOnce() throws Exception {
    // The clinic, through the first instance: one harvest and one injection on each of three days,
    // so that exactly
    // three pairs exist (no harvest of one day fits an injection of another).
    SchedulerApi first = SchedulerApi.asScheduler(port);
    SchedulerApi other = SchedulerApi.asScheduler(secondPort);
    UUID clinician = first.clinician("Dr Twin");
    UUID site = first.site("Two instances " + UUID.randomUUID(), "America/Los_Angeles");
    UUID harvestRoom = first.room(site, "Harvest");
    UUID injectionRoom = first.room(site, "Injection");
    List<UUID[]> slotPairs = new ArrayList<>();
    for (int day = 0; day < PAIRS; day++) {
      LocalDate date = earliestDay(clinic).plusDays(3 + day);
      slotPairs.add(
          new UUID[] {
            first.slot(clinician, harvestRoom, "HARVEST", date, "08:00", 45),
            first.slot(clinician, injectionRoom, "INJECTION", date, "09:15", 30)
          });
    }
    Set<UUID> allSlots = slotPairs.stream().flatMap(Arrays::stream).collect(Collectors.toSet());

    // Cases schedulers will book by hand, already waitlisted. Written after the slots were added;
    // should a waitlist
    // round woken by those slots still book one, the assertions below allow it (it is one more
    // racing booker).
    List<UUID> manualCases = new ArrayList<>();
    for (int i = 0; i < MANUAL; i++) {
      manualCases.add(waitlistedCase());
    }

    // Both instances share the consumer group; wait until the six partitions are split between
    // them.
    int partitions = awaitBothInstancesAssigned();

    // Approvals keyed so that every partition gets the same number of them, hence both instances
    // get some.
    List<ReferralApproved> approvals = approvalsSpreadOver(partitions);
    double handledByFirst = handled(meters);
    double handledBySecond = handled(second.getBean(MeterRegistry.class));

    CountDownLatch start = new CountDownLatch(1);
    Future<?> publishing =
        pool.submit(
            () -> {
              start.await();
              List<CompletableFuture<?>> sends = new ArrayList<>();
              for (ReferralApproved approved : approvals) {
                sends.add(
                    cellpathKafkaTemplate.send(
                        EventRecords.of(approved, messaging, REFERRAL_SERVICE)));
              }
              CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
              return null;
            });
    // Warm the second instance's booking endpoint (an unknown referral: 404, nothing written) so
    // that the schedulers'
    // requests below are not slowed by a cold first request.
    assertThat(
            other
                .post(
                    "/api/appointment-pairs",
                    Map.of(
                        "referralId",
                        UUID.randomUUID().toString(),
                        "harvestSlotId",
                        slotPairs.get(0)[0].toString(),
                        "injectionSlotId",
                        slotPairs.get(0)[1].toString()))
                .status())
        .isEqualTo(404);
    List<Future<SchedulerApi.Reply>> manualBookings = new ArrayList<>();
    for (int i = 0; i < MANUAL; i++) {
      UUID referralId = manualCases.get(i);
      // Two schedulers book the first day's pair as the approvals are published; two more book the
      // second day's pair
      // once the consumers have started booking. The third day's pair is left to the consumers.
      boolean early = i % 2 == 0;
      UUID[] slots = slotPairs.get(early ? 0 : 1);
      manualBookings.add(
          pool.submit(
              () -> {
                start.await();
                if (!early) {
                  await()
                      .atMost(WAIT)
                      .pollInterval(Duration.ofMillis(5))
                      .until(
                          () ->
                              jdbc.sql("select count(*) from scheduling_case")
                                      .query(Long.class)
                                      .single()
                                  > MANUAL);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("referralId", referralId.toString());
                body.put("harvestSlotId", slots[0].toString());
                body.put("injectionSlotId", slots[1].toString());
                return other.post("/api/appointment-pairs", body);
              }));
    }
    start.countDown();
    publishing.get();
    List<Integer> manualStatuses = new ArrayList<>();
    List<String> manualDetails = new ArrayList<>();
    List<UUID> bookedByHand = new ArrayList<>();
    for (int i = 0; i < MANUAL; i++) {
      SchedulerApi.Reply reply = manualBookings.get(i).get();
      manualStatuses.add(reply.status());
      if (reply.status() == 201) {
        bookedByHand.add(manualCases.get(i));
      }
      manualDetails.add(
          reply.status()
              + (reply.status() == 201 ? "" : " " + reply.body().path("detail").asString()));
    }

    // Every approval handled: a case for each, booked or waitlisted.
    List<UUID> approvedReferrals = approvals.stream().map(ReferralApproved::referralId).toList();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statuses(approvedReferrals).values())
                    .hasSize(APPROVALS)
                    .allMatch(status -> status.equals("BOOKED") || status.equals("WAITLISTED")));

    System.out.printf(
        "TwoInstancesBookingIT: manual bookings %s; approvals handled by instance 1: %.0f, by instance 2:"
            + " %.0f; slots lost to another booker inside a booking: instance 1: %.0f, instance 2: %.0f%n",
        manualDetails,
        handled(meters) - handledByFirst,
        handled(second.getBean(MeterRegistry.class)) - handledBySecond,
        contended(meters),
        contended(second.getBean(MeterRegistry.class)));
    assertThat(manualStatuses)
        .as("manual bookings through the second instance")
        .allMatch(s -> s == 201 || s == 409);
    assertThat(handled(meters))
        .as("approvals handled by the first instance")
        .isGreaterThan(handledByFirst);
    assertThat(handled(second.getBean(MeterRegistry.class)))
        .as("approvals handled by the second instance")
        .isGreaterThan(handledBySecond);

    List<UUID> everyCase = new ArrayList<>(approvedReferrals);
    everyCase.addAll(manualCases);
    Map<UUID, String> statuses = statuses(everyCase);
    List<UUID> booked =
        statuses.entrySet().stream()
            .filter(e -> e.getValue().equals("BOOKED"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(booked).as("booked cases").hasSize(PAIRS);
    assertThat(statuses.values())
        .as("every other case waits")
        .filteredOn("WAITLISTED"::equals)
        .hasSize(APPROVALS + MANUAL - PAIRS);
    // Two schedulers per pair: at most one of them gets it.
    assertThat(bookedByHand)
        .as("cases booked by hand")
        .hasSizeLessThanOrEqualTo(2)
        .isSubsetOf(booked);

    assertThat(
            jdbc.sql("select count(*) from appointment_pair where status = 'BOOKED'")
                .query(Long.class)
                .single())
        .isEqualTo(PAIRS);
    assertThat(
            jdbc.sql(
                    """
            select slot_id from appointment where status <> 'CANCELLED' group by slot_id having count(*) > 1
            """)
                .query(UUID.class)
                .list())
        .as("slots held by two active appointments")
        .isEmpty();
    assertThat(
            jdbc.sql("select slot_id from appointment where status <> 'CANCELLED'")
                .query(UUID.class)
                .set())
        .as("every slot is held once")
        .isEqualTo(allSlots);
    for (UUID referralId : booked) {
      assertThat(
              jdbc.sql(
                      """
              select count(*) from appointment a join appointment_pair p on p.id = a.pair_id
              where p.referral_id = ? and p.status = 'BOOKED' and a.status <> 'CANCELLED'
              """)
                  .param(referralId)
                  .query(Long.class)
                  .single())
          .as("appointments of %s", referralId)
          .isEqualTo(2);
    }

    // Each booking announced exactly once on the shared scheduling-events topic, and nothing else
    // booked.
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select count(*) from outbox_event where published_at is null")
                        .query(Long.class)
                        .single()
                    == 0);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(bookedAnnouncements(everyCase).keySet())
                    .containsExactlyInAnyOrderElementsOf(
                        booked.stream().map(UUID::toString).toList()));
    for (int i = 0; i < 5; i++) {
      schedulingEvents
          .records(); // a few more polls: a duplicate would arrive right behind the first
    }
    assertThat(bookedAnnouncements(everyCase))
        .as("AppointmentPairBooked per referral")
        .containsOnlyKeys(booked.stream().map(UUID::toString).toList())
        .allSatisfy((referral, count) -> assertThat(count).as(referral).isEqualTo(1L));
  }

  /**
   * Waits until both instances' consumers are in the shared group, each holding part of the
   * partitions.
   */
  private int awaitBothInstancesAssigned() throws Exception {
    int consumersPerInstance =
        environment.getProperty(
            "spring.cloud.stream.default.consumer.concurrency", Integer.class, 1);
    String topic = messaging.topic(Topics.REFERRAL_EVENTS);
    String group =
        environment.getRequiredProperty("cellpath.messaging.topic-prefix") + "scheduling-service";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      assertThat(partitions).as("partitions of %s", topic).isGreaterThanOrEqualTo(2);
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                ConsumerGroupDescription description =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                // The group also holds the consumers of notification-events (SMS confirmations):
                // only those of the referral events count here.
                List<MemberDescription> members =
                    description.members().stream()
                        .filter(
                            member ->
                                member.assignment().topicPartitions().stream()
                                    .anyMatch(partition -> partition.topic().equals(topic)))
                        .toList();
                // Each instance runs one consumer per thread of the binding
                // (KAFKA_CONSUMER_CONCURRENCY).
                assertThat(members)
                    .as("members of %s reading %s", group, topic)
                    .hasSize(2 * consumersPerInstance);
                assertThat(
                        members.stream()
                            .mapToLong(
                                member ->
                                    member.assignment().topicPartitions().stream()
                                        .filter(partition -> partition.topic().equals(topic))
                                        .count())
                            .sum())
                    .isEqualTo(partitions);
              });
      return partitions;
    }
  }

  /**
   * {@link #APPROVALS} bone-marrow approvals whose keys the default partitioner spreads evenly over
   * the partitions.
   */
  private static List<ReferralApproved> approvalsSpreadOver(int partitions) {
    int perPartition = Math.max(1, APPROVALS / partitions);
    Map<Integer, Integer> counts = new HashMap<>();
    List<ReferralApproved> approvals = new ArrayList<>();
    while (approvals.size() < APPROVALS) {
      UUID referralId = UUID.randomUUID();
      byte[] key = referralId.toString().getBytes(StandardCharsets.UTF_8);
      int partition = Utils.toPositive(Utils.murmur2(key)) % partitions;
      boolean evenlyFilled =
          counts.values().stream().mapToInt(Integer::intValue).sum() >= perPartition * partitions;
      if (counts.getOrDefault(partition, 0) < perPartition || evenlyFilled) {
        counts.merge(partition, 1, Integer::sum);
        approvals.add(approval(referralId, CellSource.BONE_MARROW, SchedulingPreferences.any()));
      }
    }
    return approvals;
  }

  /**
   * A bone-marrow case already on the waitlist, as if its approval had found no slots earlier today
   * and a waitlist round had since tried it against the slots added (recorded as the release
   * generation it was tried against), so that a new approval does not give it a turn first: here it
   * is booked by hand, racing the consumers.
   */
  private UUID waitlistedCase() {
    ReferralApproved approved = approval(CellSource.BONE_MARROW);
    SchedulingCase opened =
        SchedulingCase.approved(
            approved.referralId(),
            approved.eventId(),
            approved.occurredAt(),
            approved.cellSource(),
            null,
            approved.preferences(),
            approved.patient());
    Instant now = Instant.now();
    transactions.executeWithoutResult(
        status -> {
          cases.insertIfAbsent(opened);
          cases.save(
              opened.waitlisted(planner.searchWindow(opened.planningRequest(), now), now),
              releases.generation());
        });
    return approved.referralId();
  }

  private Map<UUID, String> statuses(List<UUID> referralIds) {
    Map<UUID, String> statuses = new HashMap<>();
    jdbc
        .sql("select referral_id, status from scheduling_case")
        .query((row, i) -> Map.entry(row.getObject(1, UUID.class), row.getString(2)))
        .list()
        .stream()
        .filter(entry -> referralIds.contains(entry.getKey()))
        .forEach(entry -> statuses.put(entry.getKey(), entry.getValue()));
    return statuses;
  }

  /**
   * How many {@code AppointmentPairBooked} the scheduling-events topic holds about these referrals,
   * per referral. Other test classes of the same application context publish on the same topic
   * before this one.
   */
  private Map<String, Long> bookedAnnouncements(List<UUID> referrals) {
    Set<String> keys = referrals.stream().map(UUID::toString).collect(Collectors.toSet());
    return schedulingEvents.records().stream()
        .filter(record -> keys.contains(TopicReader.key(record)))
        .filter(record -> "AppointmentPairBooked".equals(TopicReader.header(record, "ce_type")))
        .collect(Collectors.groupingBy(TopicReader::key, Collectors.counting()));
  }

  private static double contended(MeterRegistry registry) {
    Counter counter = registry.find("cellpath.scheduling.slot.contended").counter();
    return counter == null ? 0 : counter.count();
  }

  private static double handled(MeterRegistry registry) {
    Counter counter =
        registry
            .find("cellpath.inbox.events")
            .tag("consumer", INBOX_NAME)
            .tag("type", "ReferralApproved")
            .tag("outcome", "handled")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
