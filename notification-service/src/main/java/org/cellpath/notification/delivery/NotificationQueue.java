package org.cellpath.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.NotificationFailed;
import org.cellpath.contracts.NotificationSent;
import org.cellpath.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code notification} table. Every change of a message's state and the event that reports it are written with
 * the caller's transaction, so the log, the queue and the published events never disagree.
 */
@Repository
public class NotificationQueue {

  private static final Logger log = LoggerFactory.getLogger(NotificationQueue.class);

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final DispatchTrigger trigger;

  NotificationQueue(JdbcClient jdbc, Outbox outbox, DispatchTrigger trigger) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.trigger = trigger;
  }

  /**
   * Queues a message, due now. A message without an address is recorded as FAILED ({@code NO_ADDRESS}) and
   * reported with {@code NotificationFailed}, so that staff see who could not be told. Call it inside the
   * transaction that records the causing event.
   *
   * @return false when a message of this kind for this recipient was already queued for the event
   */
  public boolean enqueue(NewNotification message, Instant now) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("enqueue needs the transaction that records the causing event");
    }
    UUID id = UUID.randomUUID();
    boolean reachable = message.address() != null;
    int inserted = jdbc.sql("""
            insert into notification (id, event_id, referral_id, kind, recipient_role, channel, recipient_address,
                language, subject, body_text, body_html, status, last_error, due_at)
            values (:id, :eventId, :referralId, :kind, :role, :channel, :address,
                :language, :subject, :text, :html, :status, :lastError, :dueAt)
            on conflict on constraint notification_once_per_event_kind_recipient do nothing
            """)
        .param("id", id)
        .param("eventId", message.eventId())
        .param("referralId", message.referralId())
        .param("kind", message.kind().name())
        .param("role", message.recipientRole().name())
        .param("channel", message.channel().name())
        .param("address", message.address())
        .param("language", message.language())
        .param("subject", message.content().subject())
        .param("text", message.content().textBody())
        .param("html", message.content().htmlBody())
        .param("status", (reachable ? DeliveryStatus.PENDING : DeliveryStatus.FAILED).name())
        .param("lastError", reachable ? null : FailureCode.NO_ADDRESS.name())
        .param("dueAt", utc(now))
        .update();
    if (inserted == 0) {
      log.info("{} for {} of referral {} was already queued for event {}; skipped", message.kind(),
          message.recipientRole(), message.referralId(), message.eventId());
      return false;
    }
    if (reachable) {
      log.info("Queued {} by {} for referral {}", message.kind(), message.channel(), message.referralId());
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          trigger.signal();
        }
      });
    } else {
      log.warn("Cannot send {} by {} for referral {}: the {} gave no address ({})", message.kind(),
          message.channel(), message.referralId(), message.recipientRole(), FailureCode.NO_ADDRESS);
      outbox.append(new NotificationFailed(UUID.randomUUID(), message.referralId(), now, id, message.kind().name(),
          message.channel(), message.recipientRole().name(), FailureCode.NO_ADDRESS.name()));
    }
    return true;
  }

  /**
   * The oldest due PENDING message, locked until the caller's transaction ends. Rows locked by another dispatcher
   * (another instance) are skipped, so each message is worked on by one dispatcher at a time.
   */
  Optional<QueuedNotification> claimNextDue(Instant now) {
    return jdbc.sql("""
            select id, referral_id, kind, recipient_role, channel, recipient_address, subject, body_text, body_html,
                attempts
            from notification
            where status = 'PENDING' and due_at <= :now
            order by due_at, created_at
            limit 1
            for update skip locked
            """)
        .param("now", utc(now))
        .query((rs, row) -> new QueuedNotification(rs.getObject("id", UUID.class),
            rs.getObject("referral_id", UUID.class), MessageKind.valueOf(rs.getString("kind")),
            RecipientRole.valueOf(rs.getString("recipient_role")), ContactChannel.valueOf(rs.getString("channel")),
            rs.getString("recipient_address"), rs.getString("subject"), rs.getString("body_text"),
            rs.getString("body_html"), rs.getInt("attempts")))
        .optional();
  }

  /** The provider accepted the message: SENT, and {@code NotificationSent} published. */
  void recordSent(QueuedNotification message, int attempt, Instant now) {
    jdbc.sql("""
            update notification set status = 'SENT', attempts = :attempt, last_attempt_at = :now, sent_at = :now,
                last_error = null
            where id = :id
            """)
        .param("attempt", attempt).param("now", utc(now)).param("id", message.id()).update();
    recordAttempt(message.id(), attempt, now, DeliveryRecord.Outcome.SENT, null);
    outbox.append(new NotificationSent(UUID.randomUUID(), message.referralId(), now, message.id(),
        message.kind().name(), message.channel(), message.recipientRole().name()));
  }

  /** The attempt failed and another one is due at {@code nextAttemptAt}. */
  void recordRetry(QueuedNotification message, int attempt, Instant now, Instant nextAttemptAt, FailureCode code) {
    jdbc.sql("""
            update notification set attempts = :attempt, last_attempt_at = :now, last_error = :code, due_at = :due
            where id = :id
            """)
        .param("attempt", attempt).param("now", utc(now)).param("code", code.name())
        .param("due", utc(nextAttemptAt)).param("id", message.id()).update();
    recordAttempt(message.id(), attempt, now, DeliveryRecord.Outcome.RETRY, code);
  }

  /**
   * The message cannot be tried now, for a reason that is not a failed attempt (quiet hours, an open circuit
   * breaker, a rate limit): it stays PENDING, due again at {@code until}, and its attempts do not change.
   */
  void hold(QueuedNotification message, Instant until, FailureCode reason) {
    jdbc.sql("update notification set due_at = :due, last_error = :code where id = :id")
        .param("due", utc(until)).param("code", reason == null ? null : reason.name()).param("id", message.id())
        .update();
  }

  /** The message is given up: FAILED, and {@code NotificationFailed} published for staff to follow up. */
  void recordFailed(QueuedNotification message, int attempt, Instant now, FailureCode code) {
    jdbc.sql("""
            update notification set status = 'FAILED', attempts = :attempt, last_attempt_at = :now, last_error = :code
            where id = :id
            """)
        .param("attempt", attempt).param("now", utc(now)).param("code", code.name()).param("id", message.id())
        .update();
    recordAttempt(message.id(), attempt, now, DeliveryRecord.Outcome.FAILED, code);
    outbox.append(new NotificationFailed(UUID.randomUUID(), message.referralId(), now, message.id(),
        message.kind().name(), message.channel(), message.recipientRole().name(), code.name()));
  }

  /** Every message queued for a referral, oldest first, each with its attempts; addresses masked. */
  public List<DeliveryRecord> forReferral(UUID referralId) {
    Map<UUID, List<DeliveryRecord.Attempt>> attempts = jdbc.sql("""
            select a.notification_id, a.attempt, a.attempted_at, a.outcome, a.error_code
            from notification_attempt a join notification n on n.id = a.notification_id
            where n.referral_id = :referralId
            order by a.notification_id, a.attempt
            """)
        .param("referralId", referralId)
        .query((rs, row) -> Map.entry(rs.getObject("notification_id", UUID.class),
            new DeliveryRecord.Attempt(rs.getInt("attempt"), instant(rs, "attempted_at"),
                DeliveryRecord.Outcome.valueOf(rs.getString("outcome")), failureCode(rs, "error_code"))))
        .list().stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return jdbc.sql("""
            select id, kind, channel, recipient_role, recipient_address, language, status, attempts, last_error,
                created_at, due_at, sent_at
            from notification
            where referral_id = :referralId
            order by created_at, kind, recipient_role
            """)
        .param("referralId", referralId)
        .query((rs, row) -> {
          UUID id = rs.getObject("id", UUID.class);
          ContactChannel channel = ContactChannel.valueOf(rs.getString("channel"));
          return new DeliveryRecord(id, MessageKind.valueOf(rs.getString("kind")), channel,
              RecipientRole.valueOf(rs.getString("recipient_role")),
              AddressMask.mask(channel, rs.getString("recipient_address")), rs.getString("language"),
              DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), failureCode(rs, "last_error"),
              instant(rs, "created_at"), instant(rs, "due_at"), instant(rs, "sent_at"),
              attempts.getOrDefault(id, List.of()));
        })
        .list();
  }

  private void recordAttempt(UUID id, int attempt, Instant now, DeliveryRecord.Outcome outcome, FailureCode code) {
    jdbc.sql("""
            insert into notification_attempt (notification_id, attempt, attempted_at, outcome, error_code)
            values (:id, :attempt, :now, :outcome, :code)
            """)
        .param("id", id).param("attempt", attempt).param("now", utc(now)).param("outcome", outcome.name())
        .param("code", code == null ? null : code.name())
        .update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static FailureCode failureCode(ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    return value == null ? null : FailureCode.valueOf(value);
  }
}
