package org.cellpath.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** What the dispatcher needs of a row; see {@link #queued}. */
  private static final String SELECT_QUEUED = """
      select id, event_id, referral_id, kind, recipient_role, channel, recipient_address, language, subject,
          body_text, body_html, calendar_ics, attempts, due_at, expires_at, time_zone, pair_id, pair_sequence,
          fallback_address, fallback_subject, fallback_text, fallback_html
      from notification
      """;

  private static final Set<ContactChannel> ALL_CHANNELS = Set.of(ContactChannel.values());

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
                language, subject, body_text, body_html, calendar_ics, status, last_error, due_at, expires_at,
                time_zone, pair_id, pair_sequence, fallback_address, fallback_subject, fallback_text, fallback_html)
            values (:id, :eventId, :referralId, :kind, :role, :channel, :address,
                :language, :subject, :text, :html, :calendar, :status, :lastError, :dueAt, :expiresAt,
                :timeZone, :pairId, :pairSequence, :fallbackAddress, :fallbackSubject, :fallbackText, :fallbackHtml)
            on conflict on constraint notification_once_per_event_kind_recipient_channel do nothing
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
        .param("calendar", message.content().calendar())
        .param("status", (reachable ? DeliveryStatus.PENDING : DeliveryStatus.FAILED).name())
        .param("lastError", reachable ? null : FailureCode.NO_ADDRESS.name())
        .param("dueAt", utc(message.dueAt() == null ? now : message.dueAt()))
        .param("expiresAt", message.expiresAt() == null ? null : utc(message.expiresAt()))
        .param("timeZone", message.timeZone())
        .param("pairId", message.pair() == null ? null : message.pair().pairId())
        .param("pairSequence", message.pair() == null ? null : message.pair().sequence())
        .param("fallbackAddress", message.fallback() == null ? null : message.fallback().address())
        .param("fallbackSubject", message.fallback() == null ? null : message.fallback().content().subject())
        .param("fallbackText", message.fallback() == null ? null : message.fallback().content().textBody())
        .param("fallbackHtml", message.fallback() == null ? null : message.fallback().content().htmlBody())
        .update();
    if (inserted == 0) {
      log.info("{} by {} for {} of referral {} was already queued for event {}; skipped", message.kind(),
          message.channel(), message.recipientRole(), message.referralId(), message.eventId());
      return false;
    }
    if (reachable) {
      log.info("Queued {} by {} for referral {}, due {}", message.kind(), message.channel(), message.referralId(),
          message.dueAt() == null ? "now" : message.dueAt());
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
   *
   * @param skipped channels whose messages are left alone for now
   */
  Optional<QueuedNotification> claimNextDue(Instant now, Set<ContactChannel> skipped) {
    if (skipped.containsAll(ALL_CHANNELS)) {
      return Optional.empty();
    }
    // The channels still wanted, named positively, so that the index on (channel, due_at) finds their oldest.
    List<String> wanted = ALL_CHANNELS.stream().filter(channel -> !skipped.contains(channel))
        .map(ContactChannel::name).toList();
    return jdbc.sql(SELECT_QUEUED + "where status = 'PENDING' and due_at <= :now"
            + (skipped.isEmpty() ? "" : " and channel in (:wanted)") + """

            order by due_at, created_at
            limit 1
            for update skip locked
            """)
        .param("now", utc(now))
        .param("wanted", wanted)
        .query(NotificationQueue::queued)
        .optional();
  }

  /**
   * Queues the email that stands for an SMS which may not go, unless that email is already queued (a message that
   * goes by both channels). It is due when the SMS was: a reminder skipped days ahead (an opt-out) still goes on its
   * day. It is the same reminder, so it expires when the SMS does, and none is queued once that moment has come.
   * Call it in the transaction that closes the SMS.
   *
   * @return true when an email was queued
   */
  boolean enqueueFallback(QueuedNotification sms, Instant now) {
    if (sms.fallback() == null || sms.expiredAt(now)) {
      return false;
    }
    return enqueue(new NewNotification(sms.eventId(), sms.referralId(), sms.kind(), sms.recipientRole(),
        ContactChannel.EMAIL, sms.fallback().address(), sms.language(), sms.fallback().content(),
        sms.dueAt().isAfter(now) ? sms.dueAt() : now, sms.expiresAt(), sms.timeZone(), sms.pair(), null), now);
  }

  /**
   * A PENDING message that must not go: CANCELLED (it names an old time, or its expiry has come) or SKIPPED (an SMS
   * that may not go).
   */
  void close(QueuedNotification message, DeliveryStatus status, ClosedReason reason, Instant now) {
    jdbc.sql("""
            update notification set status = :status, closed_reason = :reason, closed_at = :now
            where id = :id and status = 'PENDING'
            """)
        .param("status", status.name()).param("reason", reason.name()).param("now", utc(now))
        .param("id", message.id()).update();
  }

  /**
   * Cancels every PENDING message about a pair that was written for an earlier calendar sequence: after a reschedule
   * or a cancellation, no reminder or confirmation naming an old time goes out. Rows a dispatcher is sending right
   * now are waited for (row lock); those it sent stay SENT.
   *
   * @return how many messages were cancelled
   */
  public int cancelPendingForPair(UUID pairId, int beforeSequence, ClosedReason reason, Instant now) {
    return jdbc.sql("""
            update notification set status = 'CANCELLED', closed_reason = :reason, closed_at = :now
            where pair_id = :pairId and status = 'PENDING' and pair_sequence < :sequence
            """)
        .param("reason", reason.name()).param("now", utc(now)).param("pairId", pairId)
        .param("sequence", beforeSequence).update();
  }

  /**
   * The phone number's SMS still waiting, for an opt-out: each is closed as SKIPPED and its email fallback, if any,
   * queued, in the caller's transaction; a reminder whose expiry has come (the dispatcher never got to it) is closed
   * as EXPIRED instead, with no email.
   *
   * @return how many SMS were closed
   */
  public int skipPendingSms(String phone, ClosedReason reason, Instant now) {
    List<UUID> ids = jdbc.sql("""
            select id from notification
            where channel = 'SMS' and status = 'PENDING' and recipient_address = :phone
            for update
            """)
        .param("phone", phone).query(UUID.class).list();
    for (UUID id : ids) {
      QueuedNotification sms = byId(id);
      if (sms.expiredAt(now)) {
        close(sms, DeliveryStatus.CANCELLED, ClosedReason.EXPIRED, now);
      } else {
        close(sms, DeliveryStatus.SKIPPED, reason, now);
        enqueueFallback(sms, now);
      }
    }
    return ids.size();
  }

  /**
   * Where the message's appointment pair stands, read under a shared lock on its row in {@code appointment_pair}
   * (written by the event consumers, {@code messages.AppointmentPairs}) that lasts until the caller's transaction
   * ends. A reschedule or cancellation advances that row before it cancels the pair's waiting messages, so while the
   * lock is held none can take effect, and one already under way shows as {@link PairState#CHANGING}. Never waits:
   * the consumer that holds the row may itself be waiting for the message's row lock.
   */
  PairState pairState(NewNotification.PairVersion pair) {
    Optional<PairState> known = jdbc.sql("""
            select sequence, cancelled from appointment_pair where pair_id = :pairId
            for share skip locked
            """)
        .param("pairId", pair.pairId())
        .query((rs, row) -> rs.getInt("sequence") <= pair.sequence() ? PairState.CURRENT
            : rs.getBoolean("cancelled") ? PairState.CANCELLED : PairState.RESCHEDULED)
        .optional();
    if (known.isPresent()) {
      return known.get();
    }
    boolean exists = jdbc.sql("select exists (select 1 from appointment_pair where pair_id = :pairId)")
        .param("pairId", pair.pairId()).query(Boolean.class).single();
    return exists ? PairState.CHANGING : PairState.CURRENT;
  }

  /** Whether the times a message was written for still hold; see {@link #pairState}. */
  enum PairState {
    /** The message was written for the pair's newest times (or nothing is known of the pair). */
    CURRENT,
    /** A reschedule or cancellation of the pair is being recorded right now. */
    CHANGING,
    /** The pair was rescheduled after the message was written. */
    RESCHEDULED,
    /** The pair was cancelled after the message was written. */
    CANCELLED
  }

  /** How many SMS were sent to the number since {@code since}. */
  int smsSentSince(String phone, Instant since) {
    return jdbc.sql("""
            select count(*) from notification
            where channel = 'SMS' and status = 'SENT' and recipient_address = :phone and sent_at >= :since
            """)
        .param("phone", phone).param("since", utc(since)).query(Integer.class).single();
  }

  /** The sending times of the SMS sent to the number since {@code since}, oldest first. */
  List<Instant> smsSentTimes(String phone, Instant since) {
    return jdbc.sql("""
            select sent_at from notification
            where channel = 'SMS' and status = 'SENT' and recipient_address = :phone and sent_at >= :since
            order by sent_at
            """)
        .param("phone", phone).param("since", utc(since))
        .query((rs, row) -> instant(rs, "sent_at")).list();
  }

  /**
   * Holds every other transaction that sends an SMS to the same number until the caller's transaction ends, so two
   * dispatchers (two instances) never both pass the SMS limits for one patient.
   */
  void lockSmsRecipient(String phone) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "sms:" + phone).query((rs, row) -> 1).list();
  }

  private QueuedNotification byId(UUID id) {
    return jdbc.sql(SELECT_QUEUED + "where id = :id")
        .param("id", id)
        .query(NotificationQueue::queued)
        .single();
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
    return records("n.referral_id = :referralId", Map.of("referralId", referralId));
  }

  /**
   * Every message sent or queued to a patient, over all their referrals, oldest first: those to their email address
   * or their mobile number. Addresses masked.
   */
  public List<DeliveryRecord> forPatient(String email, String mobilePhone) {
    Map<String, Object> params = new HashMap<>();
    params.put("email", email == null ? "" : email.strip());
    params.put("phone", mobilePhone == null ? "" : mobilePhone.strip());
    return records("n.recipient_role = 'PATIENT' and (lower(n.recipient_address) = lower(:email) "
        + "or n.recipient_address = :phone)", params);
  }

  private List<DeliveryRecord> records(String condition, Map<String, Object> params) {
    Map<UUID, List<DeliveryRecord.Attempt>> attempts = jdbc.sql("""
            select a.notification_id, a.attempt, a.attempted_at, a.outcome, a.error_code
            from notification_attempt a join notification n on n.id = a.notification_id
            where %s
            order by a.notification_id, a.attempt
            """.formatted(condition))
        .params(params)
        .query((rs, row) -> Map.entry(rs.getObject("notification_id", UUID.class),
            new DeliveryRecord.Attempt(rs.getInt("attempt"), instant(rs, "attempted_at"),
                DeliveryRecord.Outcome.valueOf(rs.getString("outcome")), failureCode(rs, "error_code"))))
        .list().stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return jdbc.sql("""
            select n.id, n.referral_id, n.kind, n.channel, n.recipient_role, n.recipient_address, n.language,
                n.status, n.attempts, n.last_error, n.closed_reason, n.created_at, n.due_at, n.expires_at, n.sent_at,
                n.closed_at
            from notification n
            where %s
            order by n.created_at, n.due_at, n.kind, n.recipient_role, n.channel
            """.formatted(condition))
        .params(params)
        .query((rs, row) -> {
          UUID id = rs.getObject("id", UUID.class);
          ContactChannel channel = ContactChannel.valueOf(rs.getString("channel"));
          String closedReason = rs.getString("closed_reason");
          return new DeliveryRecord(id, rs.getObject("referral_id", UUID.class),
              MessageKind.valueOf(rs.getString("kind")), channel,
              RecipientRole.valueOf(rs.getString("recipient_role")),
              AddressMask.mask(channel, rs.getString("recipient_address")), rs.getString("language"),
              DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), failureCode(rs, "last_error"),
              closedReason == null ? null : ClosedReason.valueOf(closedReason),
              instant(rs, "created_at"), instant(rs, "due_at"), instant(rs, "expires_at"), instant(rs, "sent_at"),
              instant(rs, "closed_at"),
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

  /**
   * Moves a due message to a later time without counting an attempt or touching its last error: an SMS outside the
   * patient's sending window waits for it.
   */
  void postpone(QueuedNotification message, Instant until) {
    jdbc.sql("update notification set due_at = :due where id = :id")
        .param("due", utc(until)).param("id", message.id()).update();
  }

  private static QueuedNotification queued(ResultSet rs, int row) throws SQLException {
    return new QueuedNotification(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
        rs.getObject("referral_id", UUID.class), MessageKind.valueOf(rs.getString("kind")),
        RecipientRole.valueOf(rs.getString("recipient_role")), ContactChannel.valueOf(rs.getString("channel")),
        rs.getString("recipient_address"), rs.getString("language"), rs.getString("subject"),
        rs.getString("body_text"), rs.getString("body_html"), rs.getString("calendar_ics"), rs.getInt("attempts"),
        instant(rs, "due_at"), instant(rs, "expires_at"), rs.getString("time_zone"), pairVersion(rs), fallback(rs));
  }

  private static NewNotification.PairVersion pairVersion(ResultSet rs) throws SQLException {
    UUID pairId = rs.getObject("pair_id", UUID.class);
    return pairId == null ? null : new NewNotification.PairVersion(pairId, rs.getInt("pair_sequence"));
  }

  private static NewNotification.Fallback fallback(ResultSet rs) throws SQLException {
    String subject = rs.getString("fallback_subject");
    return subject == null ? null : new NewNotification.Fallback(rs.getString("fallback_address"),
        new RenderedMessage(subject, rs.getString("fallback_text"), rs.getString("fallback_html")));
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
