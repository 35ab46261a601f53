package org.cellpath.faults;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.cellpath.localstack.CellPathService;

/**
 * Reads everything back at the end and counts, Jepsen style: every topic from offset 0, every service's database,
 * what the SMTP server and the SMS provider received. It never trusts a service's own report of what it did.
 */
final class Reconciler {

  /** One record as read back from a topic. */
  record TopicRecord(String topic, int partition, long offset, String key, String eventId, String type,
      Map<String, String> headers, String value) {}

  /** What one scenario's referrals became, and every rule that was broken (empty when the scenario passed). */
  record Reconciliation(int acknowledged, int stored, int reviews, int pairs, int confirmationEmails,
      int confirmationSms, int lost, int duplicated, int doubleBooked, int healthyDeadLettered,
      int redeliveredRecords, int repeatedProviderCalls, int outboxPending, List<String> problems) {

    boolean clean() {
      return problems.isEmpty();
    }
  }

  private final FaultSystem system;
  private final Set<String> poisonEventIds;

  Reconciler(FaultSystem system, Set<String> poisonEventIds) {
    this.system = system;
    this.poisonEventIds = poisonEventIds;
  }

  /** Whether every acknowledged referral has gone all the way: scheduled, confirmation sent by email and SMS. */
  boolean settled(List<ReferralLoad.Submission> submissions) throws SQLException {
    List<UUID> ids = acknowledgedIds(submissions);
    try (Connection referral = system.database(CellPathService.REFERRAL);
        Connection notification = system.database(CellPathService.NOTIFICATION)) {
      long scheduled = count(referral, "select count(*) from referral where status = 'SCHEDULED' and id = any(?)",
          ids);
      long confirmations = count(notification, """
          select count(*) from notification where kind = 'BOOKING_CONFIRMATION' and recipient_role = 'PATIENT'
          and status = 'SENT' and referral_id = any(?)""", ids);
      long due = count(notification,
          "select count(*) from notification where status = 'PENDING' and due_at <= now() and referral_id = any(?)",
          ids);
      return scheduled == ids.size() && confirmations == 2L * ids.size() && due == 0 && outboxPending() == 0;
    }
  }

