package org.cellpath.notification.delivery;

import static org.cellpath.notification.delivery.NotificationStore.instant;
import static org.cellpath.notification.delivery.NotificationStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.contracts.ContactChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What is read of the queue without changing it: the delivery log staff see, how many SMS a number
 * got, and where a message's appointment pair stands. Writes are {@link NotificationStore}'s.
 */
@Repository
public class NotificationQueries {

  private final JdbcClient jdbc;

  NotificationQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every message queued for a referral, oldest first, each with its attempts; addresses masked.
   */
  public List<DeliveryRecord> forReferral(UUID referralId) {
    return records("n.referral_id = :referralId", Map.of("referralId", referralId));
  }

  /**
   * Every message sent or queued to a patient, over all their referrals, oldest first: those to
   * their email address or their mobile number. Addresses masked.
   */
  public List<DeliveryRecord> forPatient(String email, String mobilePhone) {
    Map<String, Object> params = new HashMap<>();
    params.put("email", email == null ? "" : email.strip());
    params.put("phone", mobilePhone == null ? "" : mobilePhone.strip());
    return records(
        "n.recipient_role = 'PATIENT' and (lower(n.recipient_address) = lower(:email) "
            + "or n.recipient_address = :phone)",
        params);
  }

  /**
   * What the service knows of a number from the SMS it sent there: the referral and pair of the
   * newest, the language and zone it was written in.
   *
   * @param pairId the pair it was about, or null
   * @param firstStart the pair's first appointment start as that message named it, or null
   */
  public record SmsRecipient(
      UUID referralId, UUID pairId, Instant firstStart, String language, String timeZone) {}

  /**
   * The newest booked pair whose SMS went to the number and whose first appointment is still ahead
   * (not cancelled since): the pair a YES from that number confirms.
   */
  public Optional<SmsRecipient> upcomingPairTexted(String phone, Instant now) {
    return jdbc.sql(
            """
            select n.referral_id, n.pair_id, n.link_until, n.language, n.time_zone
            from notification n join appointment_pair p on p.pair_id = n.pair_id
            where n.channel = 'SMS' and n.status = 'SENT' and n.recipient_address = :phone
                and n.link_until > :now and not p.cancelled and n.pair_sequence = p.sequence
            order by n.sent_at desc
            limit 1
            """)
        .param("phone", phone)
        .param("now", utc(now))
        .query(NotificationQueries::smsRecipient)
        .optional();
  }

  /** The newest message queued to the number, whatever it was about. */
  public Optional<SmsRecipient> lastTexted(String phone) {
    return jdbc.sql(
            """
            select referral_id, pair_id, link_until, language, time_zone from notification
            where channel = 'SMS' and recipient_address = :phone and referral_id is not null
            order by created_at desc
            limit 1
            """)
        .param("phone", phone)
        .query(NotificationQueries::smsRecipient)
        .optional();
  }

  /** The mobile numbers the referral's SMS went (or were to go) to. */
  public List<String> smsNumbersOf(UUID referralId) {
    return jdbc.sql(
            """
            select distinct recipient_address from notification
            where referral_id = :referralId and channel = 'SMS' and recipient_address is not null
            """)
        .param("referralId", referralId)
        .query(String.class)
        .list();
  }

  private static SmsRecipient smsRecipient(ResultSet rs, int row) throws SQLException {
    return new SmsRecipient(
        rs.getObject("referral_id", UUID.class),
        rs.getObject("pair_id", UUID.class),
        instant(rs, "link_until"),
        rs.getString("language"),
        rs.getString("time_zone"));
  }

  /**
   * How many SMS were sent to the number since {@code since}, answers to the patient's own replies
   * and safety messages left out (ADR 33): the caps bound the ordinary messages, which a safety
   * message must not crowd out. An SMS whose send never finished ({@code sms_in_doubt}: the
   * instance died after handing it to the provider) counts as sent, since the patient may have it;
   * the SMS being decided does not count against itself.
   */
  public int smsSentSince(String phone, Instant since, UUID deciding) {
    return jdbc.sql(
            """
            select count(*) from notification n
            where n.channel = 'SMS' and n.recipient_address = :phone and n.kind not in (:uncounted)
                and n.id <> :deciding
                and ((n.status = 'SENT' and n.sent_at >= :since)
                     or (n.status <> 'SENT' and exists (select 1 from sms_in_doubt d
                                                         where d.notification_id = n.id
                                                           and d.attempted_at >= :since)))
            """)
        .param("phone", phone)
        .param(
            "uncounted",
            Arrays.stream(MessageKind.values())
                .filter(kind -> kind.answer() || kind.safety())
                .map(Enum::name)
                .toList())
        .param("since", utc(since))
        .param("deciding", deciding)
        .query(Integer.class)
        .single();
  }

