package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.Topics;
import org.cellpath.messaging.ContactSeal;
import org.cellpath.messaging.EventJson;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.UnreadableEventException;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whoever can write to a topic tries to have a patient's booking confirmation sent to their own
 * address, through the real consumer, broker and database: by pasting a sealed contact from another
 * event, by writing a contact in the clear, by naming a key the services do not hold, or by
 * changing the sealed bytes. Each record goes to the dead-letter topic as unreadable, with nothing
 * of the contact in its headers, and nothing is stored, queued or sent.
 */
class SealedContactAttackIT extends EmailFlowSupport {

  private static final String SCHEDULING = "/cellpath/scheduling-service";
  private static final String REFERRAL = "/cellpath/referral-service";

  /**
   * The key the services of this test seal with: the environment's, else the local development key.
   */
  private static final String SERVICE_KEY =
      System.getenv("EVENT_CONTACT_KEY") != null
          ? System.getenv("EVENT_CONTACT_KEY")
          : "Y2VsbHBhdGgtbG9jYWwtb25seS1jb250YWN0LWtleSE=";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Sealed as the services seal: what a reader of the topics sees of real events. */
  private final EventJson services = new EventJson();

  @Test
  void aContactPastedFromTheAttackersOwnReferralIntoAPatientsBookingIsRefused() throws Exception {
    String attacker = attackerAddress();
    // The attacker's own referral's booking: a genuine event, read off the topic.
    String attackersSealedContact =
        patientOf(services.write(PatientEvents.pairBooked(PatientEvents.englishPatient(attacker))));
    AppointmentPairBooked victims =
        PatientEvents.pairBooked(PatientEvents.englishPatient(newAddress()));

    assertRefusedWithNothingStored(victims, withPatient(victims, attackersSealedContact), attacker);
  }

  @Test
  void aContactPastedIntoAnotherTypeOfEventOfTheSameReferralIsRefused() throws Exception {
    String attacker = attackerAddress();
    ReferralSubmitted submitted =
        PatientEvents.referralSubmitted(PatientEvents.englishPatient(attacker));
    String submittedContact = patientOf(services.write(submitted));
    AppointmentPairBooked booked =
        PatientEvents.pairBooked(
            submitted.referralId(), PatientEvents.englishPatient(newAddress()));

    assertRefusedWithNothingStored(booked, withPatient(booked, submittedContact), attacker);
  }

  @Test
  void aContactInTheClearIsRefused() throws Exception {
    String attacker = attackerAddress();
    AppointmentPairBooked victims =
        PatientEvents.pairBooked(PatientEvents.englishPatient(newAddress()));
    ObjectNode forged = tree(victims);
    forged.set("patient", JSON.valueToTree(PatientEvents.englishPatient(attacker)));

    assertRefusedWithNothingStored(victims, JSON.writeValueAsString(forged), attacker);
  }

  @Test
  void aContactSealedBoundToNothingIsRefused() throws Exception {
    String attacker = attackerAddress();
    AppointmentPairBooked victims =
        PatientEvents.pairBooked(PatientEvents.englishPatient(newAddress()));

    assertRefusedWithNothingStored(
        victims,
        withPatient(victims, sealedBoundToNothing(PatientEvents.englishPatient(attacker))),
        attacker);
  }

  @Test
  void aContactSealedUnderAKeyTheServicesDoNotHoldIsRefused() throws Exception {
    String attacker = attackerAddress();
    AppointmentPairBooked victims =
        PatientEvents.pairBooked(PatientEvents.englishPatient(newAddress()));
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    EventJson elsewhere =
        new EventJson(ContactSeal.of(Base64.getEncoder().encodeToString(otherKey)));
    AppointmentPairBooked redirected =
        new AppointmentPairBooked(
            victims.eventId(),
            victims.referralId(),
            victims.occurredAt(),
            victims.pairId(),
            victims.appointments(),
            PatientEvents.englishPatient(attacker));

    assertRefusedWithNothingStored(victims, elsewhere.write(redirected), attacker);
  }

