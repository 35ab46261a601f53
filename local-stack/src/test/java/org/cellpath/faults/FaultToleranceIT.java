package org.cellpath.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.cellpath.localstack.CellPathService;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Breaks CellPath on purpose while people use it, and counts what came of it where it was received
 * (ADR 14). One system for all scenarios: the three services as processes, a broker in its own
 * process and a PostgreSQL server the tests stop, kill and start, GreenMail, and an SMS provider
 * stub; the services run under their production rules (SMS hours and limits, the submission rate
 * limit, reminders at their hour) on a clock the tests move forward.
 *
 * <p>Each scenario submits referrals through the physician's API (a fifth of them need a clinician,
 * a tenth are for a harvest the seeded slots cannot hold), and while its fault is on, people act on
 * the cases submitted just before: reviewers approve, decline and ask for information, physicians
 * amend and withdraw, schedulers move, cancel and book by hand, patients reply STOP. Then it waits
 * for the system to come to rest and reconciles ({@link Reconciler}): every message the actions
 * must have caused against what the SMTP server and the SMS provider received, every action against
 * its event and its effect, and double booking from the topics and the database. The table goes to
 * {@code local-stack/target/faults/fault-report.md} and {@code .json}; docs/faults.md's fault table
 * is copied from it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

  private static final Duration SETTLE = Duration.ofMinutes(5);
  private static final Duration GIVE_UP = Duration.ofMinutes(4);

  /** How many referrals the bigger scenarios push through. */
  private static final int LOAD = Integer.getInteger("faults.referrals", 90);

  private static final int CLINICIANS = 6;

  /**
   * notification-service's dispatcher threads: a killed instance can have sent one message per
   * thread unrecorded.
   */
  private static final int DISPATCHER_THREADS = 8;

  /**
   * Most referrals are likely eligible; every tenth needs a clinician, and every tenth a longer
   * harvest.
   */
  private static final List<Cases.Path> MIX =
      List.of(
          Cases.Path.ELIGIBLE,
          Cases.Path.ELIGIBLE,
          Cases.Path.NEEDS_REVIEW,
          Cases.Path.ELIGIBLE,
          Cases.Path.ELIGIBLE,
          Cases.Path.ELIGIBLE,
          Cases.Path.ADIPOSE,
          Cases.Path.ELIGIBLE,
          Cases.Path.NEEDS_REVIEW,
          Cases.Path.ELIGIBLE);

  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");

  private static final String CANARY_NAME = "Quintessa Zephyrcanary";
  private static final String CANARY_EMAIL = "zephyr.canary@example.org";

  private static FaultSystem system;
  private static Reconciler reconciler;
  private static FaultReport report;
  private static ClinicSeed.Clinic clinic;
  private static final Cases cases = new Cases();
  private static final ActionLog log = new ActionLog();
  private static final ReferralLoad load = new ReferralLoad();
  private static Workflow workflow;
  private static final Set<String> poisonEventIds = ConcurrentHashMap.newKeySet();

  /**
   * Healthy records a scenario made fail on purpose and then replayed from their dead-letter topic.
   */
  private static final Set<String> replayedDeadLetters = ConcurrentHashMap.newKeySet();

  private static final HttpClient http = HttpClient.newHttpClient();

  /** Every case of every scenario, for the last reconciliation of all of them. */
  private static final List<Cases.Case> everything = new ArrayList<>();

  private static final List<ReferralLoad.Submission> everySubmission = new ArrayList<>();

  @BeforeAll
  static void startTheSystem() throws Exception {
    system = FaultSystem.forFaultTests();
    reconciler = new Reconciler(system, poisonEventIds, replayedDeadLetters, cases, log);
    report = new FaultReport(system.reportDirectory());
    workflow = new Workflow(system, log, cases);
    List<FaultSystem.Instance> first = new ArrayList<>();
    for (CellPathService service : CellPathService.values()) {
      first.add(system.addInstance(service));
    }
    system.start(first);
    clinic = ClinicSeed.seed(system, CLINICIANS, LocalDate.now(CLINIC));
  }

  @AfterAll
  static void stopTheSystem() {
    if (report != null) {
      System.out.println(report.table());
    }
    if (system != null) {
      system.close();
    }
  }

  // ================================================================================================ scenarios

  @Test
  @Order(1)
  void schedulingKilledWithReferralsInFlightBooksEachApprovedCaseOnce() throws Exception {
    Scenario s = new Scenario("1", "SIGKILL scheduling-service with referrals in flight");
    List<String> early = s.submitFirst(LOAD / 3);
    FaultSystem.Instance scheduling = system.first(CellPathService.SCHEDULING);
    long pairsBefore = pairs();
    CompletableFuture<List<ReferralLoad.Submission>> later = s.submitInBackground(LOAD * 2 / 3, 8);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> s.loadFailedOr(() -> pairs() - pairsBefore >= LOAD / 3));
    long inFlight = inFlight();
    system.kill(scheduling);
    long down = System.nanoTime();
    try {
      s.act(early);
    } finally {
      system.start(scheduling);
    }
    s.figure("referralsInFlightAtKill", inFlight)
        .figure("schedulingRestartSeconds", round(seconds(down)));
    s.join(later);
    s.finish(0);
  }

  @Test
  @Order(2)
  void notificationKilledWhileSendingSendsEveryMessageOnce() throws Exception {
    Scenario s = new Scenario("2", "SIGKILL notification-service while sending");
    List<String> early = s.submitFirst(LOAD / 3);
    FaultSystem.Instance notification = system.first(CellPathService.NOTIFICATION);
    int mailBefore = system.mailCount();
    CompletableFuture<List<ReferralLoad.Submission>> later = s.submitInBackground(LOAD * 2 / 3, 8);
    s.act(early);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> s.loadFailedOr(() -> system.mailCount() - mailBefore >= LOAD));
    s.figure("emailsBeforeKill", system.mailCount() - mailBefore);
    system.kill(notification);
    long down = System.nanoTime();
    system.start(notification);
    s.figure("notificationRestartSeconds", round(seconds(down)));
    s.join(later);
    // Each dispatcher thread sends one message at a time: a kill leaves at most one per thread sent
    // but unrecorded,
    // which goes again under the same identity (ADR 14).
    s.finish(DISPATCHER_THREADS);
  }

  @Test
  @Order(3)
  void brokerStoppedUnderLoadLosesNothing() throws Exception {
    Scenario s = new Scenario("3", "broker stopped 20 s under load");
    List<String> early = s.submitFirst(LOAD / 3);
    CompletableFuture<List<ReferralLoad.Submission>> later = s.submitInBackground(LOAD * 2 / 3, 4);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                s.loadFailedOr(() -> load.acknowledgedSoFar() >= s.acknowledgedBefore + LOAD / 2));
    system.stopBroker();
    long down = System.nanoTime();
    long[] backlogPeak = {0};
    try {
      s.act(early);
      // 20 s without a broker: submissions and people's actions are acknowledged (they need only
      // the database) and
      // pile up in the outboxes; every service stays up.
      await()
          .during(Duration.ofSeconds(20))
          .atMost(Duration.ofSeconds(40))
          .until(
              () -> {
                backlogPeak[0] = Math.max(backlogPeak[0], reconciler.outboxPending());
                return system.allAlive();
              });
    } finally {
      system.startBroker();
    }
    s.figure("brokerDownSeconds", round(seconds(down))).figure("outboxBacklogPeak", backlogPeak[0]);
    s.join(later);
    assertThat(backlogPeak[0])
        .as("events waiting in the outboxes while the broker was down")
        .isPositive();
    s.finish(0);
  }

  @Test
  @Order(4)
  void brokerKilledUnderLoadLosesNothing() throws Exception {
    Scenario s = new Scenario("3k", "broker SIGKILLed under load, started 10 s later");
    List<String> early = s.submitFirst(LOAD / 3);
    CompletableFuture<List<ReferralLoad.Submission>> later = s.submitInBackground(LOAD * 2 / 3, 4);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                s.loadFailedOr(() -> load.acknowledgedSoFar() >= s.acknowledgedBefore + LOAD / 2));
    system.killBroker();
    long down = System.nanoTime();
    try {
      s.act(early);
      await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).until(system::allAlive);
    } finally {
      system.startBroker();
    }
    s.figure("brokerDownSeconds", round(seconds(down)));
    s.join(later);
    s.finish(0);
  }

  @Test
  @Order(5)
  void databaseStoppedForThirtySecondsDeadLettersNothing() throws Exception {
    Scenario s = new Scenario("4", "PostgreSQL stopped 30 s under load");
    List<String> early = s.submitFirst(LOAD / 3);
    long deadLettersBefore = deadLetters();
    CompletableFuture<List<ReferralLoad.Submission>> later = s.submitInBackground(LOAD * 2 / 3, 4);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                s.loadFailedOr(() -> load.acknowledgedSoFar() >= s.acknowledgedBefore + LOAD / 3));
    system.stopDatabase();
    long down = System.nanoTime();
    try {
      // People keep trying while the database is away: they cannot read the cases, and what they
      // send is refused.
      s.act(early);
      await()
          .during(Duration.ofSeconds(20))
          .atMost(Duration.ofSeconds(45))
          .until(() -> deadLetters() == deadLettersBefore && system.allAlive());
    } finally {
      system.startDatabase();
    }
    s.figure("databaseDownSeconds", round(seconds(down)));
    s.countRefused(early);
    // Once it is back, while the services recover from the outage, the same people come back to the
    // cases they could
    // not act on, and act.
    s.act(
        early.stream()
            .filter(
                id ->
                    log.of(id).stream()
                        .noneMatch(a -> a.done() && a.act() != ActionLog.Act.SUBMITTED))
            .toList());
    s.join(later);
    assertThat(deadLetters())
        .as("records dead-lettered because of the outage")
        .isEqualTo(deadLettersBefore);
    // A message the provider accepted just as the database went away cannot be recorded SENT: it
    // goes again under
    // its identity, at most one per dispatcher thread (ADR 14).
    s.finish(DISPATCHER_THREADS);
  }

  @Test
  @Order(6)
  void databaseKilledMidTransactionLosesNothing() throws Exception {
    Scenario s = new Scenario("4k", "PostgreSQL postmaster SIGKILLed mid-transaction");
    List<String> early = s.submitFirst(LOAD / 3);
    long deadLettersBefore = deadLetters();
    CompletableFuture<List<ReferralLoad.Submission>> later = s.submitInBackground(LOAD * 2 / 3, 6);
    s.act(early);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                s.loadFailedOr(() -> load.acknowledgedSoFar() >= s.acknowledgedBefore + LOAD / 2));
    system.killDatabase();
    long down = System.nanoTime();
    try {
      await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).until(system::allAlive);
    } finally {
      system.startDatabase();
    }
    s.figure("databaseDownSeconds", round(seconds(down)));
    s.join(later);
    assertThat(deadLetters())
        .as("records dead-lettered because of the crash")
        .isEqualTo(deadLettersBefore);
    s.finish(DISPATCHER_THREADS);
  }

  @Test
  @Order(7)
  void poisonEventsAreDeadLetteredWithCleanHeadersAndTheirPartitionsKeepFlowing() throws Exception {
    Scenario s = new Scenario("5", "a poison event on each input topic");
    long deadLettersBefore = deadLetters();
    List<RecordMetadata> poisons = new ArrayList<>();
    poisons.add(poison("referral-events", "ReferralSubmitted"));
    poisons.add(poison("referral-events", "ReferralApproved"));
    poisons.add(poison("scheduling-events", "AppointmentPairBooked"));
    long poisoned = System.nanoTime();
    // ReferralSubmitted: referral-service and notification-service; ReferralApproved:
    // scheduling-service and
    // notification-service; AppointmentPairBooked: referral-service and notification-service.
    int expectedDeadLetters = 6;
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> deadLetters() - deadLettersBefore >= expectedDeadLetters);
    s.figure("allDeadLetteredWithinSeconds", round(seconds(poisoned)));
    List<String> early = s.submitFirst(LOAD / 4);
    s.act(early);
    List<Topics.TopicRecord> records = reconciler.topics().readAll();
    List<Topics.TopicRecord> deadLettered =
        records.stream()
            .filter(r -> r.deadLetter() && poisonEventIds.contains(r.eventId()))
            .toList();
    assertThat(deadLettered).hasSize(expectedDeadLetters);
    assertThat(deadLettered)
        .allSatisfy(
            r ->
                assertThat(r.headers().values())
                    .noneMatch(
                        value -> value.contains("Zephyrcanary") || value.contains(CANARY_EMAIL)));
    Reconciler.Result result = s.finish(0);
    List<Topics.TopicRecord> after = reconciler.topics().readAll();
    Set<String> ours = Set.copyOf(s.referralIds());
    for (RecordMetadata poison : poisons) {
      assertThat(
              after.stream()
                  .filter(
                      r ->
                          r.topic().equals(poison.topic())
                              && r.partition() == poison.partition()
                              && r.offset() > poison.offset()
                              && ours.contains(r.key()))
                  .count())
          .as(
              "records of this scenario after the poison on "
                  + poison.topic()
                  + "-"
                  + poison.partition())
          .isPositive();
    }
    assertThat(result.acknowledged()).isEqualTo(LOAD / 4);
  }

  @Test
  @Order(8)
  void replayingEveryTopicIntoFreshGroupsAndDeliveringEverythingTwiceChangesNothing()
      throws Exception {
    long started = System.nanoTime();
    new Scenario("6", "replay").settle();
    Map<String, String> before = DatabaseSnapshot.take(system);
    int mailBefore = system.mailCount();
    int smsBefore = system.sms().calls();
    long deadLettersBefore = deadLetters();
    system.stopAll();
    for (CellPathService service : CellPathService.values()) {
      for (String binding : List.of("referralEvents-in-0", "schedulingEvents-in-0")) {
        system.override(
            service,
            "spring.cloud.stream.bindings." + binding + ".group",
            "replay-" + service.serviceName());
      }
    }
    reconciler.consumerGroupPrefix("replay-");
    // Fresh consumer groups start from offset 0: every event is delivered a second time, and a copy
    // of every event is
    // appended to its partition: a third delivery.
    int copies = republishEverything();
    List<FaultSystem.Instance> restarted = new ArrayList<>();
    for (CellPathService service : CellPathService.values()) {
      restarted.add(system.first(service));
    }
    system.start(restarted);
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                reconciler
                            .topics()
                            .lag("replay-referral-service", "referral-events", "scheduling-events")
                        == 0
                    && reconciler.topics().lag("replay-scheduling-service", "referral-events") == 0
                    && reconciler
                            .topics()
                            .lag(
                                "replay-notification-service",
                                "referral-events",
                                "scheduling-events")
                        == 0);
    Map<String, String> after = DatabaseSnapshot.take(system);
    Reconciler.Result result = reconciler.reconcile(List.of(), List.of());
    boolean unchanged =
        before.equals(after)
            && system.mailCount() == mailBefore
            && system.sms().calls() == smsBefore;
    report.add(
        new FaultReport.Row(
            "6",
            "replay from offset 0 into fresh groups, every event twice more",
            result,
            0,
            Map.of(
                "tablesCompared",
                before.size(),
                "copiesAppended",
                copies,
                "emailsSent",
                system.mailCount() - mailBefore,
                "smsCalls",
                system.sms().calls() - smsBefore,
                "tablesChanged",
                DatabaseSnapshot.differences(before, after)),
            seconds(started),
            unchanged && result.clean()));
    assertThat(DatabaseSnapshot.differences(before, after)).as("tables that changed").isEmpty();
    assertThat(system.mailCount()).as("emails").isEqualTo(mailBefore);
    assertThat(system.sms().calls()).as("SMS provider calls").isEqualTo(smsBefore);
    assertThat(deadLetters() - deadLettersBefore)
        .as("only the poison records are dead-lettered again")
        .isEqualTo(6);
    assertThat(result.problems()).isEmpty();
  }

  @Test
  @Order(9)
  void twoInstancesOfEachWithOneOfEachKilledMidRunHaveExactlyOneEffectPerAction() throws Exception {
    Scenario s = new Scenario("7", "two instances each, one of each SIGKILLed mid-run");
    List<FaultSystem.Instance> second = new ArrayList<>();
    for (CellPathService service : CellPathService.values()) {
      second.add(system.addInstance(service));
    }
    system.start(second);
    List<String> early = s.submitFirst(LOAD / 3);
    long pairsBefore = pairs();
    CompletableFuture<List<ReferralLoad.Submission>> later = s.submitInBackground(LOAD * 2 / 3, 8);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> s.loadFailedOr(() -> pairs() - pairsBefore >= LOAD / 4));
    for (CellPathService service : CellPathService.values()) {
      system.kill(system.first(service));
    }
    s.act(early);
    s.join(later);
    s.finish(DISPATCHER_THREADS);
  }

  @Test
  @Order(10)
  void smsProviderDownForAMinuteOpensTheBreakerAndEverySmsGoesAfterwards() throws Exception {
    Scenario s = new Scenario("8", "SMS provider down 60 s");
    SmsProviderStub sms = system.sms();
    int callsBefore = sms.calls();
    sms.goDown();
    long down = System.nanoTime();
    double openAfter;
    int callsDuringOutage;
    double outage;
    try {
      List<String> early = s.submitFirst(LOAD / 3);
      s.act(early);
      FaultSystem.Instance notification =
          system.anyRunning(CellPathService.NOTIFICATION).orElseThrow();
      await().atMost(Duration.ofSeconds(60)).until(() -> breakerOpen(notification));
      openAfter = seconds(down);
      await()
          .during(Duration.ofSeconds(Math.max(1, 60 - Math.round(openAfter))))
          .atMost(Duration.ofSeconds(75))
          .until(() -> failedSms() == 0);
      callsDuringOutage = sms.calls() - callsBefore;
      outage = seconds(down);
    } finally {
      sms.comeBack();
    }
    // Calls before the breaker may open (minimum 10), then 3 half-open trials per 60 s open; up to
    // 3 attempts each
    // (notification-service's application.yml).
    int bound = (10 + 3 * ((int) Math.ceil(outage / 60) + 1)) * 3;
    s.figure("providerDownSeconds", round(outage))
        .figure("breakerOpenAfterSeconds", round(openAfter))
        .figure("providerCallsDuringOutage", callsDuringOutage)
        .figure("providerCallBound", bound);
    assertThat(callsDuringOutage).as("provider calls while it was down").isLessThanOrEqualTo(bound);
    s.finish(0);
  }

  @Test
  @Order(11)
  void smsProviderAnsweringAnAbsurdRetryAfterHoldsSmsNoLongerThanTheCap() throws Exception {
    Scenario s =
        new Scenario("9", "SMS provider answers 429 with Retry-After of 3,000 centuries for 15 s");
    system.sms().mode(SmsProviderStub.Mode.ABSURD_RETRY_AFTER);
    long refusedFrom = System.nanoTime();
    try {
      List<String> early = s.submitFirst(LOAD / 4);
      s.act(early);
      await().atMost(Duration.ofSeconds(40)).until(() -> system.sms().refusedCalls() > 0);
      await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(30)).until(system::allAlive);
    } finally {
      system.sms().comeBack();
    }
    long answering = System.nanoTime();
    s.settle();
    double deliveredWithin = seconds(answering);
    s.figure("refusedSeconds", round(seconds(refusedFrom)))
        .figure("refusedCalls", system.sms().refusedCalls())
        .figure("everySmsDeliveredWithinSeconds", round(deliveredWithin));
    assertThat(deliveredWithin)
        .as("seconds until every held SMS went, once the provider answered again")
        .isLessThan(FaultSystem.SMS_RETRY_AFTER_MAX.toSeconds() + 60);
    s.finish(0);
  }

  @Test
  @Order(12)
  void smtpServerThatAcceptsAndNeverAnswersDelaysEmailButLosesNone() throws Exception {
    Scenario s = new Scenario("10", "SMTP server accepts connections and never answers for 30 s");
    List<String> early = s.submitFirst(LOAD / 4);
    system.hangSmtp();
    long hung = System.nanoTime();
    CompletableFuture<List<ReferralLoad.Submission>> later;
    try {
      later = s.submitInBackground(LOAD / 4, 4);
      s.act(early);
      await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(45)).until(system::allAlive);
      s.figure("connectionsLeftHanging", system.silentSmtpConnections());
    } finally {
      system.answerSmtpAgain();
    }
    s.figure("smtpHungSeconds", round(seconds(hung)));
    s.join(later);
    s.finish(0);
  }

  @Test
  @Order(13)
  void aConsumerDownLongerThanTopicRetentionLosesNothingOnceTheOutboxIsPublishedAgain()
      throws Exception {
    Scenario s =
        new Scenario(
            "11",
            "notification-service down while retention deleted what it had not read; "
                + "the gap reported, the publishers' outboxes re-published");
    List<FaultSystem.Instance> notifications =
        system.instances(CellPathService.NOTIFICATION).stream().filter(system::isRunning).toList();
    Instant stoppedAt = Instant.now();
    notifications.forEach(system::stop);
    List<String> topics = List.of("referral-events", "scheduling-events");
    // The harness reads what is on the topics now, and keeps it: the earlier scenarios' records go
    // with the retention.
    reconciler.topics().readAll();
    // A retention of one second, segments rolled every second: what notification-service has not
    // read goes.
    retention(topics, Map.of("retention.ms", "1000", "segment.ms", "1000"));
    long deletedUnread;
    try {
      List<String> early = s.submitFirst(LOAD / 4);
      s.act(early);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> recordsDeletedUnread("notification-service", topics) > 0);
      deletedUnread = recordsDeletedUnread("notification-service", topics);
    } finally {
      retention(topics, null);
      system.start(notifications);
    }
    FaultSystem.Instance notification = notifications.get(0);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> health(notification, "consumerGaps").equals("DOWN"));
    // The runbook: re-publish what each publisher published since the consumer stopped, up to now.
    Instant to = Instant.now().plusSeconds(1);
    long republished = 0;
    for (Map.Entry<CellPathService, String> publisher :
        Map.of(
                CellPathService.REFERRAL,
                "referral-events",
                CellPathService.SCHEDULING,
                "scheduling-events")
            .entrySet()) {
      JsonNode answer =
          admin(
              "POST",
              system.url(publisher.getKey()).resolve("/actuator/outbox"),
              "{\"from\":\""
                  + stoppedAt.minusSeconds(1)
                  + "\",\"to\":\""
                  + to
                  + "\",\"topic\":\""
                  + publisher.getValue()
                  + "\",\"dryRun\":\"false\"}");
      republished += answer.path("requeued").asLong();
    }
    s.settle();
    s.figure("eventsRepublished", republished);
    JsonNode gaps =
        admin(
            "GET",
            system.url(CellPathService.NOTIFICATION).resolve("/actuator/consumergaps"),
            null);
    List<String> open = new ArrayList<>();
    gaps.path("open").forEach(gap -> open.add(gap.path("id").asString()));
    admin(
        "POST",
        system.url(CellPathService.NOTIFICATION).resolve("/actuator/consumergaps"),
        "{\"acknowledge\":\"" + String.join(",", open) + "\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> health(notification, "consumerGaps").equals("UP"));
    s.figure("recordsDeletedUnread", deletedUnread).figure("gapsReported", open.size());
    assertThat(open).as("gaps notification-service reported").isNotEmpty();
    assertThat(republished).as("events the runbook re-published").isPositive();
    s.finish(0);
  }

  @Test
  @Order(14)
  void anApprovalDeadLetteredThenWithdrawnThenReplayedBooksNothing() throws Exception {
    Scenario s =
        new Scenario(
            "12",
            "approvals dead-lettered by scheduling's database, two referrals withdrawn, "
                + "the approvals replayed");
    List<String> ids = s.submitFirst(s.make(6, List.of(Cases.Path.NEEDS_REVIEW), s.zone));
    List<String> refused = ids.subList(0, 3);
    sql(
        CellPathService.SCHEDULING,
        """
        create function plant_refuse() returns trigger language plpgsql as $$
        begin raise exception 'scheduling_case refused for the fault test'; end $$;
        create trigger plant_refuse before insert on scheduling_case for each row
          when (new.referral_id in ('%s', '%s', '%s')) execute function plant_refuse();
        """
            .formatted(refused.get(0), refused.get(1), refused.get(2)));
    try {
      for (String id : ids) {
        approveWhenOpen(id);
      }
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> deadLettered(refused).size() == refused.size());
      workflow.withdraw(refused.get(0));
      workflow.withdraw(refused.get(1));
      workflow.withdraw(ids.get(3));
    } finally {
      sql(
          CellPathService.SCHEDULING,
          "drop trigger plant_refuse on scheduling_case; drop function plant_refuse();");
    }
    List<String> eventIds = deadLettered(refused);
    // Made to fail on purpose (the database refused them): the replay below must apply each once.
    replayedDeadLetters.addAll(eventIds);
    URI deadLetters = system.url(CellPathService.SCHEDULING).resolve("/actuator/deadletters");
    JsonNode dryRun =
        admin(
            "POST",
            deadLetters,
            "{\"binding\":\"referralEvents-in-0\",\"eventIds\":\""
                + String.join(",", eventIds)
                + "\"}");
    JsonNode replay =
        admin(
            "POST",
            deadLetters,
            "{\"binding\":\"referralEvents-in-0\",\"eventIds\":\""
                + String.join(",", eventIds)
                + "\",\"dryRun\":\"false\"}");
    List<String> outcomes = new ArrayList<>();
    replay.path("results").forEach(result -> outcomes.add(result.path("outcome").asString()));
    s.figure("deadLettered", eventIds.size())
        .figure("dryRunListed", dryRun.path("records").size())
        .figure("replayOutcomes", outcomes);
    assertThat(outcomes)
        .as("each dead-lettered approval applied once by the replay")
        .hasSize(3)
        .containsOnly("HANDLED");
    Reconciler.Result result = s.finish(0);
    try (Connection db = system.database(CellPathService.SCHEDULING)) {
      assertThat(
              Reconciler.count(
                  db,
                  "select count(*) from scheduling_case where referral_id = any(?)",
                  List.of(UUID.fromString(refused.get(0)), UUID.fromString(refused.get(1)))))
          .as("cases opened for the withdrawn referrals by the replayed approvals")
          .isZero();
    }
    // The third approved referral was withdrawn after its pair was booked: the pair is cancelled,
    // not counted here.
    BookingTimeline timeline =
        new BookingTimeline(reconciler.topics().readAll(), "scheduling-events");
    assertThat(
            Stream.of(refused.get(2), ids.get(4), ids.get(5))
                .filter(
                    id ->
                        timeline.versionsOf(id).stream()
                            .anyMatch(v -> v.until() == null && !v.cancelled())))
        .as(
            "live pairs: the approval replayed for a referral still wanted, and the two approved ones not withdrawn")
        .hasSize(3);
    assertThat(result.pairsBooked()).as("pairs booked in all").isBetween(3, 4);
  }

  @Test
  @Order(15)
  void racesNoConstraintDecidesEndConsistently() throws Exception {
    Scenario s =
        new Scenario(
            "13",
            "races: hand booking, waitlist retry and withdrawal of one case; reschedules "
                + "while reminders fall due; two amendments at once");
    // (a) Fat-tissue cases wait for a 60-minute harvest. For each: slots that fit it are freed (the
    // waitlist worker
    // wakes), a scheduler books the case onto them by hand, and the physician withdraws it, all at
    // once.
    List<String> waiting = s.submitFirst(s.make(4, List.of(Cases.Path.ADIPOSE), s.zone));
    ClinicSeed.Clinician clinician = clinic.clinicians().get(CLINICIANS - 1);
    LocalDate day = nextWeekday(system.now().atZone(CLINIC).toLocalDate().plusDays(30));
    int raced = 0;
    for (String referralId : waiting) {
      day = nextWeekday(day.plusDays(1));
      List<String> slots = workflow.blockedAdiposeSlots(clinician, day);
      if (slots.size() < 2) {
        continue;
      }
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<CompletableFuture<?>> racing =
          List.of(
              CompletableFuture.runAsync(
                  () -> {
                    awaitLatch(start);
                    workflow.free(slots);
                  }),
              CompletableFuture.runAsync(
                  () -> {
                    awaitLatch(start);
                    workflow.bookByHand(referralId, slots);
                  }),
              CompletableFuture.runAsync(
                  () -> {
                    awaitLatch(start);
                    workflow.withdraw(referralId);
                  }));
      start.countDown();
      CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).join();
      raced++;
    }
    // (b) Reschedules while the three-day reminders of the pairs fall due: the clocks move to a
    // second before they
    // are due, and the scheduler moves the pairs at once.
    List<String> booked = s.submitFirst(s.make(12, List.of(Cases.Path.ELIGIBLE), s.zone));
    Optional<Instant> due =
        booked.stream()
            .map(id -> threeDayReminderDue(id))
            .filter(Optional::isPresent)
            .map(Optional::get)
            .filter(at -> at.isAfter(system.now().plusSeconds(60)))
            .min(Instant::compareTo);
    int moved = 0;
    if (due.isPresent()) {
      system.moveClocksForward(Duration.between(system.now(), due.get()).minusSeconds(1));
      for (String referralId : booked) {
        if (threeDayReminderDue(referralId).filter(at -> at.equals(due.get())).isPresent()) {
          workflow.reschedule(referralId);
          moved++;
        }
      }
    }
    // (c) Two answers to one information request, sent at once: one is taken, the other refused.
    List<String> asked = s.submitFirst(s.make(2, List.of(Cases.Path.NEEDS_REVIEW), s.zone));
    List<Integer> answers = new ArrayList<>();
    for (String referralId : asked) {
      workflow.requestInformation(referralId, awaitOpenReview(referralId));
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      CompletableFuture<ActionLog.Action> first =
          CompletableFuture.supplyAsync(
              () -> {
                awaitLatch(start);
                return workflow.amend(referralId, "Fault Practice (first answer)");
              });
      CompletableFuture<ActionLog.Action> second =
          CompletableFuture.supplyAsync(
              () -> {
                awaitLatch(start);
                return workflow.amend(referralId, "Fault Practice (second answer)");
              });
      start.countDown();
      answers.add(first.join().status());
      answers.add(second.join().status());
      s.amended.add(referralId);
    }
    s.figure("handBookingWaitlistWithdrawalRaces", raced)
        .figure("pairsMovedAsTheirReminderFellDue", moved)
        .figure("amendmentAnswers", answers);
    assertThat(answers.stream().filter(status -> status == 200 || status == 204).count())
        .as("amendments taken, one per information request")
        .isEqualTo(asked.size());
    s.finish(0);
  }

  @Test
  @Order(20)
  void timePassesRemindersFallDueAppointmentsAreAttendedAndFollowUpsGo() throws Exception {
    Scenario s =
        new Scenario("T", "clocks move 9 days, then 1: reminders fall due, attendance, follow-ups");
    long started = System.nanoTime();
    // Nine days on, the earliest pairs (approval + 7) lie in the past: schedulers record what
    // happened.
    system.moveClocksForward(Duration.ofDays(9));
    ClinicSeed.extend(
        system,
        clinic,
        system.now().atZone(CLINIC).toLocalDate().plusDays(1),
        system.now().atZone(CLINIC).toLocalDate().plusDays(60));
    int attended = 0;
    for (Cases.Case made : everything) {
      Optional<String> id = cases.referralOf(made);
      if (id.isEmpty() || made.path() == Cases.Path.ADIPOSE) {
        continue;
      }
      Optional<JsonNode> pair = workflow.livePair(id.get());
      if (pair.isEmpty() || lastEnd(pair.get()).isAfter(system.now())) {
        continue;
      }
      if (made.n() % 5 == 0) {
        workflow.attendance(id.get(), "HARVEST", false);
      } else {
        workflow.attendance(id.get(), "HARVEST", true);
        workflow.attendance(id.get(), "INJECTION", made.n() % 7 != 0);
      }
      attended++;
    }
    s.figure("pairsAttendedOrMissed", attended);
    s.settle();
    // A day later: the check-in after each injection is due.
    system.moveClocksForward(Duration.ofDays(1));
    s.figure("clockOffset", system.clockOffset().toString());
    s.settle();
    Reconciler.Result everythingSoFar = reconciler.reconcile(everySubmission, everything);
    report.add(
        new FaultReport.Row(
            "T",
            "every case of every scenario, after the clocks moved 10 days",
            everythingSoFar,
            everythingSoFar.resent(),
            s.figures,
            seconds(started),
            everythingSoFar.clean()));
    assertThat(attended).as("pairs whose day had passed").isPositive();
    assertThat(everythingSoFar.byKind())
        .containsKeys("FOLLOW_UP_DAY_1", "APPOINTMENT_REMINDER_1_DAY");
    assertThat(everythingSoFar.problems()).isEmpty();
  }

  /**
   * Every check of the reconciliation, shown able to fail: each planted defect is one the check
   * guards against, planted in the running system (a trigger, a dropped index, a forged event, a
   * message the provider did not get from CellPath), and the reconciliation after it must report it
   * under that check, on top of what it reported before.
   */
  @Test
  @Order(90)
  void everyCheckCatchesTheDefectPlantedForIt() throws Exception {
    Scenario s = new Scenario("P", "planted defects");
    List<Cases.Path> alternate = List.of(Cases.Path.ELIGIBLE, Cases.Path.NEEDS_REVIEW);
    List<Cases.Case> batch = new ArrayList<>(s.make(22, alternate, s.zone));
    batch.addAll(s.make(1, List.of(Cases.Path.ELIGIBLE), Cases.nightZone(system.now())));
    List<String> ids = s.submitFirst(batch);
    List<String> eligible =
        ids.stream()
            .filter(id -> cases.of(id).orElseThrow().path() == Cases.Path.ELIGIBLE)
            .filter(
                id ->
                    !cases
                        .of(id)
                        .orElseThrow()
                        .patient()
                        .zone()
                        .equals(batch.get(batch.size() - 1).patient().zone()))
            .toList();
    List<String> needsReview =
        ids.stream()
            .filter(id -> cases.of(id).orElseThrow().path() == Cases.Path.NEEDS_REVIEW)
            .toList();
    String night = cases.referralOf(batch.get(batch.size() - 1)).orElseThrow();
    String moved = eligible.get(0);
    String withdrawn = eligible.get(1);
    String stopped = eligible.get(2);
    workflow.reschedule(moved);
    workflow.withdraw(withdrawn);
    workflow.stop(cases.of(stopped).orElseThrow().patient().phone());
    s.settle();
    Plants plants = new Plants(s);
    assertThat(plants.last.problems()).as("the planted-defect scenario before any plant").isEmpty();

    // ---- messages
    plants.plant(
        "a notification is recorded SENT without being sent",
        Reconciler.LOST_MESSAGE,
        () -> {
          sql(
              CellPathService.NOTIFICATION,
              """
          create function plant_born_sent() returns trigger language plpgsql as $$
          begin new.status := 'SENT'; new.sent_at := now(); return new; end $$;
          create trigger plant_born_sent before insert on notification for each row
            when (new.referral_id = '%s' and new.kind = 'DECISION_APPROVED') execute function plant_born_sent();
          """
                  .formatted(needsReview.get(0)));
          approveWhenOpen(needsReview.get(0));
        },
        () ->
            sql(
                CellPathService.NOTIFICATION,
                "drop trigger plant_born_sent on notification; "
                    + "drop function plant_born_sent();"));
    plants.expectAlso(Reconciler.DELIVERY_LOG);
    plants.plant(
        "a message is queued twice (as if the once-per-event guard keyed on something else)",
        Reconciler.DUPLICATED_MESSAGE,
        () -> {
          // The guard is a unique constraint the insert names (ON CONFLICT), so it stays; the copy
          // carries another
          // event id, which the constraint cannot tell from a different event's message. The WHEN
          // clause is read as
          // the row is inserted, outside any trigger (depth 0): the copy, inserted by the trigger,
          // is not copied.
          sql(
              CellPathService.NOTIFICATION,
              """
              create function plant_twice() returns trigger language plpgsql as $$
              declare copy notification;
              begin copy := new; copy.id := gen_random_uuid(); copy.event_id := gen_random_uuid();
              insert into notification select copy.*; return null;
              end $$;
              create trigger plant_twice after insert on notification for each row
                when (new.referral_id = '%s' and new.kind = 'DECISION_APPROVED' and pg_trigger_depth() = 0)
                execute function plant_twice();
              """
                  .formatted(needsReview.get(1)));
          approveWhenOpen(needsReview.get(1));
        },
        () ->
            sql(
                CellPathService.NOTIFICATION,
                "drop trigger plant_twice on notification; " + "drop function plant_twice();"));
    plants.plant(
        "an email is sent again under its Message-ID",
        "resent beyond the scenario's bound of 0",
        () -> system.resendMail(plants.anyMail(needsReview.get(2))),
        () -> {});
    plants.plantResend();
    plants.plant(
        "an SMS goes twice under two identities",
        Reconciler.DUPLICATED_MESSAGE,
        () ->
            plants.sendSms(
                cases.of(eligible.get(3)).orElseThrow().patient().phone(),
                plants.anySms(eligible.get(3)).text(),
                UUID.randomUUID().toString()),
        () -> {});
    plants.plant(
        "a reminder for times that were moved",
        Reconciler.UNEXPECTED_MESSAGE,
        () -> plants.reminderSms(moved, plants.versions(moved).get(0)),
        () -> {});
    plants.plant(
        "an SMS after STOP",
        Reconciler.SMS_AFTER_STOP,
        () -> plants.reminderSms(stopped, plants.live(stopped)),
        () -> {});
    plants.plant(
        "two SMS to one number on one day",
        Reconciler.SMS_DAILY_LIMIT,
        () -> plants.reminderSms(eligible.get(4), plants.live(eligible.get(4))),
        () -> {});
    plants.plant(
        "an SMS at night",
        Reconciler.SMS_WINDOW,
        () -> plants.reminderSms(night, plants.live(night)),
        () -> {});
    plants.plant(
        "an email nobody at CellPath wrote",
        Reconciler.UNRECOGNISED_MESSAGE,
        () ->
            system.sendMail(
                cases.of(eligible.get(5)).orElseThrow().patient().email(),
                "Your parcel is waiting"),
        () -> {});
    // A patient whose number nobody else has: a number shared with a patient who got an SMS today
    // has no room left.
    String alone =
        needsReview.stream()
            .skip(3)
            .filter(
                id -> {
                  Cases.Patient patient = cases.of(id).orElseThrow().patient();
                  String number = patient.phone();
                  return number != null
                      && patient.smsConsent()
                      && cases.all().stream()
                              .filter(c -> number.equals(c.patient().phone()))
                              .count()
                          == 1;
                })
            .filter(id -> !id.equals(needsReview.get(4)))
            .findFirst()
            .orElseThrow();
    plants.plant(
        "a number opted out without a STOP",
        Reconciler.SMS_NOT_SENT,
        () -> {
          String phone = cases.of(alone).orElseThrow().patient().phone();
          sql(
              CellPathService.NOTIFICATION,
              "insert into sms_opt_out (phone, opted_out_at) values ('%s', now())"
                  .formatted(phone));
          approveWhenOpen(alone);
          await().atMost(Duration.ofMinutes(1)).until(() -> !plants.versions(alone).isEmpty());
          // An SMS counts as withheld once it has been due longer than the time CellPath is given
          // to deliver one.
          await()
              .during(Expectations.DELIVERY_SLACK.plusSeconds(1))
              .atMost(Expectations.DELIVERY_SLACK.plusSeconds(30))
              .until(
                  () ->
                      plants.receipts().stream()
                          .noneMatch(
                              r ->
                                  r.channel() == Receipts.Channel.SMS
                                      && r.recipient().equals(phone)
                                      && r.serviceAt()
                                          .isAfter(plants.versions(alone).get(0).from())));
        },
        () -> {});

    // ---- events and effects
    plants.plant(
        "an outbox row dropped before it was published",
        Reconciler.LOST_EVENT,
        () -> {
          sql(
              CellPathService.REFERRAL,
              """
          create function plant_drop() returns trigger language plpgsql as $$ begin return null; end $$;
          create trigger plant_drop before insert on outbox_event for each row
            when (new.message_key = '%s' and new.event_type = 'ReferralApproved') execute function plant_drop();
          """
                  .formatted(needsReview.get(4)));
          approveWhenOpen(needsReview.get(4));
        },
        () ->
            sql(
                CellPathService.REFERRAL,
                "drop trigger plant_drop on outbox_event; drop function plant_drop();"));
    plants.plant(
        "a consumer's effect gone, its inbox row kept",
        Reconciler.MISSING_EFFECT,
        () ->
            sql(
                CellPathService.REFERRAL,
                "delete from referral_timeline where reported_by_scheduling and referral_id = '%s'"
                    .formatted(eligible.get(5))),
        () -> {});
    plants.plant(
        "an inbox row gone (the consumer skipped the record)",
        Reconciler.SKIPPED_RECORD,
        () ->
            sql(
                CellPathService.SCHEDULING,
                """
            delete from inbox_event where consumer = 'scheduling-referral-events'
              and event_id = (select event_id from inbox_event where consumer = 'scheduling-referral-events'
                              and event_type = 'ReferralWithdrawn' limit 1)"""),
        () -> {});
    plants.plant(
        "an outbox row marked published that never was",
        Reconciler.OUTBOX_NOT_ON_TOPIC,
        () ->
            sql(
                CellPathService.REFERRAL,
                """
            insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at, published_at)
            values (gen_random_uuid(), 'referral-events', gen_random_uuid()::text, 'ReferralAmended', '{}', now(), now())
            """),
        () -> {});
    plants.plant(
        "a healthy record on a dead-letter topic",
        Reconciler.HEALTHY_DEAD_LETTER,
        () -> plants.copyToDeadLetter(eligible.get(6)),
        () -> {});
    plants.plant(
        "an acknowledged referral gone",
        Reconciler.NOT_STORED,
        () ->
            sql(
                CellPathService.REFERRAL,
                """
        delete from outcome_task_finding where task_id in (select id from outcome_task where referral_id = '%1$s');
        delete from outcome_task where referral_id = '%1$s'; delete from outcome_report where referral_id = '%1$s';
        delete from outcome_score where survey_id in (select id from outcome_survey where referral_id = '%1$s');
        delete from outcome_answer where survey_id in (select id from outcome_survey where referral_id = '%1$s');
        delete from outcome_survey where referral_id = '%1$s';
        delete from referral_timeline where referral_id = '%1$s'; delete from eligibility_review where referral_id = '%1$s';
        delete from referral where id = '%1$s';"""
                    .formatted(eligible.get(7))),
        () -> {});
    plants.plant(
        "a submission never acknowledged",
        Reconciler.NOT_ACKNOWLEDGED,
        () ->
            plants.extra.add(
                new ReferralLoad.Submission(
                    "never-acknowledged", "nobody@faults.example.org", null, 3)),
        () -> {});
    plants.plant(
        "a move nobody asked for",
        Reconciler.EVENT_WITHOUT_ACTION,
        () -> plants.forge(eligible.get(3), "AppointmentPairRescheduled", 1),
        () -> {});
    plants.plant(
        "a withdrawn case booked again",
        Reconciler.WITHDRAWN_STILL_BOOKED,
        () -> plants.forge(withdrawn, "AppointmentPairBooked", 0),
        () -> {});

    // ---- double booking
    plants.plant(
        "two bookings of one slot (the unique index dropped)",
        Reconciler.DOUBLE_BOOKED_DATABASE,
        () ->
            sql(
                CellPathService.SCHEDULING,
                """
            drop index appointment_slot_held_once;
            insert into appointment_pair (id, referral_id, status, sequence, booked_at)
              values ('00000000-0000-4000-8000-00000000d0b1', '%s', 'BOOKED', 0, now());
            insert into appointment (id, pair_id, kind, slot_id, starts_at, ends_at, status)
              select gen_random_uuid(), '00000000-0000-4000-8000-00000000d0b1', a.kind, a.slot_id, a.starts_at,
                     a.ends_at, 'BOOKED'
              from appointment a join appointment_pair p on p.id = a.pair_id
              where p.referral_id = '%s' and a.status = 'BOOKED' and a.kind = 'HARVEST';
            """
                    .formatted(withdrawn, eligible.get(8))),
        () ->
            sql(
                CellPathService.SCHEDULING,
                """
            delete from appointment where pair_id = '00000000-0000-4000-8000-00000000d0b1';
            delete from appointment_pair where id = '00000000-0000-4000-8000-00000000d0b1';
            create unique index appointment_slot_held_once on appointment (slot_id) where status <> 'CANCELLED';
            """));
    plants.plant(
        "two live pairs in one room at one time, as the events tell",
        Reconciler.DOUBLE_BOOKED_TOPICS,
        () -> plants.forgeClash(eligible.get(8), eligible.get(9)),
        () -> {});

    // ---- time
    plants.plant(
        "a reminder after its appointment began",
        Reconciler.LATE_REMINDER,
        () -> {
          system.moveClocksForward(Duration.ofDays(9));
          plants.reminderSms(eligible.get(9), plants.live(eligible.get(9)));
        },
        () -> {});
  }

  /** Plants defects one after the other and checks that each raises the finding of its check. */
  private final class Plants {
    final Scenario scenario;
    final List<ReferralLoad.Submission> extra = new ArrayList<>();
    Reconciler.Result last;
    private String lastDefect;

    Plants(Scenario scenario) throws Exception {
      this.scenario = scenario;
      this.last = reconcile();
    }

    interface Step {
      void run() throws Exception;
    }

    void plant(String defect, String check, Step plant, Step undo) throws Exception {
      int before = last.findings().getOrDefault(check, List.of()).size();
      long resentBefore = last.resent();
      plant.run();
      scenario.settle();
      Reconciler.Result after = reconcile();
      undo.run();
      List<String> found = after.findings().getOrDefault(check, List.of());
      boolean caught =
          check.startsWith("resent") ? after.resent() > resentBefore : found.size() > before;
      report.add(
          new FaultReport.Plant(
              defect,
              check,
              caught,
              check.startsWith("resent")
                  ? List.of(after.resent() + " resent")
                  : found.subList(before, found.size())));
      last = after;
      lastDefect = defect;
      assertThat(caught)
          .as("the check '" + check + "' catches: " + defect + " (it reported " + found + ")")
          .isTrue();
    }

    /**
     * The previous plant raised this check too (a sent-but-never-delivered message is also a log
     * that lies).
     */
    void expectAlso(String check) {
      boolean caught = last.found(check);
      report.add(
          new FaultReport.Plant(
              lastDefect, check, caught, last.findings().getOrDefault(check, List.of())));
      assertThat(caught).as(check + " also catches: " + lastDefect).isTrue();
    }

    /**
     * An SMS sent again under the identity it was first sent under, as a crash after the provider
     * accepted it.
     */
    void plantResend() throws Exception {
      Receipts.Receipt sms = anySms(ids().get(0));
      plant(
          "an SMS is sent again under its Idempotency-Key",
          "resent beyond the scenario's bound of 0",
          () -> sendSms(sms.recipient(), sms.text(), sms.identity()),
          () -> {});
    }

    Reconciler.Result reconcile() throws Exception {
      List<ReferralLoad.Submission> all = new ArrayList<>(scenario.submissions);
      all.addAll(extra);
      return reconciler.reconcile(all, scenario.made);
    }

    List<String> ids() {
      return scenario.referralIds();
    }

    List<Receipts.Receipt> receipts() {
      return new Receipts(reconciler.catalog()).read(system);
    }

    FaultSystem.Inboxes.ReceivedMail anyMail(String referralId) {
      String email = cases.of(referralId).orElseThrow().patient().email();
      return system.receivedMail().stream()
          .filter(
              m -> {
                try {
                  return m.message().getAllRecipients()[0].toString().equals(email);
                } catch (jakarta.mail.MessagingException e) {
                  throw new IllegalStateException(e);
                }
              })
          .findFirst()
          .orElseThrow();
    }

    Receipts.Receipt anySms(String referralId) {
      String phone = cases.of(referralId).orElseThrow().patient().phone();
      return receipts().stream()
          .filter(r -> r.channel() == Receipts.Channel.SMS && r.recipient().equals(phone))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No SMS reached " + phone));
    }

    List<BookingTimeline.Version> versions(String referralId) {
      return new BookingTimeline(reconciler.topics().readAll(), "scheduling-events")
          .versionsOf(referralId);
    }

    BookingTimeline.Version live(String referralId) {
      return versions(referralId).stream().filter(v -> v.until() == null).findFirst().orElseThrow();
    }

    /**
     * A three-day reminder naming this version's first appointment, as the provider would get it
     * from CellPath.
     */
    void reminderSms(String referralId, BookingTimeline.Version version) throws Exception {
      Cases.Patient patient = cases.of(referralId).orElseThrow().patient();
      MessageCatalog.When when =
          reconciler.catalog().smsWhen(version.first().start(), patient.language(), patient.zone());
      String text =
          reconciler
              .catalog()
              .smsText(
                  "sms.appointment-reminder.days.short",
                  patient.language(),
                  "CellPath Foot & Ankle Clinic",
                  when.date(),
                  when.time(),
                  "+1 555 010 0100",
                  3);
      sendSms(patient.phone(), text, UUID.randomUUID().toString());
    }

    void sendSms(String to, String text, String key) throws Exception {
      String body =
          JSON_WRITER.writeValueAsString(
              Map.of("to", to, "from", "+15550100100", "text", text, "reference", key));
      HttpResponse<String> sent =
          http.send(
              HttpRequest.newBuilder(URI.create(system.sms().url() + "/messages"))
                  .header("Authorization", "Bearer planted")
                  .header("Idempotency-Key", key)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(sent.statusCode()).isBetween(200, 201);
    }

    void copyToDeadLetter(String referralId) throws Exception {
      Topics.TopicRecord record =
          reconciler.topics().readAll().stream()
              .filter(r -> r.topic().equals("referral-events") && referralId.equals(r.key()))
              .findFirst()
              .orElseThrow();
      try (KafkaProducer<byte[], byte[]> producer = producer()) {
        ProducerRecord<byte[], byte[]> copy =
            new ProducerRecord<>(
                "referral-events.scheduling-service.dlq",
                bytes(record.key()),
                bytes(record.value()));
        record.headers().forEach((key, value) -> copy.headers().add(key, bytes(value)));
        producer.send(copy).get();
      }
    }

    /**
     * A booking event scheduling never made: a copy of the referral's last booking event under a
     * new event id, as a move ({@code sequence} raised) or as a new booking of a new pair.
     */
    void forge(String referralId, String type, int sequenceRaise) throws Exception {
      Topics.TopicRecord original =
          reconciler.topics().readAll().stream()
              .filter(
                  r ->
                      r.topic().equals("scheduling-events")
                          && referralId.equals(r.key())
                          && ("AppointmentPairBooked".equals(r.type())
                              || "AppointmentPairRescheduled".equals(r.type())))
              .reduce((first, second) -> second)
              .orElseThrow();
      tools.jackson.databind.node.ObjectNode event =
          (tools.jackson.databind.node.ObjectNode) original.json();
      String eventId = UUID.randomUUID().toString();
      event.put("eventId", eventId);
      event.put("occurredAt", system.now().toString());
      if ("AppointmentPairBooked".equals(type)) {
        event.put("pairId", UUID.randomUUID().toString());
        event.remove("sequence");
      } else {
        event.put("sequence", event.path("sequence").asInt(0) + sequenceRaise);
      }
      publish(original, type, eventId, event.toString());
    }

    /** A booking of another referral into the first one's harvest room at its harvest's time. */
    void forgeClash(String holder, String other) throws Exception {
      BookingTimeline.Version held = live(holder);
      Topics.TopicRecord original =
          reconciler.topics().readAll().stream()
              .filter(
                  r ->
                      r.topic().equals("scheduling-events")
                          && other.equals(r.key())
                          && "AppointmentPairBooked".equals(r.type()))
              .findFirst()
              .orElseThrow();
      tools.jackson.databind.node.ObjectNode event =
          (tools.jackson.databind.node.ObjectNode) original.json();
      String eventId = UUID.randomUUID().toString();
      event.put("eventId", eventId);
      event.put("occurredAt", system.now().toString());
      event.put("pairId", UUID.randomUUID().toString());
      tools.jackson.databind.node.ArrayNode appointments = event.putArray("appointments");
      BookingTimeline.Appointment a = held.appointments().get(0);
      appointments
          .addObject()
          .put("appointmentId", UUID.randomUUID().toString())
          .put("kind", a.kind())
          .put("startsAt", a.start().toString())
          .put("endsAt", a.end().toString())
          .put("timeZone", a.zone())
          .put("clinicianName", "Dr. Someone Else")
          .put("siteName", a.site())
          .put("siteAddress", "")
          .put("roomName", a.room());
      publish(original, "AppointmentPairBooked", eventId, event.toString());
    }

    private void publish(Topics.TopicRecord like, String type, String eventId, String payload)
        throws Exception {
      try (KafkaProducer<byte[], byte[]> producer = producer()) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(like.topic(), like.partition(), bytes(like.key()), bytes(payload));
        like.headers().forEach((key, value) -> record.headers().add(key, bytes(value)));
        record.headers().remove("ce_id").remove("ce_type");
        record.headers().add("ce_id", bytes(eventId)).add("ce_type", bytes(type));
        producer.send(record).get();
      }
    }
  }

  private static final tools.jackson.databind.json.JsonMapper JSON_WRITER =
      tools.jackson.databind.json.JsonMapper.builder().build();

  /** The reviewer approves the referral as soon as its review is open. */
  private static void approveWhenOpen(String referralId) {
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> workflow.openReview(referralId).isPresent());
    try {
      assertThat(workflow.approve(referralId, workflow.openReview(referralId).orElseThrow()).done())
          .isTrue();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * SQL run in a service's database as its owner would: the planted defect's trigger, index or row.
   */
  private static void sql(CellPathService service, String statements) throws Exception {
    try (Connection db = system.database(service);
        java.sql.Statement statement = db.createStatement()) {
      statement.execute(statements);
    }
  }

  // ================================================================================================ a scenario

  /** One scenario's cases, load and people's actions, and its reconciliation. */
  private static final class Scenario {
    final String id;
    final String title;
    final long started = System.nanoTime();
    final ZoneId zone = Cases.daytimeZone(system.now());
    final int acknowledgedBefore = load.acknowledgedSoFar();
    final List<Cases.Case> made = new ArrayList<>();
    final List<ReferralLoad.Submission> submissions = new ArrayList<>();
    final Map<String, Object> figures = new LinkedHashMap<>();
    volatile CompletableFuture<List<ReferralLoad.Submission>> background;

    /** Amended cases whose review must reopen before the reviewer approves them. */
    final List<String> amended = new ArrayList<>();

    Scenario(String id, String title) {
      this.id = id;
      this.title = title;
    }

    Scenario figure(String name, Object value) {
      figures.put(name, value);
      return this;
    }

    List<Cases.Case> make(int count) {
      return make(count, MIX, zone);
    }

    List<Cases.Case> make(int count, List<Cases.Path> paths, ZoneId in) {
      List<Cases.Case> batch = cases.make(id, count, paths, in, 4);
      synchronized (this) {
        made.addAll(batch);
      }
      synchronized (everything) {
        everything.addAll(batch);
      }
      return batch;
    }

    /**
     * Submits the cases people act on during the fault, and waits until scheduling has answered
     * each approval.
     */
    List<String> submitFirst(int count) throws Exception {
      return submitFirst(make(count));
    }

    List<String> submitFirst(List<Cases.Case> batch) throws Exception {
      List<ReferralLoad.Submission> done =
          load.submit(batch, 4, () -> endpoints(), GIVE_UP, system, log, cases);
      add(done);
      List<String> ids =
          done.stream()
              .map(ReferralLoad.Submission::referralId)
              .filter(java.util.Objects::nonNull)
              .toList();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> answered(ids));
      return ids;
    }

    CompletableFuture<List<ReferralLoad.Submission>> submitInBackground(int count, int threads) {
      List<Cases.Case> batch = make(count);
      CompletableFuture<List<ReferralLoad.Submission>> submitting =
          CompletableFuture.supplyAsync(
              () -> load.submit(batch, threads, () -> endpoints(), GIVE_UP, system, log, cases));
      background = submitting;
      return submitting;
    }

    /**
     * A wait of this scenario's that ends at once, with its cause, if its background load failed.
     */
    boolean loadFailedOr(java.util.concurrent.Callable<Boolean> condition) throws Exception {
      CompletableFuture<List<ReferralLoad.Submission>> submitting = background;
      if (submitting != null && submitting.isCompletedExceptionally()) {
        submitting.join();
      }
      return condition.call();
    }

    void join(CompletableFuture<List<ReferralLoad.Submission>> submitting) {
      add(submitting.join());
    }

    private void add(List<ReferralLoad.Submission> done) {
      synchronized (this) {
        submissions.addAll(done);
      }
      synchronized (everything) {
        everySubmission.addAll(done);
      }
    }

    List<String> referralIds() {
      return submissions.stream()
          .map(ReferralLoad.Submission::referralId)
          .filter(java.util.Objects::nonNull)
          .toList();
    }

    /**
     * People act on these cases, each action depending on the case: the reviewer decides the ones
     * waiting for a clinician (approve, decline, or ask for information that the physician sends at
     * once), the scheduler moves, cancels (and books by hand again) some pairs, some physicians
     * withdraw, some patients reply STOP, and one scheduler adds slots a fat-tissue harvest fits.
     */
    void act(List<String> ids) throws Exception {
      int eligible = 0;
      int reviewed = 0;
      int failedInARow = 0;
      for (String referralId : ids) {
        if (failedInARow >= 2) {
          // Two cases in a row nobody could open: the fault keeps people out; they try again later,
          // not case by case.
          figures.merge("casesNobodyCouldActOn", 1, (a, b) -> (Integer) a + (Integer) b);
          continue;
        }
        try {
          actOn(referralId, eligible, reviewed);
          failedInARow = 0;
        } catch (Exception unreadable) {
          // The fault keeps people from seeing the case (its service or database is away): they do
          // nothing to it.
          failedInARow++;
          figures.merge("casesNobodyCouldActOn", 1, (a, b) -> (Integer) a + (Integer) b);
        }
        Cases.Path path = cases.of(referralId).orElseThrow().path();
        eligible += path == Cases.Path.ELIGIBLE ? 1 : 0;
        reviewed += path == Cases.Path.NEEDS_REVIEW ? 1 : 0;
      }
      addFatTissueSlots();
    }

    /**
     * One person's action on one case, by the case's kind and its place among the scenario's cases
     * of that kind: a clinician decides a third of the reviews each way; of every ten likely
     * eligible cases, the scheduler moves one, cancels one (and books it again by hand), the
     * physician withdraws one, and one patient replies STOP.
     */
    private void actOn(String referralId, int eligibleBefore, int reviewedBefore) throws Exception {
      Cases.Case made = cases.of(referralId).orElseThrow();
      if (made.path() == Cases.Path.NEEDS_REVIEW) {
        Optional<String> review =
            running(CellPathService.REFERRAL) ? workflow.openReview(referralId) : Optional.empty();
        if (review.isEmpty()) {
          return;
        }
        switch (reviewedBefore % 3) {
          case 0 -> workflow.approve(referralId, review.get());
          case 1 -> workflow.decline(referralId, review.get());
          default -> {
            if (workflow.requestInformation(referralId, review.get()).done()
                && workflow.amend(referralId, "Fault Practice (amended)").done()) {
              amended.add(referralId);
            }
          }
        }
        return;
      }
      if (made.path() != Cases.Path.ELIGIBLE) {
        return;
      }
      switch ((eligibleBefore + 1) % 10) {
        case 1 -> {
          if (running(CellPathService.SCHEDULING)) {
            workflow.reschedule(referralId);
          }
        }
        case 3 -> {
          if (running(CellPathService.SCHEDULING)) {
            Optional<JsonNode> pair = workflow.livePair(referralId);
            Optional<ActionLog.Action> cancelled = workflow.cancel(referralId);
            if (cancelled.isPresent() && cancelled.get().done() && pair.isPresent()) {
              workflow.bookByHand(
                  referralId,
                  pair.get().path("appointments").get(0).path("clinician").path("id").asString());
            }
          }
        }
        case 5 -> {
          if (running(CellPathService.REFERRAL)) {
            workflow.withdraw(referralId);
          }
        }
        case 7 -> {
          if (running(CellPathService.NOTIFICATION) && made.patient().phone() != null) {
            workflow.stop(made.patient().phone());
          }
        }
        default -> {}
      }
    }

    /**
     * A scheduler adds slots a fat-tissue harvest fits (the oldest such waiting case gets them).
     */
    private void addFatTissueSlots() {
      if (running(CellPathService.SCHEDULING)) {
        ClinicSeed.Clinician clinician =
            clinic.clinicians().get(Math.floorMod(id.hashCode(), CLINICIANS));
        boolean added =
            workflow
                .addAdiposeSlots(
                    clinician.id(),
                    clinician.harvestRoom(),
                    clinician.injectionRoom(),
                    nextWeekday(system.now().atZone(CLINIC).toLocalDate().plusDays(20)))
                .done();
        figure("fatTissueSlotsAdded", added);
      }
    }

    /**
     * How many of these cases saw an action refused by the fault (the database was away): a figure.
     */
    void countRefused(List<String> ids) {
      List<String> refused = new ArrayList<>();
      for (String referralId : ids) {
        if (log.of(referralId).stream().anyMatch(a -> !a.done() && a.status() >= 500)) {
          refused.add(referralId);
        }
      }
      figure("actionsRefusedDuringTheFault", refused.size());
    }

    /**
     * Waits until the system has come to rest (or the settle time has passed: the reconciliation
     * says what not).
     */
    void settle() {
      int[] received = {-1};
      try {
        await()
            .atMost(SETTLE)
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> reconciler.settled(received));
      } catch (ConditionTimeoutException e) {
        figures.put("settled", false);
      }
    }

    /**
     * Approves the amended cases once their review reopens, lets everything settle, reconciles and
     * records the row.
     *
     * @param resentBound how many messages the scenario's fault may explain being sent twice under
     *     one identity
     */
    Reconciler.Result finish(int resentBound) throws Exception {
      for (String referralId : amended) {
        try {
          await()
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> workflow.openReview(referralId).isPresent());
          workflow.approve(referralId, workflow.openReview(referralId).orElseThrow());
        } catch (ConditionTimeoutException e) {
          figures.put("amendedWithoutAReopenedReview", referralId);
        }
      }
      settle();
      Reconciler.Result result = reconciler.reconcile(submissions, made);
      figures.put("submissionsThrottled", load.throttledSoFar());
      boolean passed = result.clean() && result.resent() <= resentBound;
      report.add(
          new FaultReport.Row(id, title, result, resentBound, figures, seconds(started), passed));
      assertThat(result.problems()).as("what the reconciliation found").isEmpty();
      assertThat(result.resent())
          .as("messages sent again under the same identity")
          .isLessThanOrEqualTo(resentBound);
      assertThat(result.acknowledged()).as("acknowledged").isEqualTo(submissions.size());
      return result;
    }
  }

  // ================================================================================================ helpers

  /** Sets (or, with null, removes) these topic-level settings on the topics. */
  private static void retention(List<String> topics, Map<String, String> settings)
      throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin = reconciler.topics().admin()) {
      Map<
              org.apache.kafka.common.config.ConfigResource,
              java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>>
          changes = new LinkedHashMap<>();
      for (String topic : topics) {
        List<org.apache.kafka.clients.admin.AlterConfigOp> ops = new ArrayList<>();
        for (String key : List.of("retention.ms", "segment.ms")) {
          ops.add(
              settings == null
                  ? new org.apache.kafka.clients.admin.AlterConfigOp(
                      new org.apache.kafka.clients.admin.ConfigEntry(key, ""),
                      org.apache.kafka.clients.admin.AlterConfigOp.OpType.DELETE)
                  : new org.apache.kafka.clients.admin.AlterConfigOp(
                      new org.apache.kafka.clients.admin.ConfigEntry(key, settings.get(key)),
                      org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET));
        }
        changes.put(
            new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic),
            ops);
      }
      admin.incrementalAlterConfigs(changes).all().get();
    }
  }

  /**
   * Records a group had not read when retention deleted them: log start above its committed offset,
   * summed.
   */
  private static long recordsDeletedUnread(String group, List<String> topics) throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin = reconciler.topics().admin()) {
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
          partitions = new LinkedHashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get()
          .forEach(
              (topic, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              partitions.put(
                                  new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                                  org.apache.kafka.clients.admin.OffsetSpec.earliest())));
      var earliest = admin.listOffsets(partitions).all().get();
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long deleted = 0;
      for (var partition : partitions.keySet()) {
        var offset = committed.get(partition);
        long start = earliest.get(partition).offset();
        if (offset != null && start > offset.offset()) {
          deleted += start - offset.offset();
        }
      }
      return deleted;
    }
  }

  /** A health component's status as an administrator sees it. */
  private static String health(FaultSystem.Instance instance, String component) throws Exception {
    return admin(
            "GET",
            URI.create("http://localhost:" + instance.port() + "/actuator/health/" + component),
            null)
        .path("status")
        .asString();
  }

  /**
   * An operator's call with an administrator's token; the JSON answer (any status: health DOWN
   * answers 503).
   */
  private static JsonNode admin(String method, URI uri, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Authorization", TestTokens.bearer(TestTokens.admin()));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + uri + " -> " + response.body())
        .isIn(200, 503);
    return JSON_WRITER.readTree(response.body());
  }

  /** The ids of the approvals of these referrals that are on scheduling's dead-letter topic. */
  private static List<String> deadLettered(List<String> referralIds) {
    return reconciler.topics().readAll().stream()
        .filter(
            r ->
                r.topic().equals("referral-events.scheduling-service.dlq")
                    && referralIds.contains(r.key())
                    && "ReferralApproved".equals(r.type()))
        .map(Topics.TopicRecord::eventId)
        .distinct()
        .toList();
  }

  /**
   * When the three-day reminder of the referral's live pair is due (its patient's 10:00, three days
   * before).
   */
  private static Optional<Instant> threeDayReminderDue(String referralId) {
    try {
      Optional<JsonNode> pair = workflow.livePair(referralId);
      if (pair.isEmpty()) {
        return Optional.empty();
      }
      Instant first = Instant.MAX;
      for (JsonNode appointment : pair.get().path("appointments")) {
        Instant start = Instant.parse(appointment.path("startsAt").asString());
        first = start.isBefore(first) ? start : first;
      }
      ZoneId zone = cases.of(referralId).orElseThrow().patient().zone();
      return Optional.of(
          first
              .atZone(zone)
              .toLocalDate()
              .minusDays(3)
              .atTime(Reconciler.REMINDER_AT)
              .atZone(zone)
              .toInstant());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String awaitOpenReview(String referralId) {
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> workflow.openReview(referralId).isPresent());
    try {
      return workflow.openReview(referralId).orElseThrow();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitLatch(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean running(CellPathService service) {
    return system.anyRunning(service).isPresent();
  }

  private static Instant lastEnd(JsonNode pair) {
    Instant last = Instant.MIN;
    for (JsonNode appointment : pair.path("appointments")) {
      Instant end = Instant.parse(appointment.path("endsAt").asString());
      last = end.isAfter(last) ? end : last;
    }
    return last;
  }

  private static LocalDate nextWeekday(LocalDate day) {
    LocalDate d = day;
    while (d.getDayOfWeek().getValue() > 5) {
      d = d.plusDays(1);
    }
    return d;
  }

  /**
   * Whether scheduling has answered every approval among these referrals (a pair, the waitlist, or
   * no approval).
   */
  private static boolean answered(List<String> ids) throws Exception {
    long eligible =
        ids.stream()
            .filter(id -> cases.of(id).map(c -> c.path() != Cases.Path.NEEDS_REVIEW).orElse(false))
            .count();
    try (Connection db = system.database(CellPathService.SCHEDULING)) {
      return Reconciler.count(
              db,
              "select count(*) from scheduling_case where referral_id = any(?)",
              ids.stream().map(UUID::fromString).toList())
          >= eligible;
    }
  }

  private static List<URI> endpoints() {
    List<URI> running =
        system.instances(CellPathService.REFERRAL).stream()
            .filter(system::isRunning)
            .map(instance -> URI.create("http://localhost:" + instance.port()))
            .toList();
    return running.isEmpty()
        ? system.instances(CellPathService.REFERRAL).stream()
            .map(i -> URI.create("http://localhost:" + i.port()))
            .toList()
        : running;
  }

  private static long pairs() throws Exception {
    try (Connection db = system.database(CellPathService.SCHEDULING)) {
      return Reconciler.count(db, "select count(*) from appointment_pair");
    }
  }

  /** Referrals stored but not yet booked. */
  private static long inFlight() throws Exception {
    try (Connection db = system.database(CellPathService.REFERRAL)) {
      return Reconciler.count(db, "select count(*) from referral") - pairs();
    }
  }

  private static long failedSms() throws Exception {
    try (Connection db = system.database(CellPathService.NOTIFICATION)) {
      return Reconciler.count(
          db, "select count(*) from notification where channel = 'SMS' and status = 'FAILED'");
    }
  }

  private static long deadLetters() {
    return reconciler.topics().readAll().stream().filter(Topics.TopicRecord::deadLetter).count();
  }

  /**
   * Whether notification-service reports its SMS circuit breaker open (Resilience4j's Micrometer
   * gauge).
   */
  private static boolean breakerOpen(FaultSystem.Instance notification) throws Exception {
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + notification.port() + "/actuator/prometheus"))
                .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return metrics
        .body()
        .lines()
        .anyMatch(
            line ->
                line.startsWith("resilience4j_circuitbreaker_state{")
                    && line.contains("name=\"sms\"")
                    && line.contains("state=\"open\"")
                    && line.endsWith(" 1.0"));
  }

  /**
   * A record that parses as JSON but can never be an event: 30 February, 25 o'clock; it names a
   * patient.
   */
  private static RecordMetadata poison(String topic, String type) throws Exception {
    String eventId = UUID.randomUUID().toString();
    poisonEventIds.add(eventId);
    String payload =
        """
        {"eventId":"%s","referralId":"%s","occurredAt":"2026-02-30T25:61:00Z",
         "patient":{"givenName":"%s","email":"%s"}}"""
            .formatted(eventId, UUID.randomUUID(), CANARY_NAME, CANARY_EMAIL);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              topic,
              UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
              payload.getBytes(StandardCharsets.UTF_8));
      record
          .headers()
          .add("ce_type", bytes(type))
          .add("ce_id", bytes(eventId))
          .add("ce_source", bytes("/faults/poison"))
          .add("ce_specversion", bytes("1.0"));
      return producer.send(record).get();
    }
  }

  /**
   * Appends a copy of every event (not the poison) to its own partition, key, headers and payload
   * unchanged.
   */
  private static int republishEverything() throws Exception {
    List<Topics.TopicRecord> records =
        reconciler.topics().readAll().stream()
            .filter(
                r ->
                    !r.deadLetter()
                        && !r.topic().startsWith("__")
                        && r.eventId() != null
                        && !poisonEventIds.contains(r.eventId()))
            .toList();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (Topics.TopicRecord r : records) {
        ProducerRecord<byte[], byte[]> copy =
            new ProducerRecord<>(
                r.topic(),
                r.partition(),
                r.key() == null ? null : bytes(r.key()),
                bytes(r.value()));
        r.headers().forEach((key, value) -> copy.headers().add(key, bytes(value)));
        producer.send(copy);
      }
      producer.flush();
    }
    return records.size();
  }

  static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            system.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
