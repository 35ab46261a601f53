package org.cellpath.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.messaging.EventsRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the {@code notification} table: queues messages, claims due ones, and saves the {@link
 * StatusChange}s that {@link QueuedNotification} makes. Every change and the events that report it
 * ({@link EventsRaised}, appended to the outbox before commit) are written with the caller's
 * transaction, so the log, the queue and the published events never disagree. What staff and the
 * SMS rules read is in {@link NotificationQueries}.
 */
@Repository
public class NotificationStore {

  private static final Logger log = LoggerFactory.getLogger(NotificationStore.class);

  /** What the dispatcher needs of a row; see {@link #queued}. */
  private static final String SELECT_QUEUED =
      """
      select id, event_id, referral_id, kind, recipient_role, channel, recipient_address, language, subject,
          body_text, body_html, calendar_ics, status, attempts, due_at, expires_at, time_zone, pair_id, pair_sequence,
          fallback_address, fallback_subject, fallback_text, fallback_html, link_subject_id, link_until
      from notification
      """;

  private static final Set<ContactChannel> ALL_CHANNELS = Set.of(ContactChannel.values());

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final DispatchTrigger trigger;

  NotificationStore(JdbcClient jdbc, ApplicationEventPublisher events, DispatchTrigger trigger) {
    this.jdbc = jdbc;
    this.events = events;
    this.trigger = trigger;
  }

