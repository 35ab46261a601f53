package org.cellpath.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.faults.ActionLog.Act;
import org.cellpath.faults.Expectations.Group;
import org.cellpath.faults.Expectations.Key;
import org.cellpath.faults.Expectations.Route;
import org.cellpath.localstack.CellPathService;
import tools.jackson.databind.JsonNode;

/**
 * Reads everything back at the end of a scenario and counts it where it was received, Jepsen style:
 * what the SMTP server and the SMS provider got (by recipient and wording), what the topics carry
 * (every record from offset 0), and what each consumer did about it (its rows), against what the
 * tests did ({@link ActionLog}) and what the domain rules say that must cause ({@link
 * Expectations}). No check trusts the product's own account: not its message ids, not its unique
 * constraints, not its inboxes.
 */
final class Reconciler {

  /** The SMS rules of the domain (the services run with these defaults). */
  static final LocalTime SMS_WINDOW_START = LocalTime.of(8, 0);

  static final LocalTime SMS_WINDOW_END = LocalTime.of(21, 0);
  static final int SMS_PER_DAY = 1;
  static final int SMS_PER_WEEK = 3;
  static final LocalTime REMINDER_AT = LocalTime.of(10, 0);

  /**
   * What each consumer handles (its inbox name and the event types), as the services are written
   * to: see ADR 2.
   */
  static final Map<String, Map<String, Set<String>>> HANDLED =
      Map.of(
          "referral",
              Map.of(
                  "eligibility-review", Set.of("ReferralSubmitted", "ReferralAmended"),
                  "referral-timeline",
                      Set.of(
                          "AppointmentPairBooked",
                          "AppointmentPairRescheduled",
                          "AppointmentPairCancelled",
                          "CaseWaitlisted",
                          "AppointmentCompleted",
                          "AppointmentNoShow")),
          "scheduling",
              Map.of("scheduling-referral-events", Set.of("ReferralApproved", "ReferralWithdrawn")),
          "notification",
              Map.of(
                  "referral-events",
                      Set.of(
                          "ReferralSubmitted",
                          "ReferralApproved",
                          "ReferralDeclined",
                          "ReferralInfoRequested",
                          "ReferralStatusChanged",
                          "OutcomeSurveyDue",
                          "OutcomeReportReady"),
                  "scheduling-events",
                      Set.of(
                          "AppointmentPairBooked",
                          "AppointmentPairRescheduled",
                          "AppointmentPairCancelled",
                          "AppointmentCompleted")));

  private static final Map<String, String> TOPIC_OF_CONSUMER =
      Map.of(
          "eligibility-review",
          "referral-events",
          "referral-timeline",
          "scheduling-events",
          "scheduling-referral-events",
          "referral-events",
          "referral-events",
          "referral-events",
          "scheduling-events",
          "scheduling-events");

  /**
   * Counts for one message kind: how many must arrive (expected), how many may (allowed: an SMS the
   * limits may withhold, a milestone a race may or may not cause), how many different ones arrived,
   * and what was wrong.
   */
  record Tally(
      int expected,
      int allowed,
      int received,
      int lost,
      int duplicated,
      int resent,
      int unexpected) {
    static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0);

