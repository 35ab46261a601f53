package org.cellpath.notification.sms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A number's SMS consent as a history (table {@code sms_consent_event}): the opt-in given with the
 * referral and the wording shown, each STOP and each START / UNSTOP with the word received, oldest
 * first. {@link SmsOptOuts} holds the current state; this holds how it came to be, for staff.
 */
@Repository
public class SmsConsents {

  /** The wording of the consent box on the referral form, shown when the opt-in was given. */
  public static final String REFERRAL_FORM_WORDING = "The patient agrees to receive SMS";

  /** What happened to the consent. */
  public enum Kind {
    /** Given with the referral. */
    OPT_IN,
    /** STOP or another opt-out word. */
    OPT_OUT,
    /** START or UNSTOP after an opt-out. */
    OPT_BACK_IN
  }

  /** Where it happened. */
  public enum Channel {
    /** The consent box of the referral form (or the referral API's {@code smsConsent}). */
    REFERRAL,
    /** A reply by SMS. */
    SMS
  }

  /** One event of the history; {@code wording} is what was shown (opt-in) or received. */
  public record ConsentEvent(
      Kind kind, Channel channel, String wording, UUID referralId, Instant occurredAt) {}

  private final JdbcClient jdbc;

  SmsConsents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds an event to the number's history. */
  public void record(
      String phone, Kind kind, Channel channel, String wording, UUID referralId, Instant at) {
    record(phone, kind, channel, wording, referralId, (Patient) null, at);
  }

  /**
   * Adds an event to the number's history.
   *
   * @param patient the patient as the referral gave them (with the opt-in), or null
   */
  public void record(
      String phone,
      Kind kind,
      Channel channel,
      String wording,
      UUID referralId,
      Patient patient,
      Instant at) {
    jdbc.sql(
            """
            insert into sms_consent_event (id, phone, kind, channel, wording, referral_id, patient_name,
                time_zone, language, occurred_at)
            values (:id, :phone, :kind, :channel, :wording, :referralId, :patientName, :timeZone, :language,
                :at)
            """)
        .param("patientName", patient == null ? null : patient.name())
        .param("timeZone", patient == null ? null : patient.timeZone())
        .param("language", patient == null ? null : patient.language())
        .param("id", UUID.randomUUID())
        .param("phone", phone)
        .param("kind", kind.name())
        .param("channel", channel.name())
        .param("wording", wording)
        .param("referralId", referralId)
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The numbers whose history names the referral (the opt-in given with it). */
  public List<String> numbersOf(UUID referralId) {
    return jdbc.sql("select distinct phone from sms_consent_event where referral_id = :referralId")
        .param("referralId", referralId)
        .query(String.class)
        .list();
  }

  /**
   * The patient as a referral gave them with the number.
   *
   * @param name given and family name, or null
   * @param timeZone IANA zone, or null
   * @param language {@code en}, {@code es}, or null
   */
  public record Patient(String name, String timeZone, String language) {}

  /** The patient who gave the number with their referral, the newest; empty if none. */
  public Optional<Patient> patient(String phone) {
    return jdbc.sql(
            """
            select patient_name, time_zone, language from sms_consent_event
            where phone = :phone and kind = 'OPT_IN' order by seq desc limit 1
            """)
        .param("phone", phone)
        .query(
            (rs, row) ->
                new Patient(
                    rs.getString("patient_name"),
                    rs.getString("time_zone"),
                    rs.getString("language")))
        .optional();
  }

  /** The name of the patient who gave the number with their referral, the newest; empty if none. */
  public Optional<String> patientName(String phone) {
    return patient(phone).map(Patient::name);
  }

  /** The number's history, oldest first. */
  public List<ConsentEvent> history(String phone) {
    return jdbc.sql(
            """
            select kind, channel, wording, referral_id, occurred_at from sms_consent_event
            where phone = :phone order by seq
            """)
        .param("phone", phone)
        .query(SmsConsents::event)
        .list();
  }

  private static ConsentEvent event(ResultSet rs, int row) throws SQLException {
    return new ConsentEvent(
        Kind.valueOf(rs.getString("kind")),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("wording"),
        rs.getObject("referral_id", UUID.class),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
  }
}