  /**
   * Where the message's appointment pair stands, read under a shared lock on its row in {@code
   * appointment_pair} (written by the event consumers, {@code messages.AppointmentPairs}) that
   * lasts until the caller's transaction ends. A reschedule or cancellation advances that row
   * before it cancels the pair's waiting messages, so while the lock is held none can take effect,
   * and one already under way shows as {@link PairState#CHANGING}. Never waits: the consumer that
   * holds the row may itself be waiting for the message's row lock.
   */
  PairState pairState(NewNotification.PairVersion pair) {
    Optional<PairState> known =
        jdbc.sql(
                """
            select sequence, cancelled from appointment_pair where pair_id = :pairId
            for share skip locked
            """)
            .param("pairId", pair.pairId())
            .query(
                (rs, row) ->
                    rs.getInt("sequence") <= pair.sequence()
                        ? PairState.CURRENT
                        : rs.getBoolean("cancelled") ? PairState.CANCELLED : PairState.RESCHEDULED)
            .optional();
    if (known.isPresent()) {
      return known.get();
    }
    boolean exists =
        jdbc.sql("select exists (select 1 from appointment_pair where pair_id = :pairId)")
            .param("pairId", pair.pairId())
            .query(Boolean.class)
            .single();
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

  private List<DeliveryRecord> records(String condition, Map<String, Object> params) {
    Map<UUID, List<DeliveryRecord.Attempt>> attempts =
        jdbc
            .sql(
                """
            select a.notification_id, a.attempt, a.attempted_at, a.outcome, a.error_code
            from notification_attempt a join notification n on n.id = a.notification_id
            where %s
            order by a.notification_id, a.attempt
            """
                    .formatted(condition))
            .params(params)
            .query(
                (rs, row) ->
                    Map.entry(
                        rs.getObject("notification_id", UUID.class),
                        new DeliveryRecord.Attempt(
                            rs.getInt("attempt"),
                            instant(rs, "attempted_at"),
                            DeliveryRecord.Outcome.valueOf(rs.getString("outcome")),
                            failureCode(rs, "error_code"))))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return jdbc.sql(
            """
            select n.id, n.referral_id, n.kind, n.channel, n.recipient_role, n.recipient_address, n.language,
                n.status, n.attempts, n.last_error, n.closed_reason, n.created_at, n.due_at, n.expires_at, n.sent_at,
                n.closed_at
            from notification n
            where %s
            order by n.created_at, n.due_at, n.kind, n.recipient_role, n.channel
            """
                .formatted(condition))
        .params(params)
        .query(
            (rs, row) -> {
              UUID id = rs.getObject("id", UUID.class);
              ContactChannel channel = ContactChannel.valueOf(rs.getString("channel"));
              String closedReason = rs.getString("closed_reason");
              return new DeliveryRecord(
                  id,
                  rs.getObject("referral_id", UUID.class),
                  MessageKind.valueOf(rs.getString("kind")),
                  channel,
                  RecipientRole.valueOf(rs.getString("recipient_role")),
                  AddressMask.mask(channel, rs.getString("recipient_address")),
                  rs.getString("language"),
                  DeliveryStatus.valueOf(rs.getString("status")),
                  rs.getInt("attempts"),
                  failureCode(rs, "last_error"),
                  closedReason == null ? null : ClosedReason.valueOf(closedReason),
                  instant(rs, "created_at"),
                  instant(rs, "due_at"),
                  instant(rs, "expires_at"),
                  instant(rs, "sent_at"),
                  instant(rs, "closed_at"),
                  attempts.getOrDefault(id, List.of()));
            })
        .list();
  }

  private static FailureCode failureCode(ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    return value == null ? null : FailureCode.valueOf(value);
  }
}