    Tally plus(Tally other) {
      return new Tally(
          expected + other.expected,
          allowed + other.allowed,
          received + other.received,
          lost + other.lost,
          duplicated + other.duplicated,
          resent + other.resent,
          unexpected + other.unexpected);
    }
  }

  /** The row of the SMS that each number was owed, day by day, within its window and limits. */
  static final String SMS_BY_NUMBER_AND_DAY =
      "every SMS, by number and day, against the window and limits";

  /**
   * What one scenario's cases became, counted at the receiving end, and every rule that was broken.
   * Each finding is filed under the check that found it, so that a test can tell which check caught
   * a planted defect.
   */
  record Result(
      int submitted,
      int acknowledged,
      Map<String, Integer> actionsDone,
      Map<String, Tally> byKind,
      int lost,
      int duplicated,
      int resent,
      int unexpected,
      int lostEvents,
      int doubleBooked,
      int ruleBreaks,
      int healthyDeadLettered,
      int redeliveredRecords,
      int pairsBooked,
      int supersededMessages,
      Map<String, List<String>> findings) {

    /** Findings of every check but the resend count, which has its own bound per scenario. */
    boolean clean() {
      return findings.isEmpty();
    }

    List<String> problems() {
      return findings.entrySet().stream()
          .flatMap(e -> e.getValue().stream().map(p -> e.getKey() + ": " + p))
          .toList();
    }

    boolean found(String check) {
      return findings.containsKey(check);
    }
  }

  // Check names: each finding is filed under one, and the planted-defect tests look for them.
  static final String LOST_MESSAGE = "lost message";
  static final String DUPLICATED_MESSAGE = "duplicated message";
  static final String UNEXPECTED_MESSAGE = "unexpected message";
  static final String UNRECOGNISED_MESSAGE = "unrecognised message";
  static final String SMS_WINDOW = "SMS outside the patient's 08:00-21:00";
  static final String SMS_DAILY_LIMIT = "SMS over the daily limit";
  static final String SMS_WEEKLY_LIMIT = "SMS over the weekly limit";
  static final String SMS_AFTER_STOP = "SMS after STOP";
  static final String SMS_NOT_SENT = "SMS not sent though the limits allowed it";
  static final String LATE_REMINDER = "reminder after the appointment began";
  static final String EXPIRED_REMINDER = "reminder after it expired";
  static final String DELIVERY_LOG = "delivery log says sent, nothing arrived";
  static final String NOT_ACKNOWLEDGED = "submission never acknowledged";
  static final String NOT_STORED = "acknowledged referral not stored";
  static final String LOST_EVENT = "action without its event";
  static final String EVENT_WITHOUT_ACTION = "event without an action";
  static final String MISSING_EFFECT = "event without its effect in the consumer";
  static final String WITHDRAWN_STILL_BOOKED = "withdrawn case still holds slots";
  static final String OUTBOX_NOT_ON_TOPIC = "outbox event marked published but on no topic";
  static final String OUTBOX_PENDING = "outbox event still pending";
  static final String SKIPPED_RECORD = "record a consumer never processed";
  static final String HEALTHY_DEAD_LETTER = "healthy record dead-lettered";
  static final String DOUBLE_BOOKED_TOPICS = "double booking in the booking events";
  static final String DOUBLE_BOOKED_DATABASE = "double booking in scheduling's database";

  private final FaultSystem system;
  private final Set<String> poisonEventIds;

  /**
   * Healthy records a scenario made fail on purpose, then replayed from their dead-letter topic.
   */
  private final Set<String> replayedDeadLetters;

  private final Cases cases;
  private final ActionLog log;
  private final MessageCatalog catalog;
  private final Receipts receipts;
  private final Topics topics;
  private volatile String groupPrefix = "";

  Reconciler(
      FaultSystem system,
      Set<String> poisonEventIds,
      Set<String> replayedDeadLetters,
      Cases cases,
      ActionLog log) {
    this.system = system;
    this.poisonEventIds = poisonEventIds;
    this.replayedDeadLetters = replayedDeadLetters;
    this.cases = cases;
    this.log = log;
    this.catalog = new MessageCatalog(system.repoRoot());
    this.receipts = new Receipts(catalog);
    this.topics = new Topics(system.bootstrapServers());
  }

  Topics topics() {
    return topics;
  }

  MessageCatalog catalog() {
    return catalog;
  }

  /**
   * The services consume in groups named with this prefix from now on (the replay scenario's fresh
   * groups).
   */
  void consumerGroupPrefix(String prefix) {
    groupPrefix = prefix;
  }

  /**
   * Whether the system has come to rest: every outbox empty, every consumer group caught up, no
   * notification due and unsent, no questionnaire due and not raised, and nothing new at the SMTP
   * server or the SMS provider since the last look.
   */
  boolean settled(int[] lastReceived) throws SQLException {
    if (outboxPending() > 0) {
      return false;
    }
    if (topics.lag(groupPrefix + "referral-service", "referral-events", "scheduling-events") > 0
        || topics.lag(groupPrefix + "scheduling-service", "referral-events") > 0
        || topics.lag(groupPrefix + "notification-service", "referral-events", "scheduling-events")
            > 0) {
      return false;
    }
    try (Connection db = system.database(CellPathService.NOTIFICATION);
        PreparedStatement due =
            db.prepareStatement(
                "select count(*) from notification where status = 'PENDING' and due_at <= ?")) {
      due.setObject(1, java.sql.Timestamp.from(system.now()));
      try (ResultSet rows = due.executeQuery()) {
        rows.next();
        if (rows.getLong(1) > 0) {
          return false;
        }
      }
    }
    // A questionnaire whose link or reminder is due and not yet raised: referral-service's sweep
    // has still to raise it.
    try (Connection db = system.database(CellPathService.REFERRAL);
        PreparedStatement due =
            db.prepareStatement(
                """
                select count(*) from outcome_survey
                where (state = 'PLANNED' and due_at <= ? and (injection_done or time_point = 'BASELINE'))
                   or (state = 'OPEN' and (closes_at <= ? or (reminded_at is null and remind_at <= ?)))
                """)) {
      java.sql.Timestamp at = java.sql.Timestamp.from(system.now());
      due.setObject(1, at);
      due.setObject(2, at);
      due.setObject(3, at);
      try (ResultSet rows = due.executeQuery()) {
        rows.next();
        if (rows.getLong(1) > 0) {
          return false;
        }
      }
    }
    int received = system.mailCount() + system.sms().delivered().size();
    boolean quiet = received == lastReceived[0];
    lastReceived[0] = received;
    return quiet;
  }

  /**
   * Reconciles one scenario.
   *
   * @param submissions what the scenario submitted (acknowledged or not)
   * @param scenarioCases the cases the scenario made up
   */
  Result reconcile(List<ReferralLoad.Submission> submissions, List<Cases.Case> scenarioCases)
      throws SQLException {
    Findings findings = new Findings();
    Instant now = system.now();
    List<Topics.TopicRecord> records = topics.readAll();
    BookingTimeline timeline = new BookingTimeline(records, "scheduling-events");
    List<String> ids =
        submissions.stream()
            .map(ReferralLoad.Submission::referralId)
            .filter(java.util.Objects::nonNull)
            .toList();
    long unacknowledged = submissions.size() - ids.size();
    if (unacknowledged > 0) {
      findings.add(NOT_ACKNOWLEDGED, unacknowledged + " submissions were never acknowledged");
    }

    // ---------------------------------------------------------------- what each case must have
    // caused
    Expectations expected = new Expectations(REMINDER_AT, system::firstServiceMomentAtOrAfter);
    Set<String> scenarioPhones =
        scenarioCases.stream()
            .map(c -> c.patient().phone())
            .filter(java.util.Objects::nonNull)
            .collect(Collectors.toSet());
    for (ActionLog.Action stop : log.done(Act.STOP)) {
      expected.stopped(stop.detail("phone"), stop.serviceAt());
    }
    Map<String, Instant> approvals = firstEvent(records, "referral-events", "ReferralApproved");
    for (String id : ids) {
      Cases.Case made = cases.of(id).orElseThrow();
      expected.derive(made, id, log.of(id), Optional.ofNullable(approvals.get(id)), timeline, now);
    }

    // ---------------------------------------------------------------- what the outside world
    // received
    Map<String, String> byPatientEmail = new HashMap<>();
    Map<String, String> byPhysicianEmail = new HashMap<>();
    Map<String, List<String>> byPhone = new HashMap<>();
    for (String id : ids) {
      Cases.Case made = cases.of(id).orElseThrow();
      byPatientEmail.put(made.patient().email(), id);
      byPhysicianEmail.put(made.physicianEmail(), id);
      if (made.patient().phone() != null) {
        byPhone.computeIfAbsent(made.patient().phone(), p -> new ArrayList<>()).add(id);
      }
    }
    List<Receipts.Receipt> received =
        receipts.read(system).stream()
            .filter(
                r ->
                    r.channel() == Receipts.Channel.EMAIL
                        ? byPatientEmail.containsKey(r.recipient())
                            || byPhysicianEmail.containsKey(r.recipient())
                        : scenarioPhones.contains(r.recipient()))
            .toList();
    Map<Key, List<Receipts.Receipt>> assigned = new LinkedHashMap<>();
    for (Receipts.Receipt receipt : received) {
      if (receipt.kind() == null) {
        findings.add(
            UNRECOGNISED_MESSAGE,
            receipt.channel()
                + " to a patient or physician of this scenario whose "
                + "wording matches nothing CellPath sends: "
                + abbreviate(receipt.text()));
        continue;
      }
      List<String> candidates =
          receipt.channel() == Receipts.Channel.SMS
              ? byPhone.getOrDefault(receipt.recipient(), List.of())
              : List.of(
                  receipt.physician()
                      ? byPhysicianEmail.get(receipt.recipient())
                      : byPatientEmail.get(receipt.recipient()));
      Key key = choose(receipt, candidates, timeline, expected.groups(), assigned);
      assigned.computeIfAbsent(key, k -> new ArrayList<>()).add(receipt);
    }

    // ---------------------------------------------------------------- messages: lost, duplicated,
    // resent, unexpected
    Map<String, Tally> byKind = new TreeMap<>();
    int superseded = 0;
    Set<Key> keys = new LinkedHashSet<>(expected.groups().keySet());
    keys.addAll(assigned.keySet());
    for (Key key : keys) {
      Group group = expected.groups().get(key);
      List<Receipts.Receipt> got = assigned.getOrDefault(key, List.of());
      int identities = (int) got.stream().map(Receipts.Receipt::identity).distinct().count();
      int required = group == null ? 0 : group.required;
      if (identities < required && superseded(key, timeline, assigned)) {
        // The times were replaced before this message went, and the patient got the message about
        // the new times:
        // notification-service withdraws a waiting message about replaced times rather than send
        // stale ones.
        superseded++;
        required = identities;
      }
      int allowed = group == null ? 0 : group.allowed;
      int lost = Math.max(0, required - identities);
      int extra = Math.max(0, identities - allowed);
      int duplicated = allowed > 0 ? extra : 0;
      int unexpected = allowed == 0 ? extra : 0;
      int resent = got.size() - identities;
      if (lost > 0) {
        findings.add(
            LOST_MESSAGE,
            key + ": " + identities + " of " + required + " arrived (" + why(group) + ")");
      }
      if (duplicated > 0) {
        findings.add(
            DUPLICATED_MESSAGE,
            key
                + ": "
                + identities
                + " different messages arrived, at most "
                + allowed
                + " may ("
                + why(group)
                + ")");
      }
      if (unexpected > 0) {
        findings.add(
            UNEXPECTED_MESSAGE,
            key
                + ": "
                + identities
                + " arrived, none may ("
                + why(group)
                + "): "
                + abbreviate(got.get(got.size() - 1).text()));
      }
      if (key.version() != null && MessageCatalog.Kind.of(key.kind()).isReminder()) {
        Optional<BookingTimeline.Version> version =
            timeline.versionsOf(key.referralId()).stream()
                .filter(v -> v.key().equals(key.version()))
                .findFirst();
        for (Receipts.Receipt receipt : got) {
          if (version.isPresent()
              && version.get().until() != null
              && receipt.serviceAt().isAfter(version.get().until().plus(Expectations.FUZZ))) {
            unexpected++;
            findings.add(
                UNEXPECTED_MESSAGE,
                key
                    + ": a reminder for times replaced at "
                    + version.get().until()
                    + " arrived at "
                    + receipt.serviceAt());
          }
          if (version.isPresent()) {
            Instant expires =
                expected.expiry(
                    key.kind(),
                    version.get(),
                    cases.of(key.referralId()).orElseThrow().patient().zone());
            if (receipt.serviceAt().isAfter(expires.plus(Expectations.FUZZ))) {
              unexpected++;
              findings.add(
                  EXPIRED_REMINDER,
                  key + ": expired at " + expires + ", arrived at " + receipt.serviceAt());
            }
          }
        }
      }
      byKind.merge(
          key.kind().split(":")[0] + (key.route() == Route.SMS ? " (SMS)" : ""),
          new Tally(required, allowed, identities, lost, duplicated, resent, unexpected),
          Tally::plus);
    }

    // ---------------------------------------------------------------- the SMS rules, per number
    SmsOutcome sms = smsRules(received, byPhone, timeline, expected, findings);
    int ruleBreaks = sms.breaks();
    Tally smsOwed = new Tally(sms.owed(), sms.due(), sms.sent(), sms.withheld(), 0, 0, 0);

    // ---------------------------------------------------------------- the delivery log against
    // what arrived
    deliveryLog(ids, assigned, findings);

    // ---------------------------------------------------------------- events: every action has its
    // event and effect
    int lostEventsBefore =
        findings.count(LOST_EVENT)
            + findings.count(MISSING_EFFECT)
            + findings.count(OUTBOX_NOT_ON_TOPIC)
            + findings.count(SKIPPED_RECORD);
    events(ids, records, timeline, approvals, findings);
    globalEvents(records, findings);
    int lostEvents =
        findings.count(LOST_EVENT)
            + findings.count(MISSING_EFFECT)
            + findings.count(OUTBOX_NOT_ON_TOPIC)
            + findings.count(SKIPPED_RECORD)
            - lostEventsBefore;

    // ---------------------------------------------------------------- double booking, from the
    // topics and the database
    List<String> clashes = timeline.doubleBookings();
    clashes.forEach(clash -> findings.add(DOUBLE_BOOKED_TOPICS, clash));
    int doubleBooked = clashes.size() + doubleBookedInDatabase(findings);

    int healthyDeadLettered = 0;
    Map<String, Integer> perEvent = new HashMap<>();
    Set<String> ours = new HashSet<>(ids);
    for (Topics.TopicRecord record : records) {
      if (record.deadLetter()) {
        if (!poisonEventIds.contains(record.eventId())
            && !replayedDeadLetters.contains(record.eventId())) {
          healthyDeadLettered++;
          findings.add(
              HEALTHY_DEAD_LETTER,
              "a healthy "
                  + record.type()
                  + " is on "
                  + record.topic()
                  + " ("
                  + record.headers().getOrDefault("kafka_dlt-exception-fqcn", "?")
                  + ": "
                  + record.headers().getOrDefault("kafka_dlt-exception-message", "")
                  + ")");
        }
      } else if (ours.contains(record.key())) {
        perEvent.merge(record.topic() + "/" + record.eventId(), 1, Integer::sum);
      }
    }
    int redelivered = perEvent.values().stream().mapToInt(n -> n - 1).sum();

    Map<String, Integer> actionsDone = new TreeMap<>();
    for (String id : ids) {
      for (ActionLog.Action action : log.of(id)) {
        if (action.done()) {
          actionsDone.merge(action.act().name(), 1, Integer::sum);
        }
      }
    }
    int pairs =
        (int) ids.stream().mapToLong(id -> timeline.count(id, "AppointmentPairBooked")).sum();
    Tally total = byKind.values().stream().reduce(Tally.NONE, Tally::plus);
    // Added after the total: its SMS are counted once already, by kind.
    byKind.put(SMS_BY_NUMBER_AND_DAY, smsOwed);
    return new Result(
        submissions.size(),
        ids.size(),
        actionsDone,
        byKind,
        total.lost() + sms.withheld(),
        total.duplicated(),
        total.resent(),
        total.unexpected(),
        lostEvents,
        doubleBooked,
        ruleBreaks,
        healthyDeadLettered,
        redelivered,
        pairs,
        superseded,
        findings.asMap());
  }

  /**
   * The group a received message belongs to: its case (by recipient; for a number several patients
   * share, the one whose appointment it names) and the version of the pair whose times it names.
   */
  private Key choose(
      Receipts.Receipt receipt,
      List<String> candidates,
      BookingTimeline timeline,
      Map<Key, Group> groups,
      Map<Key, List<Receipts.Receipt>> assigned) {
    String kind = receipt.kind().name();
    Route route =
        kind.startsWith("APPOINTMENT_REMINDER")
            ? Route.ANY
            : receipt.channel() == Receipts.Channel.SMS ? Route.SMS : Route.EMAIL;
    boolean versioned = kind.startsWith("BOOKING_") || receipt.kind().isReminder();
    List<Key> keys = new ArrayList<>();
    for (String referralId : candidates) {
      Cases.Case made = cases.of(referralId).orElseThrow();
      if (!versioned) {
        keys.add(new Key(referralId, receipt.physician(), kind, null, route));
        continue;
      }
      boolean any = false;
      for (BookingTimeline.Version version : timeline.versionsOf(referralId)) {
        if (names(receipt, version, made)) {
          keys.add(new Key(referralId, receipt.physician(), kind, version.key(), route));
          any = true;
        }
      }
      if (!any) {
        keys.add(
            new Key(
                referralId,
                receipt.physician(),
                kind,
                "(times of no booked version: it names "
                    + receipt.when()
                    + (receipt.calendarStarts().isEmpty() ? "" : " " + receipt.calendarStarts())
                    + "; the versions' "
                    + timeline.versionsOf(referralId).stream()
                        .map(
                            v ->
                                v.key()
                                    + " "
                                    + (receipt.channel() == Receipts.Channel.SMS
                                        ? catalog.smsWhen(
                                            v.first().start(),
                                            made.patient().language(),
                                            made.patient().zone())
                                        : catalog.emailWhen(
                                            v.first().start(),
                                            made.patient().language(),
                                            made.patient().zone())))
                        .toList()
                    + ")",
                route));
      }
    }
    if (keys.isEmpty()) {
      return new Key("(nobody of this scenario)", receipt.physician(), kind, null, route);
    }
    // Prefer a group that still has room for this message (its identity already counted there, or a
    // place left).
    for (Key key : keys) {
      Group group = groups.get(key);
      List<Receipts.Receipt> already = assigned.getOrDefault(key, List.of());
      boolean sameIdentity =
          already.stream().anyMatch(r -> r.identity().equals(receipt.identity()));
      long distinct = already.stream().map(Receipts.Receipt::identity).distinct().count();
      if (sameIdentity || group != null && distinct < group.allowed) {
        return key;
      }
    }
    return keys.stream().filter(groups::containsKey).findFirst().orElse(keys.get(0));
  }

  /**
   * Whether a message names this version's times (the calendar file's, or the first appointment's
   * as written).
   */
  private boolean names(
      Receipts.Receipt receipt, BookingTimeline.Version version, Cases.Case made) {
    if (!receipt.calendarStarts().isEmpty()) {
      Set<Instant> starts =
          version.appointments().stream()
              .map(a -> a.start().truncatedTo(ChronoUnit.SECONDS))
              .collect(Collectors.toSet());
      return starts.equals(
          receipt.calendarStarts().stream()
              .map(i -> i.truncatedTo(ChronoUnit.SECONDS))
              .collect(Collectors.toSet()));
    }
    if (receipt.when() == null) {
      return false;
    }
    Instant start = version.first().start();
    ZoneId zone = made.patient().zone();
    MessageCatalog.When written =
        receipt.channel() == Receipts.Channel.SMS
            ? catalog.smsWhen(start, made.patient().language(), zone)
            : catalog.emailWhen(start, made.patient().language(), zone);
    return written.date().equals(receipt.when().date())
        && (receipt.when().time() == null || written.time().equals(receipt.when().time()));
  }

  /**
   * Window, daily and weekly limits, STOP, and limits left unused while SMS were due, per number.
   */
  /**
   * Whether a patient's email about one version of a pair (its booking or a move) may be missing
   * because the version was replaced and the email about what replaced it (a later move of the
   * pair, or its cancellation) arrived.
   */
  private static boolean superseded(
      Key key, BookingTimeline timeline, Map<Key, List<Receipts.Receipt>> assigned) {
    if (key.physician()
        || key.route() != Route.EMAIL
        || key.version() == null
        || !(key.kind().equals("BOOKING_CONFIRMATION")
            || key.kind().equals("BOOKING_RESCHEDULED"))) {
      return false;
    }
    Optional<BookingTimeline.Version> version =
        timeline.versionsOf(key.referralId()).stream()
            .filter(v -> v.key().equals(key.version()))
            .findFirst();
    if (version.isEmpty() || version.get().until() == null) {
      return false;
    }
    Set<String> later = new HashSet<>();
    for (BookingTimeline.Version v : timeline.versionsOf(key.referralId())) {
      if (v.pairId().equals(version.get().pairId()) && v.sequence() > version.get().sequence()) {
        later.add(v.key());
      }
    }
    return assigned.entrySet().stream()
        .anyMatch(
            e ->
                !e.getValue().isEmpty()
                    && e.getKey().referralId().equals(key.referralId())
                    && e.getKey().route() == Route.EMAIL
                    && !e.getKey().physician()
                    && (e.getKey().kind().equals("BOOKING_RESCHEDULED")
                            && later.contains(e.getKey().version())
                        || e.getKey().kind().equals("BOOKING_CANCELLED")
                            && (key.version().equals(e.getKey().version())
                                || later.contains(e.getKey().version()))));
  }

  /**
   * The SMS rules at the phones: rules broken, and the SMS that were due (once their window
   * opened), owed (as many of those as each number's daily and weekly limits allowed on their day),
   * sent (different texts that arrived on such a day), and withheld (owed but not sent).
   */
  record SmsOutcome(int breaks, int due, int owed, int sent, int withheld) {}

  private SmsOutcome smsRules(
      List<Receipts.Receipt> received,
      Map<String, List<String>> byPhone,
      BookingTimeline timeline,
      Expectations expected,
      Findings findings) {
    int breaks = 0;
    int dueCount = 0;
    int owed = 0;
    int sentOnDueDays = 0;
    int withheld = 0;
    Map<String, List<Receipts.Receipt>> smsByPhone =
        received.stream()
            .filter(r -> r.channel() == Receipts.Channel.SMS)
            .collect(
                Collectors.groupingBy(
                    Receipts.Receipt::recipient, LinkedHashMap::new, Collectors.toList()));
    for (Map.Entry<String, List<String>> phone : byPhone.entrySet()) {
      ZoneId zone = cases.of(phone.getValue().get(0)).orElseThrow().patient().zone();
      List<Receipts.Receipt> sms = smsByPhone.getOrDefault(phone.getKey(), List.of());
      // One SMS per identity: a resend of the same message is one text on the phone.
      Map<String, Receipts.Receipt> distinct = new LinkedHashMap<>();
      sms.forEach(r -> distinct.putIfAbsent(r.identity(), r));
      Map<LocalDate, Integer> perDay = new TreeMap<>();
      for (Receipts.Receipt r : distinct.values()) {
        LocalTime local = r.serviceAt().atZone(zone).toLocalTime();
        if (local.isBefore(SMS_WINDOW_START) || !local.isBefore(SMS_WINDOW_END)) {
          breaks++;
          findings.add(SMS_WINDOW, phone.getKey() + " got an SMS at " + local + " in " + zone);
        }
        perDay.merge(r.serviceAt().atZone(zone).toLocalDate(), 1, Integer::sum);
        for (Expectations.Stop stop : expected.stops()) {
          if (stop.phone().equals(phone.getKey())
              && r.serviceAt().isAfter(stop.at().plus(Expectations.FUZZ))) {
            breaks++;
            findings.add(
                SMS_AFTER_STOP,
                phone.getKey()
                    + " replied STOP at "
                    + stop.at()
                    + " and got an SMS at "
                    + r.serviceAt());
          }
        }
        if (r.kind() != null && r.kind().isReminder()) {
          for (String referralId : phone.getValue()) {
            for (BookingTimeline.Version version : timeline.versionsOf(referralId)) {
              if (names(r, version, cases.of(referralId).orElseThrow())
                  && r.serviceAt().isAfter(version.first().start())) {
                breaks++;
                findings.add(
                    LATE_REMINDER,
                    r.kind()
                        + " reached "
                        + phone.getKey()
                        + " at "
                        + r.serviceAt()
                        + ", after the appointment of "
                        + version.first().start());
              }
            }
          }
        }
      }
      for (Map.Entry<LocalDate, Integer> day : perDay.entrySet()) {
        if (day.getValue() > SMS_PER_DAY) {
          breaks++;
          findings.add(
              SMS_DAILY_LIMIT,
              phone.getKey() + " got " + day.getValue() + " SMS on " + day.getKey());
        }
        int week =
            perDay.entrySet().stream()
                .filter(
                    d ->
                        !d.getKey().isBefore(day.getKey().minusDays(6))
                            && !d.getKey().isAfter(day.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
        if (week > SMS_PER_WEEK) {
          breaks++;
          findings.add(
              SMS_WEEKLY_LIMIT,
              phone.getKey() + " got " + week + " SMS in the 7 days to " + day.getKey());
        }
      }
      // Due SMS against what the limits allowed that day: fewer sent than both is an SMS lost.
      Map<LocalDate, List<Expectations.SmsDue>> demand = new TreeMap<>();
      for (Expectations.SmsDue due : expected.smsDemand().getOrDefault(phone.getKey(), List.of())) {
        Instant moment = windowOpenAtOrAfter(system.firstServiceMomentAtOrAfter(due.at()), zone);
        if (moment.isBefore(system.now().minus(Expectations.DELIVERY_SLACK))) {
          demand
              .computeIfAbsent(moment.atZone(zone).toLocalDate(), d -> new ArrayList<>())
              .add(due);
        }
      }
      for (Map.Entry<LocalDate, List<Expectations.SmsDue>> day : demand.entrySet()) {
        int sentBefore =
            perDay.entrySet().stream()
                .filter(
                    d ->
                        d.getKey().isBefore(day.getKey())
                            && !d.getKey().isBefore(day.getKey().minusDays(6)))
                .mapToInt(Map.Entry::getValue)
                .sum();
        int capacity = Math.max(0, Math.min(SMS_PER_DAY, SMS_PER_WEEK - sentBefore));
        int sent = perDay.getOrDefault(day.getKey(), 0);
        int owedThatDay = Math.min(day.getValue().size(), capacity);
        dueCount += day.getValue().size();
        owed += owedThatDay;
        sentOnDueDays += sent;
        withheld += Math.max(0, owedThatDay - sent);
        if (sent < owedThatDay) {
          findings.add(
              SMS_NOT_SENT,
              "a number got "
                  + sent
                  + " SMS on "
                  + day.getKey()
                  + " while "
                  + day.getValue().size()
                  + " were due and the limits allowed "
                  + capacity
                  + ": "
                  + day.getValue().stream()
                      .map(
                          due ->
                              due.key().kind()
                                  + " of referral "
                                  + due.key().referralId()
                                  + " at "
                                  + due.at())
                      .toList());
        }
      }
    }
    return new SmsOutcome(breaks, dueCount, owed, sentOnDueDays, withheld);
  }

  /**
   * The moment itself if the patient's SMS window is open then, else the window's next opening (SMS
   * wait for it).
   */
  static Instant windowOpenAtOrAfter(Instant moment, ZoneId zone) {
    java.time.ZonedDateTime local = moment.atZone(zone);
    if (local.toLocalTime().isBefore(SMS_WINDOW_START)) {
      return local.with(SMS_WINDOW_START).toInstant();
    }
    if (!local.toLocalTime().isBefore(SMS_WINDOW_END)) {
      return local.toLocalDate().plusDays(1).atTime(SMS_WINDOW_START).atZone(zone).toInstant();
    }
    return moment;
  }

  /**
   * Every message the delivery log calls sent reached its provider: emails compared per case,
   * recipient and kind; SMS per number and kind, because patients who share a number cannot be told
   * apart by what arrived there when their appointments fall at the same time.
   */
  private void deliveryLog(
      List<String> ids, Map<Key, List<Receipts.Receipt>> assigned, Findings findings)
      throws SQLException {
    Map<String, Integer> receivedCounts = new HashMap<>();
    assigned.forEach(
        (key, got) -> {
          for (String identity : got.stream().map(Receipts.Receipt::identity).distinct().toList()) {
            Receipts.Receipt receipt =
                got.stream().filter(r -> r.identity().equals(identity)).findFirst().orElseThrow();
            receivedCounts.merge(
                deliveryKey(
                    key.referralId(),
                    key.physician() ? "PHYSICIAN" : "PATIENT",
                    key.kind().split(":")[0],
                    receipt.channel().name(),
                    receipt.recipient()),
                1,
                Integer::sum);
          }
        });
    Map<String, Long> sentCounts = new HashMap<>();
    try (Connection db = system.database(CellPathService.NOTIFICATION);
        PreparedStatement statement =
            db.prepareStatement(
                """
            select referral_id, recipient_role, kind, channel, recipient_address, count(*) from notification
            where status = 'SENT' and referral_id = any(?)
            group by referral_id, recipient_role, kind, channel, recipient_address""")) {
      statement.setArray(1, uuids(db, ids));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          sentCounts.merge(
              deliveryKey(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5)),
              rows.getLong(6),
              Long::sum);
        }
      }
    }
    sentCounts.forEach(
        (key, sent) -> {
          int got = receivedCounts.getOrDefault(key, 0);
          if (got < sent) {
            findings.add(
                DELIVERY_LOG,
                key.split("\\|")[0] + ": " + sent + " SENT in the log, " + got + " arrived");
          }
        });
  }

  /** Email: the case, recipient and kind; SMS: the number and kind. */
  private static String deliveryKey(
      String referralId, String role, String kind, String channel, String address) {
    return "SMS".equals(channel)
        ? kind
            + " by SMS to a number ending "
            + address.substring(address.length() - 4)
            + "|"
            + address
        : kind + " by " + channel + " to the " + role.toLowerCase() + " of referral " + referralId;
  }

  /**
   * Each action has its event on the topic, each event its effect in its consumer; nothing without
   * a cause.
   */
  private void events(
      List<String> ids,
      List<Topics.TopicRecord> records,
      BookingTimeline timeline,
      Map<String, Instant> approvals,
      Findings findings)
      throws SQLException {
    Map<String, Map<String, Integer>> referralEvents = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Topics.TopicRecord record : records) {
      if (record.topic().equals("referral-events")
          && record.eventId() != null
          && seen.add(record.eventId())) {
        referralEvents
            .computeIfAbsent(record.key(), k -> new HashMap<>())
            .merge(record.type(), 1, Integer::sum);
      }
    }
    Map<String, String> referralStatus = new HashMap<>();
    Set<String> reviewed = new HashSet<>();
    Map<String, List<Instant>> timelineEntries = new HashMap<>();
    try (Connection db = system.database(CellPathService.REFERRAL)) {
      query(
          db,
          "select id, status from referral where id = any(?)",
          ids,
          rows -> referralStatus.put(rows.getString(1), rows.getString(2)));
      query(
          db,
          "select distinct referral_id from eligibility_review where referral_id = any(?)",
          ids,
          rows -> reviewed.add(rows.getString(1)));
      query(
          db,
          """
          select referral_id, status, occurred_at from referral_timeline
          where reported_by_scheduling and referral_id = any(?)""",
          ids,
          rows ->
              timelineEntries
                  .computeIfAbsent(
                      rows.getString(1) + "|" + rows.getString(2), k -> new ArrayList<>())
                  .add(rows.getTimestamp(3).toInstant()));
    }
    Map<String, String> caseStatus = new HashMap<>();
    Map<String, Integer> liveAppointments = new HashMap<>();
    try (Connection db = system.database(CellPathService.SCHEDULING)) {
      query(
          db,
          "select referral_id, status from scheduling_case where referral_id = any(?)",
          ids,
          rows -> caseStatus.put(rows.getString(1), rows.getString(2)));
      query(
          db,
          """
          select p.referral_id, count(*) from appointment a join appointment_pair p on p.id = a.pair_id
          where a.status <> 'CANCELLED' and p.referral_id = any(?) group by p.referral_id""",
          ids,
          rows -> liveAppointments.put(rows.getString(1), rows.getInt(2)));
    }
    for (String id : ids) {
      Cases.Case made = cases.of(id).orElseThrow();
      List<ActionLog.Action> actions = log.of(id);
      if (!referralStatus.containsKey(id)) {
        findings.add(NOT_STORED, "referral " + id + " was acknowledged but is not stored");
        continue;
      }
      if (!reviewed.contains(id)) {
        findings.add(
            MISSING_EFFECT, "referral " + id + " was submitted but has no eligibility review");
      }
      Map<String, Integer> published = referralEvents.getOrDefault(id, Map.of());
      boolean withdrawn = done(actions, Act.WITHDRAWN) > 0;
      boolean maybeWithdrawn = unknown(actions, Act.WITHDRAWN) > 0;
      // The decision.
      boolean approvalExpected =
          made.path() != Cases.Path.NEEDS_REVIEW
              ? !withdrawn && !maybeWithdrawn
              : done(actions, Act.APPROVED) > 0;
      boolean approvalAllowed =
          approvalExpected || withdrawn || maybeWithdrawn || unknown(actions, Act.APPROVED) > 0;
      boolean approved = approvals.containsKey(id);
      if (approvalExpected && !approved) {
        findings.add(
            LOST_EVENT, "referral " + id + " (" + made.path() + ") has no ReferralApproved");
      } else if (approved && !approvalAllowed) {
        findings.add(
            EVENT_WITHOUT_ACTION,
            "referral "
                + id
                + " ("
                + made.path()
                + ") was approved though no "
                + "reviewer approved it");
      }
      expectEvents(
          findings,
          id,
          published,
          "ReferralDeclined",
          done(actions, Act.DECLINED),
          unknown(actions, Act.DECLINED));
      expectEvents(
          findings,
          id,
          published,
          "ReferralInfoRequested",
          done(actions, Act.INFO_REQUESTED),
          unknown(actions, Act.INFO_REQUESTED));
      expectEvents(
          findings,
          id,
          published,
          "ReferralAmended",
          done(actions, Act.AMENDED),
          unknown(actions, Act.AMENDED));
      expectEvents(
          findings,
          id,
          published,
          "ReferralWithdrawn",
          done(actions, Act.WITHDRAWN),
          unknown(actions, Act.WITHDRAWN));
      // Scheduling's effect of an approval: a case that was booked or waitlisted, and its report.
      if (approved && !withdrawn && !maybeWithdrawn) {
        if (!caseStatus.containsKey(id)) {
          findings.add(
              MISSING_EFFECT, "referral " + id + " was approved but scheduling has no case for it");
        }
        if (timeline.count(id, "AppointmentPairBooked") + timeline.count(id, "CaseWaitlisted")
            == 0) {
          findings.add(
              MISSING_EFFECT, "referral " + id + " was approved but never booked nor waitlisted");
        }
      }
      // Scheduling's reports against the scheduler's actions.
      long handBookings = done(actions, Act.BOOKED_BY_HAND);
      long booked = timeline.count(id, "AppointmentPairBooked");
      long automatic = approved ? 1 : 0;
      if (booked < handBookings
          || booked > handBookings + automatic + unknown(actions, Act.BOOKED_BY_HAND)) {
        findings.add(
            booked < handBookings ? LOST_EVENT : EVENT_WITHOUT_ACTION,
            "referral "
                + id
                + ": "
                + booked
                + " AppointmentPairBooked for "
                + handBookings
                + " bookings by hand and "
                + automatic
                + " approval");
      }
      rangeOfReports(
          findings,
          timeline,
          id,
          "AppointmentPairRescheduled",
          done(actions, Act.RESCHEDULED),
          unknown(actions, Act.RESCHEDULED));
      long withdrawalCancels =
          withdrawn && hadLiveVersionAt(timeline, id, first(actions, Act.WITHDRAWN)) ? 1 : 0;
      rangeOfReports(
          findings,
          timeline,
          id,
          "AppointmentPairCancelled",
          done(actions, Act.CANCELLED) + withdrawalCancels,
          unknown(actions, Act.CANCELLED)
              + (maybeWithdrawn || withdrawn ? 1 : 0)
              - withdrawalCancels);
      rangeOfReports(
          findings,
          timeline,
          id,
          "AppointmentCompleted",
          done(actions, Act.COMPLETED),
          unknown(actions, Act.COMPLETED));
      rangeOfReports(
          findings,
          timeline,
          id,
          "AppointmentNoShow",
          done(actions, Act.NO_SHOW),
          unknown(actions, Act.NO_SHOW));
      // Each report is on the physician's timeline, dated when scheduling made it.
      for (BookingTimeline.Report report : timeline.reportsOf(id)) {
        String status =
            switch (report.type()) {
              case "AppointmentPairBooked" -> "SCHEDULED";
              case "AppointmentPairRescheduled" -> "RESCHEDULED";
              case "AppointmentPairCancelled" -> "CANCELLED";
              case "CaseWaitlisted" -> "WAITLISTED";
              case "AppointmentCompleted" ->
                  "INJECTION".equals(report.appointmentKind()) ? "COMPLETED" : null;
              case "AppointmentNoShow" -> "NO_SHOW";
              default -> null;
            };
        // PostgreSQL keeps microseconds (rounded), an event's time may carry nanoseconds.
        if (status != null
            && timelineEntries.getOrDefault(id + "|" + status, List.of()).stream()
                .noneMatch(
                    at ->
                        Duration.between(at, report.at()).abs().compareTo(Duration.ofMillis(1))
                            < 0)) {
          findings.add(
              MISSING_EFFECT,
              "referral "
                  + id
                  + ": "
                  + report.type()
                  + " of "
                  + report.at()
                  + " is not on the physician's timeline");
        }
      }
      // A withdrawn case ends with no appointment holding a slot, in the events and in the
      // database.
      if (withdrawn) {
        if (!"WITHDRAWN".equals(referralStatus.get(id))) {
          findings.add(
              MISSING_EFFECT, "referral " + id + " was withdrawn but is " + referralStatus.get(id));
        }
        boolean liveInEvents = timeline.versionsOf(id).stream().anyMatch(v -> v.until() == null);
        if (liveInEvents || liveAppointments.getOrDefault(id, 0) > 0) {
          findings.add(
              WITHDRAWN_STILL_BOOKED,
              "referral "
                  + id
                  + " was withdrawn but "
                  + (liveInEvents
                      ? "its booking events leave a pair live"
                      : "scheduling still holds its slots"));
        }
      }
    }
  }

  /**
   * Outboxes against the topics, and every consumer's inbox against the records of the types it
   * handles.
   */
  private void globalEvents(List<Topics.TopicRecord> records, Findings findings)
      throws SQLException {
    Set<String> onTopics =
        records.stream()
            .filter(r -> !r.deadLetter())
            .map(Topics.TopicRecord::eventId)
            .collect(Collectors.toSet());
    for (CellPathService service : CellPathService.values()) {
      try (Connection db = system.database(service)) {
        long pending = count(db, "select count(*) from outbox_event where published_at is null");
        if (pending > 0) {
          findings.add(
              OUTBOX_PENDING, service.serviceName() + " has " + pending + " outbox events pending");
        }
        List<String> published = new ArrayList<>();
        query(
            db,
            "select event_id from outbox_event where published_at is not null",
            null,
            rows -> published.add(rows.getString(1)));
        long missing = published.stream().filter(id -> !onTopics.contains(id)).count();
        if (missing > 0) {
          findings.add(
              OUTBOX_NOT_ON_TOPIC,
              service.serviceName()
                  + " marked "
                  + missing
                  + " outbox events published that are on no topic");
        }
        String name = service.serviceName().replace("-service", "");
        for (Map.Entry<String, Set<String>> consumer :
            HANDLED.getOrDefault(name, Map.of()).entrySet()) {
          Set<String> handled = new HashSet<>();
          try (PreparedStatement statement =
              db.prepareStatement("select event_id from inbox_event where consumer = ?")) {
            statement.setString(1, consumer.getKey());
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                handled.add(rows.getString(1));
              }
            }
          }
          String topic = TOPIC_OF_CONSUMER.get(consumer.getKey());
          long skipped =
              records.stream()
                  .filter(
                      r ->
                          r.topic().equals(topic)
                              && consumer.getValue().contains(r.type())
                              && !poisonEventIds.contains(r.eventId())
                              && !handled.contains(r.eventId()))
                  .map(Topics.TopicRecord::eventId)
                  .distinct()
                  .count();
          if (skipped > 0) {
            findings.add(
                SKIPPED_RECORD,
                service.serviceName()
                    + " consumer "
                    + consumer.getKey()
                    + " never processed "
                    + skipped
                    + " records of the types it handles");
          }
        }
      }
    }
  }

  private int doubleBookedInDatabase(Findings findings) throws SQLException {
    try (Connection db = system.database(CellPathService.SCHEDULING)) {
      // Computed from the appointments' own times and places, not from the unique index that should
      // prevent it.
      List<String> clashes = new ArrayList<>();
      query(
          db,
          """
          select a.id, b.id, sa.clinician_id = sb.clinician_id as same_clinician, a.starts_at
          from appointment a join appointment b on a.id < b.id
            and a.status <> 'CANCELLED' and b.status <> 'CANCELLED'
            join slot sa on sa.id = a.slot_id join slot sb on sb.id = b.slot_id
          where (sa.clinician_id = sb.clinician_id or sa.room_id = sb.room_id)
            and a.starts_at < b.ends_at and b.starts_at < a.ends_at""",
          null,
          rows ->
              clashes.add(
                  "appointments "
                      + rows.getString(1)
                      + " and "
                      + rows.getString(2)
                      + " hold the same "
                      + (rows.getBoolean(3) ? "clinician" : "room")
                      + " at "
                      + rows.getTimestamp(4).toInstant()));
      clashes.forEach(clash -> findings.add(DOUBLE_BOOKED_DATABASE, clash));
      return clashes.size();
    }
  }

  private static void expectEvents(
      Findings findings,
      String id,
      Map<String, Integer> published,
      String type,
      long done,
      long unknown) {
    int count = published.getOrDefault(type, 0);
    if (count < done) {
      findings.add(
          LOST_EVENT, "referral " + id + ": " + done + " actions but " + count + " " + type);
    } else if (count > done + unknown) {
      findings.add(
          EVENT_WITHOUT_ACTION,
          "referral " + id + ": " + count + " " + type + " for " + done + " actions");
    }
  }

  private static void rangeOfReports(
      Findings findings,
      BookingTimeline timeline,
      String id,
      String type,
      long done,
      long unknown) {
    long count = timeline.count(id, type);
    if (count < done) {
      findings.add(
          LOST_EVENT, "referral " + id + ": " + done + " actions but " + count + " " + type);
    } else if (count > done + Math.max(0, unknown)) {
      findings.add(
          EVENT_WITHOUT_ACTION,
          "referral " + id + ": " + count + " " + type + " for " + done + " actions");
    }
  }

  private static boolean hadLiveVersionAt(
      BookingTimeline timeline, String id, Optional<ActionLog.Action> action) {
    return action.isPresent()
        && timeline.versionsOf(id).stream()
            .anyMatch(
                v ->
                    v.liveAt(action.get().serviceAt().minus(Expectations.FUZZ))
                        || v.liveAt(action.get().serviceAt()));
  }

  private static Optional<ActionLog.Action> first(List<ActionLog.Action> actions, Act act) {
    return actions.stream().filter(a -> a.act() == act && a.done()).findFirst();
  }

  private static long done(List<ActionLog.Action> actions, Act act) {
    return actions.stream().filter(a -> a.act() == act && a.done()).count();
  }

  private static long unknown(List<ActionLog.Action> actions, Act act) {
    return actions.stream().filter(a -> a.act() == act && a.unknown()).count();
  }

  /**
   * The first time each referral's event of this type was published (by occurredAt), by referral
   * id.
   */
  private static Map<String, Instant> firstEvent(
      List<Topics.TopicRecord> records, String topic, String type) {
    Map<String, Instant> first = new HashMap<>();
    for (Topics.TopicRecord record : records) {
      if (record.topic().equals(topic) && type.equals(record.type())) {
        try {
          JsonNode event = record.json();
          Instant at = Instant.parse(event.path("occurredAt").asString());
          first.merge(event.path("referralId").asString(), at, (a, b) -> a.isBefore(b) ? a : b);
        } catch (RuntimeException notAnEvent) {
          // a poison record
        }
      }
    }
    return first;
  }

  long outboxPending() throws SQLException {
    long pending = 0;
    for (CellPathService service : CellPathService.values()) {
      try (Connection db = system.database(service)) {
        pending += count(db, "select count(*) from outbox_event where published_at is null");
      }
    }
    return pending;
  }

  private static String why(Group group) {
    return group == null ? "nothing of this kind was expected" : String.join(", ", group.why);
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() > 120 ? flat.substring(0, 120) + "..." : flat;
  }

  interface RowHandler {
    void row(ResultSet rows) throws SQLException;
  }

  static void query(Connection db, String sql, List<String> ids, RowHandler handler)
      throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      if (ids != null) {
        statement.setArray(1, uuids(db, ids));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          handler.row(rows);
        }
      }
    }
  }

  static long count(Connection db, String sql, List<?>... parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setArray(
            i + 1,
            parameters[i].isEmpty() || parameters[i].get(0) instanceof UUID
                ? uuids(db, parameters[i])
                : db.createArrayOf("text", parameters[i].toArray()));
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  static List<String> strings(Connection db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    query(db, sql, null, rows -> values.add(rows.getString(1)));
    return values;
  }

  private static Array uuids(Connection db, Collection<?> ids) throws SQLException {
    return db.createArrayOf(
        "uuid", ids.stream().map(Object::toString).map(UUID::fromString).toArray());
  }

  /** Findings by check, in the order found. */
  static final class Findings {
    private final Map<String, List<String>> byCheck = new LinkedHashMap<>();

    void add(String check, String finding) {
      byCheck.computeIfAbsent(check, c -> new ArrayList<>()).add(finding);
    }

    int count(String check) {
      return byCheck.getOrDefault(check, List.of()).size();
    }

    Map<String, List<String>> asMap() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      byCheck.forEach((check, list) -> copy.put(check, List.copyOf(list)));
      return copy;
    }
  }

  static Duration since(Instant start) {
    return Duration.between(start, Instant.now());
  }
}