  Reconciliation reconcile(List<ReferralLoad.Submission> submissions) throws SQLException {
    List<String> problems = new ArrayList<>();
    List<UUID> ids = acknowledgedIds(submissions);
    int unacknowledged = submissions.size() - ids.size();
    if (unacknowledged > 0) {
      problems.add(unacknowledged + " submissions were never acknowledged");
    }
    int lost = 0;
    int duplicated = 0;

    // referral-service: the referral, its review, its status.
    int stored;
    int reviews;
    try (Connection db = system.database(CellPathService.REFERRAL)) {
      stored = (int) count(db, "select count(*) from referral where id = any(?)", ids);
      long byKey = count(db, "select count(*) from referral where idempotency_key = any(cast(? as text[]))",
          submissions.stream().map(ReferralLoad.Submission::idempotencyKey).toList());
      lost += ids.size() - stored;
      duplicated += (int) Math.max(0, byKey - submissions.size());
      Map<UUID, Long> reviewsPerReferral = countsBy(db,
          "select referral_id, count(*) from eligibility_review where state = 'APPROVED' and referral_id = any(?) "
              + "group by referral_id", ids);
      reviews = reviewsPerReferral.values().stream().mapToInt(Long::intValue).sum();
      lost += missing(ids, reviewsPerReferral, problems, "an approved review");
      duplicated += extra(reviewsPerReferral, problems, "approved reviews");
      long notScheduled = count(db, "select count(*) from referral where status <> 'SCHEDULED' and id = any(?)", ids);
      if (notScheduled > 0) {
        problems.add(notScheduled + " referrals are not SCHEDULED on the physician's timeline");
      }
    }

    // scheduling-service: one pair per approved referral, no slot held twice.
    int pairs;
    int doubleBooked;
    try (Connection db = system.database(CellPathService.SCHEDULING)) {
      Map<UUID, Long> pairsPerReferral = countsBy(db,
          "select referral_id, count(*) from appointment_pair where referral_id = any(?) group by referral_id", ids);
      pairs = pairsPerReferral.values().stream().mapToInt(Long::intValue).sum();
      lost += missing(ids, pairsPerReferral, problems, "an appointment pair");
      duplicated += extra(pairsPerReferral, problems, "appointment pairs");
      doubleBooked = (int) count(db, """
          select count(*) from (select slot_id from appointment where status <> 'CANCELLED'
                                group by slot_id having count(*) > 1) held_twice""");
      doubleBooked += (int) count(db, """
          select count(*) from appointment a join appointment b on a.id < b.id
            and a.status <> 'CANCELLED' and b.status <> 'CANCELLED'
            join slot sa on sa.id = a.slot_id join slot sb on sb.id = b.slot_id
          where (sa.clinician_id = sb.clinician_id or sa.room_id = sb.room_id)
            and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)""");
      if (doubleBooked > 0) {
        problems.add(doubleBooked + " slots or clinician/room hours are held by two appointments");
      }
    }

    // notification-service and the outside world: every message sent is at the SMTP server or the SMS provider
    // exactly once; every confirmation was sent.
    int confirmationEmails = 0;
    int confirmationSms = 0;
    int repeatedProviderCalls = 0;
    Map<String, List<String>> mailsById = system.mailByNotification();
    Map<String, Integer> smsById = system.sms().acceptedByKey();
    try (Connection db = system.database(CellPathService.NOTIFICATION);
        PreparedStatement statement = db.prepareStatement("""
            select id, referral_id, kind, channel, status, due_at <= now() as due from notification
            where referral_id = any(?)""")) {
      statement.setArray(1, uuids(db, ids));
      Map<UUID, Integer> confirmationsPerReferral = new HashMap<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString("id");
          String kind = rows.getString("kind");
          String channel = rows.getString("channel");
          String status = rows.getString("status");
          if ("FAILED".equals(status) || ("PENDING".equals(status) && rows.getBoolean("due"))) {
            lost++;
            problems.add(kind + " by " + channel + " for referral " + rows.getString("referral_id") + " is " + status);
            continue;
          }
          if (!"SENT".equals(status)) {
            continue;
          }
          List<String> transmissions = "EMAIL".equals(channel) ? mailsById.getOrDefault(id, List.of())
              : java.util.Collections.nCopies(smsById.getOrDefault(id, 0), id);
          long identities = transmissions.stream().distinct().count();
          if (transmissions.isEmpty()) {
            lost++;
            problems.add(kind + " by " + channel + " is SENT in the log but the provider never got it");
          } else if (identities > 1) {
            duplicated += (int) (identities - 1);
            problems.add(kind + " by " + channel + " reached the provider as " + identities + " different messages");
          } else {
            // The same message again (same Message-ID or Idempotency-Key) after a crash: the patient gets one.
            repeatedProviderCalls += transmissions.size() - 1;
          }
          if ("BOOKING_CONFIRMATION".equals(kind)) {
            confirmationsPerReferral.merge(UUID.fromString(rows.getString("referral_id")), 1, Integer::sum);
            if ("EMAIL".equals(channel)) {
              confirmationEmails++;
            } else {
              confirmationSms++;
            }
          }
        }
      }
      long withoutConfirmation = ids.stream().filter(id -> confirmationsPerReferral.getOrDefault(id, 0) < 2).count();
      if (withoutConfirmation > 0) {
        lost += (int) withoutConfirmation;
        problems.add(withoutConfirmation + " referrals lack a sent confirmation by email and SMS");
      }
    }

    // The topics and the databases against each other.
    List<TopicRecord> records = readAllTopics();
    Set<String> onTopics = new HashSet<>();
    // Records of this scenario's referrals that are on their topic more than once (the relay sent them again).
    Set<String> ours = new HashSet<>(ids.stream().map(UUID::toString).toList());
    Map<String, Integer> perEventId = new HashMap<>();
    int healthyDeadLettered = 0;
    for (TopicRecord record : records) {
      if (record.topic().endsWith(".dlq")) {
        if (!poisonEventIds.contains(record.eventId())) {
          healthyDeadLettered++;
          problems.add("a healthy " + record.type() + " is on " + record.topic());
        }
      } else {
        onTopics.add(record.eventId());
        if (ours.contains(record.key())) {
          perEventId.merge(record.topic() + "/" + record.eventId(), 1, Integer::sum);
        }
      }
    }
    int redelivered = perEventId.values().stream().mapToInt(n -> n - 1).sum();
    int outboxPending = 0;
    for (CellPathService service : CellPathService.values()) {
      try (Connection db = system.database(service)) {
        outboxPending += (int) count(db, "select count(*) from outbox_event where published_at is null");
        List<String> published = strings(db, "select event_id from outbox_event where published_at is not null");
        long notOnTopics = published.stream().filter(id -> !onTopics.contains(id)).count();
        if (notOnTopics > 0) {
          problems.add(service.serviceName() + " marked " + notOnTopics
              + " outbox events published that are on no topic");
        }
        problems.addAll(skippedRecords(service, db, records));
      }
    }
    if (outboxPending > 0) {
      problems.add(outboxPending + " outbox events are still pending");
    }
    return new Reconciliation(ids.size(), stored, reviews, pairs, confirmationEmails, confirmationSms, lost,
        duplicated, doubleBooked, healthyDeadLettered, redelivered, repeatedProviderCalls, outboxPending,
        List.copyOf(problems));
  }

  /**
   * Offsets never pass an unprocessed record: every record on a topic whose type a consumer handles (the types in
   * its inbox) is in that consumer's inbox, unless it is a poison record and went to a dead-letter topic.
   */
  private List<String> skippedRecords(CellPathService service, Connection db, List<TopicRecord> records)
      throws SQLException {
    Map<String, Set<String>> handledTypes = new HashMap<>();
    Map<String, Set<String>> handledIds = new HashMap<>();
    try (PreparedStatement statement = db.prepareStatement("select consumer, event_id, event_type from inbox_event");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        handledTypes.computeIfAbsent(rows.getString(1), c -> new HashSet<>()).add(rows.getString(3));
        handledIds.computeIfAbsent(rows.getString(1), c -> new HashSet<>()).add(rows.getString(2));
      }
    }
    List<String> problems = new ArrayList<>();
    handledTypes.forEach((consumer, types) -> {
      long skipped = records.stream()
          .filter(r -> !r.topic().endsWith(".dlq") && types.contains(r.type()) && !poisonEventIds.contains(r.eventId()))
          .filter(r -> !handledIds.get(consumer).contains(r.eventId()))
          .map(TopicRecord::eventId).distinct().count();
      if (skipped > 0) {
        problems.add(service.serviceName() + " consumer " + consumer + " never processed " + skipped
            + " records of the types it handles");
      }
    });
    return problems;
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

  /** Every record of every topic, dead-letter topics included, from offset 0 to the end. */
  List<TopicRecord> readAllTopics() {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : admin.listTopics().names().get()) {
        consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<TopicRecord> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read the topics to their end within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          Map<String, String> headers = new HashMap<>();
          for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
          }
          records.add(new TopicRecord(record.topic(), record.partition(), record.offset(),
              record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), headers.get("ce_id"),
              headers.get("ce_type"), headers, new String(record.value(), StandardCharsets.UTF_8)));
        }
      }
      return records;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lag of a consumer group over these topics: records it has not committed past, on every partition. */
  long lag(String group, String... topics) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> partitions = new HashMap<>();
      admin.describeTopics(List.of(topics)).allTopicNames().get().forEach((topic, description) ->
          description.partitions().forEach(p -> partitions.put(new TopicPartition(topic, p.partition()),
              org.apache.kafka.clients.admin.OffsetSpec.latest())));
      var latest = admin.listOffsets(partitions).all().get();
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long lag = 0;
      for (TopicPartition partition : partitions.keySet()) {
        var offset = committed.get(partition);
        lag += latest.get(partition).offset() - (offset == null ? 0 : offset.offset());
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<UUID> acknowledgedIds(List<ReferralLoad.Submission> submissions) {
    return submissions.stream().filter(s -> s.referralId() != null).map(s -> UUID.fromString(s.referralId()))
        .toList();
  }

  private static int missing(List<UUID> ids, Map<UUID, Long> counts, List<String> problems, String what) {
    int missing = (int) ids.stream().filter(id -> !counts.containsKey(id)).count();
    if (missing > 0) {
      problems.add(missing + " referrals have no " + what);
    }
    return missing;
  }

  private static int extra(Map<UUID, Long> counts, List<String> problems, String what) {
    int extra = (int) counts.values().stream().mapToLong(n -> n - 1).sum();
    if (extra > 0) {
      problems.add(extra + " extra " + what);
    }
    return extra;
  }

  static long count(Connection db, String sql, List<?>... parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setArray(i + 1, parameters[i].isEmpty() || parameters[i].get(0) instanceof UUID
            ? uuids(db, parameters[i]) : db.createArrayOf("text", parameters[i].toArray()));
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static Map<UUID, Long> countsBy(Connection db, String sql, List<UUID> ids) throws SQLException {
    Map<UUID, Long> counts = new HashMap<>();
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setArray(1, uuids(db, ids));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          counts.put(UUID.fromString(rows.getString(1)), rows.getLong(2));
        }
      }
    }
    return counts;
  }

  static List<String> strings(Connection db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static Array uuids(Connection db, List<?> ids) throws SQLException {
    return db.createArrayOf("uuid", ids.toArray());
  }
}
