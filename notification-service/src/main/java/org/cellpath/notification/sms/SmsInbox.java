package org.cellpath.notification.sms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.SmsConfirmationReceived;
import org.cellpath.messaging.EventsRaised;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The patients' SMS replies staff read (table {@code sms_reply}): every reply that is no keyword,
 * and a YES from a number with no upcoming pair. Also where a YES that confirms a pair is recorded:
 * the store raises {@link SmsConfirmationReceived} ({@link EventsRaised}, appended to the outbox
 * before the caller's transaction commits).
 */
@Repository
public class SmsInbox {

  /** Where a reply stands. */
  public enum Status {
    OPEN,
    HANDLED
  }

  /**
   * A reply as staff see it.
   *
   * @param referralId the referral the number's messages were about, or null when none matched
   * @param pairId the appointment pair, or null
   * @param answer the staff's answer, or null
   */
  public record Reply(
      UUID id,
      String phone,
      String text,
      Instant receivedAt,
      UUID referralId,
      UUID pairId,
      Status status,
      String handledBy,
      Instant handledAt,
      String answer) {}

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  SmsInbox(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** Files a reply, OPEN. */
  public UUID add(String phone, String text, Instant at, UUID referralId, UUID pairId) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into sms_reply (id, phone, body, received_at, referral_id, pair_id)
            values (:id, :phone, :body, :at, :referralId, :pairId)
            """)
        .param("id", id)
        .param("phone", phone)
        .param("body", text)
        .param("at", utc(at))
        .param("referralId", referralId)
        .param("pairId", pairId)
        .update();
    return id;
  }

  /** A YES confirmed the pair: scheduling-service is told through the outbox. */
  public void confirmed(UUID referralId, UUID pairId, Instant at) {
    events.publishEvent(
        new EventsRaised(
            List.of(new SmsConfirmationReceived(UUID.randomUUID(), referralId, at, pairId))));
  }

  /** The open replies, newest first, a page at a time. */
  public List<Reply> open(int page, int size) {
    return jdbc.sql(
            """
            select * from sms_reply where status = 'OPEN'
            order by received_at desc, id
            limit :size offset :offset
            """)
        .param("size", size)
        .param("offset", (long) page * size)
        .query(SmsInbox::reply)
        .list();
  }

  /** How many replies are open. */
  public long openCount() {
    return jdbc.sql("select count(*) from sms_reply where status = 'OPEN'")
        .query(Long.class)
        .single();
  }

  /** The reply, locked for the caller's transaction. */
  public Optional<Reply> lock(UUID id) {
    return jdbc.sql("select * from sms_reply where id = :id for update")
        .param("id", id)
        .query(SmsInbox::reply)
        .optional();
  }

  /** The reply is dealt with; {@code answer} (null for none) is what staff sent. */
  public void handled(UUID id, String by, Instant at, String answer, UUID answerNotificationId) {
    jdbc.sql(
            """
            update sms_reply set status = 'HANDLED', handled_by = :by, handled_at = :at,
                answer = coalesce(:answer, answer),
                answer_notification_id = coalesce(:notificationId, answer_notification_id)
            where id = :id
            """)
        .param("id", id)
        .param("by", by)
        .param("at", utc(at))
        .param("answer", answer)
        .param("notificationId", answerNotificationId)
        .update();
  }

  private static Reply reply(ResultSet rs, int row) throws SQLException {
    OffsetDateTime handledAt = rs.getObject("handled_at", OffsetDateTime.class);
    return new Reply(
        rs.getObject("id", UUID.class),
        rs.getString("phone"),
        rs.getString("body"),
        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
        rs.getObject("referral_id", UUID.class),
        rs.getObject("pair_id", UUID.class),
        Status.valueOf(rs.getString("status")),
        rs.getString("handled_by"),
        handledAt == null ? null : handledAt.toInstant(),
        rs.getString("answer"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