  @Test
  void aSealedContactWithAChangedByteIsRefused() throws Exception {
    String address = newAddress();
    ReferralSubmitted submitted =
        PatientEvents.referralSubmitted(PatientEvents.englishPatient(address));
    String sealed = patientOf(services.write(submitted));
    // A character in the middle: all six of its bits are ciphertext (the last one's may be
    // padding).
    int middle = sealed.length() / 2;
    String changed =
        sealed.substring(0, middle)
            + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
            + sealed.substring(middle + 1);

    assertRefusedWithNothingStored(submitted, withPatient(submitted, changed), address);
  }

  /**
   * Sends {@code payload} as the event {@code genuine} (its topic, key and CloudEvents headers),
   * then waits for it on the dead-letter topic: by then the consumer has read it and given up on
   * it.
   */
  private void assertRefusedWithNothingStored(CellPathEvent genuine, String payload, String address)
      throws Exception {
    ProducerRecord<byte[], byte[]> real =
        EventRecords.of(
            genuine, messaging, genuine instanceof ReferralSubmitted ? REFERRAL : SCHEDULING);
    send(
        new ProducerRecord<>(
            real.topic(),
            null,
            real.key(),
            payload.getBytes(StandardCharsets.UTF_8),
            real.headers()));

    String topic =
        genuine instanceof ReferralSubmitted ? Topics.REFERRAL_EVENTS : Topics.SCHEDULING_EVENTS;
    try (TopicReader deadLetters = topic(messaging.topic(topic) + ".notification-service.dlq")) {
      ConsumerRecord<byte[], byte[]> dead =
          deadLetters.awaitRecord(
              record -> genuine.eventId().toString().equals(TopicReader.header(record, "ce_id")),
              WAIT);
      assertThat(TopicReader.header(dead, "kafka_dlt-exception-fqcn"))
          .isEqualTo(UnreadableEventException.class.getName());
      for (Header header : dead.headers()) {
        assertThat(new String(header.value(), StandardCharsets.UTF_8))
            .as(header.key())
            .doesNotContain(address, "Rivera");
      }
    }
    assertThat(rowsFor(genuine.referralId())).as("notifications queued").isZero();
    assertThat(
            jdbc.sql("select count(*) from inbox_event where event_id = ?")
                .param(genuine.eventId())
                .query(Long.class)
                .single())
        .as("inbox")
        .isZero();
    assertThat(
            jdbc.sql("select count(*) from outbox_event where message_key = ?")
                .param(genuine.referralId().toString())
                .query(Long.class)
                .single())
        .as("events published")
        .isZero();
    assertThat(emailsTo(address)).as("emails to %s", address).isEmpty();
  }

  private static String attackerAddress() {
    return "mallory." + UUID.randomUUID().toString().substring(0, 8) + "@attacker.example";
  }

  private ObjectNode tree(CellPathEvent event) {
    return (ObjectNode) JSON.readTree(services.write(event));
  }

  private String withPatient(CellPathEvent event, String sealedContact) {
    ObjectNode tree = tree(event);
    tree.put("patient", sealedContact);
    return JSON.writeValueAsString(tree);
  }

  private static String patientOf(String payload) {
    return JSON.readTree(payload).get("patient").asString();
  }

  /**
   * A contact sealed as before binding (ADR 13): under the services' key, with one constant as
   * associated data, so that it opened in any event.
   */
  private static String sealedBoundToNothing(PatientContact contact) {
    try {
      byte[] nonce = new byte[12];
      new SecureRandom().nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(Base64.getDecoder().decode(SERVICE_KEY), "AES"),
          new GCMParameterSpec(128, nonce));
      cipher.updateAAD("cellpath:PatientContact".getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(contact));
      return "v1."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