  /**
   * Queues a message, due now unless it says when. A message without an address is recorded as
   * FAILED ({@code NO_ADDRESS}) and reported with {@code NotificationFailed}, so that staff see who
   * could not be told. Call it inside the transaction that records the causing event.
   *
   * @return false when a message of this kind for this recipient was already queued for the event
   */
  public boolean enqueue(NewNotification message, Instant now) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "enqueue needs the transaction that records the causing event");
    }
    UUID id = UUID.randomUUID();
    DeliveryStatus status = message.statusOnArrival();
    FailureCode error = message.errorOnArrival();
    int inserted =
        jdbc.sql(
                """
            insert into notification (id, event_id, referral_id, kind, recipient_role, channel, recipient_address,
                language, subject, body_text, body_html, calendar_ics, status, last_error, due_at, expires_at,
                time_zone, pair_id, pair_sequence, fallback_address, fallback_subject, fallback_text, fallback_html,
                link_subject_id, link_until)
            values (:id, :eventId, :referralId, :kind, :role, :channel, :address,
                :language, :subject, :text, :html, :calendar, :status, :lastError, :dueAt, :expiresAt,
                :timeZone, :pairId, :pairSequence, :fallbackAddress, :fallbackSubject, :fallbackText, :fallbackHtml,
                :linkSubjectId, :linkUntil)
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
            .param("status", status.name())
            .param("lastError", error == null ? null : error.name())
            .param("dueAt", utc(message.dueAt() == null ? now : message.dueAt()))
            .param("expiresAt", message.expiresAt() == null ? null : utc(message.expiresAt()))
            .param("timeZone", message.timeZone())
            .param("pairId", message.pair() == null ? null : message.pair().pairId())
            .param("pairSequence", message.pair() == null ? null : message.pair().sequence())
            .param(
                "fallbackAddress", message.fallback() == null ? null : message.fallback().address())
            .param(
                "fallbackSubject",
                message.fallback() == null ? null : message.fallback().content().subject())
            .param(
                "fallbackText",
                message.fallback() == null ? null : message.fallback().content().textBody())
            .param(
                "fallbackHtml",
                message.fallback() == null ? null : message.fallback().content().htmlBody())
            .param("linkSubjectId", message.link() == null ? null : message.link().subjectId())
            .param(
                "linkUntil",
                message.link() == null || message.link().until() == null
                    ? null
                    : utc(message.link().until()))
            .update();
    if (inserted == 0) {
      log.info(
          "{} by {} for {} of referral {} was already queued for event {}; skipped",
          message.kind(),
          message.channel(),
          message.recipientRole(),
          message.referralId(),
          message.eventId());
      return false;
    }
    if (status == DeliveryStatus.PENDING) {
      log.info(
          "Queued {} by {} for referral {}, due {}",
          message.kind(),
          message.channel(),
          message.referralId(),
          message.dueAt() == null ? "now" : message.dueAt());
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              trigger.signal();
            }
          });
    } else {
      log.warn(
          "Cannot send {} by {} for referral {}: the {} gave no address ({})",
          message.kind(),
          message.channel(),
          message.referralId(),
          message.recipientRole(),
          error);
    }
    raise(message.eventsOnArrival(id, now));
    return true;
  }

  /**
   * The oldest due PENDING message, locked until the caller's transaction ends. Rows locked by
   * another dispatcher (another instance) are skipped, so each message is worked on by one
   * dispatcher at a time.
   *
   * @param skipped channels whose messages are left alone for now
   */
  Optional<QueuedNotification> claimNextDue(Instant now, Set<ContactChannel> skipped) {
    if (skipped.containsAll(ALL_CHANNELS)) {
      return Optional.empty();
    }
    // The channels still wanted, named positively, so that the index on (channel, due_at) finds
    // their oldest.
    List<String> wanted =
        ALL_CHANNELS.stream()
            .filter(channel -> !skipped.contains(channel))
            .map(ContactChannel::name)
            .toList();
    return jdbc.sql(
            SELECT_QUEUED
                + "where status = 'PENDING' and due_at <= :now"
                + (skipped.isEmpty() ? "" : " and channel in (:wanted)")
                + """

            order by due_at, created_at
            limit 1
            for update skip locked
            """)
        .param("now", utc(now))
        .param("wanted", wanted)
        .query(NotificationStore::queued)
        .optional();
  }

  /**
   * The number's SMS still waiting, locked until the caller's transaction ends: an opt-out closes
   * each of them.
   */
  public List<QueuedNotification> pendingSmsTo(String phone) {
    return jdbc.sql(
            SELECT_QUEUED
                + """
            where channel = 'SMS' and status = 'PENDING' and recipient_address = :phone
            order by created_at
            for update
            """)
        .param("phone", phone)
        .query(NotificationStore::queued)
        .list();
  }

  /**
   * Queues the email that stands for an SMS which may not go ({@link
   * QueuedNotification#fallbackEmail}), unless that email is already queued (a message that goes by
   * both channels). Call it in the transaction that closes the SMS.
   *
   * @return true when an email was queued
   */
  public boolean enqueueFallback(QueuedNotification sms, Instant now) {
    return sms.fallbackEmail(now).map(email -> enqueue(email, now)).orElse(false);
  }

  /**
   * Saves the change to the message's row (and its attempt, when it was one) and publishes the
   * events it causes. The row is only changed while it still has the status the change was made
   * from.
   */
  public void save(StatusChange change) {
    QueuedNotification message = change.message();
    if (change instanceof StatusChange.Sent sent) {
      update(
          message,
          """
              status = :to, attempts = :attempt, last_attempt_at = :at, sent_at = :at, last_error = null""",
          change,
          sent.attempt(),
          sent.at(),
          null,
          null);
      recordAttempt(message.id(), sent.attempt(), sent.at(), DeliveryRecord.Outcome.SENT, null);
    } else if (change instanceof StatusChange.Retrying retry) {
      update(
          message,
          """
              attempts = :attempt, last_attempt_at = :at, last_error = :code, due_at = :due""",
          change,
          retry.attempt(),
          retry.at(),
          retry.code(),
          retry.nextAttemptAt());
      recordAttempt(
          message.id(), retry.attempt(), retry.at(), DeliveryRecord.Outcome.RETRY, retry.code());
    } else if (change instanceof StatusChange.Held held) {
      update(
          message,
          "due_at = :due, last_error = :code",
          change,
          0,
          null,
          held.reason(),
          held.until());
    } else if (change instanceof StatusChange.Postponed postponed) {
      update(message, "due_at = :due", change, 0, null, null, postponed.until());
    } else if (change instanceof StatusChange.Failed failed) {
      update(
          message,
          """
              status = :to, attempts = :attempt, last_attempt_at = :at, last_error = :code""",
          change,
          failed.attempt(),
          failed.at(),
          failed.code(),
          null);
      recordAttempt(
          message.id(),
          failed.attempt(),
          failed.at(),
          DeliveryRecord.Outcome.FAILED,
          failed.code());
    } else if (change instanceof StatusChange.Closed closed) {
      jdbc.sql(
              """
              update notification set status = :to, closed_reason = :reason, closed_at = :at
              where id = :id and status = :from
              """)
          .param("to", closed.to().name())
          .param("reason", closed.reason().name())
          .param("at", utc(closed.at()))
          .param("id", message.id())
          .param("from", message.status().name())
          .update();
    }
    raise(change.events());
  }

  /**
   * Cancels every message about a pair that was written for an earlier calendar sequence and may
   * still be cancelled: after a reschedule or a cancellation, no reminder or confirmation naming an
   * old time goes out. Rows a dispatcher is sending right now are waited for (row lock); those it
   * sent stay SENT.
   *
   * @return how many messages were cancelled
   */
  public int cancelPendingForPair(
      UUID pairId, int beforeSequence, ClosedReason reason, Instant now) {
    return jdbc.sql(
            """
            update notification set status = :to, closed_reason = :reason, closed_at = :now
            where pair_id = :pairId and status in (:from) and pair_sequence < :sequence
            """)
        .param("to", DeliveryStatus.CANCELLED.name())
        .param(
            "from",
            DeliveryStatus.allowedBefore(DeliveryStatus.CANCELLED).stream()
                .map(Enum::name)
                .toList())
        .param("reason", reason.name())
        .param("now", utc(now))
        .param("pairId", pairId)
        .param("sequence", beforeSequence)
        .update();
  }

  /**
   * Holds every other transaction that sends an SMS to the same number until the caller's
   * transaction ends, so two dispatchers (two instances) never both pass the SMS limits for one
   * patient.
   */
  public void lockSmsRecipient(String phone) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "sms:" + phone)
        .query((rs, row) -> 1)
        .list();
  }

  private void update(
      QueuedNotification message,
      String assignments,
      StatusChange change,
      int attempt,
      Instant at,
      FailureCode code,
      Instant due) {
    jdbc.sql("update notification set " + assignments + "\nwhere id = :id and status = :from")
        .param("to", change.to().name())
        .param("attempt", attempt)
        .param("at", at == null ? null : utc(at))
        .param("code", code == null ? null : code.name())
        .param("due", due == null ? null : utc(due))
        .param("id", message.id())
        .param("from", message.status().name())
        .update();
  }

  private void recordAttempt(
      UUID id, int attempt, Instant now, DeliveryRecord.Outcome outcome, FailureCode code) {
    jdbc.sql(
            """
            insert into notification_attempt (notification_id, attempt, attempted_at, outcome, error_code)
            values (:id, :attempt, :now, :outcome, :code)
            """)
        .param("id", id)
        .param("attempt", attempt)
        .param("now", utc(now))
        .param("outcome", outcome.name())
        .param("code", code == null ? null : code.name())
        .update();
  }

  private void raise(List<CellPathEvent> raised) {
    if (!raised.isEmpty()) {
      events.publishEvent(new EventsRaised(raised));
    }
  }

  private static QueuedNotification queued(ResultSet rs, int row) throws SQLException {
    return new QueuedNotification(
        rs.getObject("id", UUID.class),
        rs.getObject("event_id", UUID.class),
        rs.getObject("referral_id", UUID.class),
        MessageKind.valueOf(rs.getString("kind")),
        RecipientRole.valueOf(rs.getString("recipient_role")),
        ContactChannel.valueOf(rs.getString("channel")),
        rs.getString("recipient_address"),
        rs.getString("language"),
        rs.getString("subject"),
        rs.getString("body_text"),
        rs.getString("body_html"),
        rs.getString("calendar_ics"),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        instant(rs, "due_at"),
        instant(rs, "expires_at"),
        rs.getString("time_zone"),
        pairVersion(rs),
        fallback(rs),
        link(rs));
  }

  private static NewNotification.LinkTo link(ResultSet rs) throws SQLException {
    UUID subjectId = rs.getObject("link_subject_id", UUID.class);
    return subjectId == null
        ? null
        : new NewNotification.LinkTo(subjectId, instant(rs, "link_until"));
  }

  private static NewNotification.PairVersion pairVersion(ResultSet rs) throws SQLException {
    UUID pairId = rs.getObject("pair_id", UUID.class);
    return pairId == null
        ? null
        : new NewNotification.PairVersion(pairId, rs.getInt("pair_sequence"));
  }

  private static NewNotification.Fallback fallback(ResultSet rs) throws SQLException {
    String subject = rs.getString("fallback_subject");
    return subject == null
        ? null
        : new NewNotification.Fallback(
            rs.getString("fallback_address"),
            new RenderedMessage(
                subject, rs.getString("fallback_text"), rs.getString("fallback_html")));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
