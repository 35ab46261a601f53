package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.NotificationFailed;
import org.cellpath.contracts.NotificationSent;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.messaging.EventJson;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.RecipientRole;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The patient email flows end to end: events published as referral-service and scheduling-service
 * publish them, emails read from the SMTP server, {@code NotificationSent}/{@code
 * NotificationFailed} read from the notification topic, and the delivery log read over HTTP.
 */
class PatientEmailIT extends EmailFlowSupport {

  @Autowired private MeterRegistry meters;
  @Autowired private NotificationStore queue;
  @Autowired private TransactionTemplate transactions;

  @Test
  void confirmsABookingByEmailToThePatientInTheirLanguage() throws Exception {
    String address = newAddress();
    AppointmentPairBooked booked = PatientEvents.pairBooked(PatientEvents.spanishPatient(address));

    publish(booked, "/cellpath/scheduling-service");

    MimeMessage email = awaitOneEmailTo(address);
    assertThat(email.getSubject())
        .isEqualTo("Sus citas en CellPath Foot & Ankle Clinic están programadas");
    assertThat(email.getFrom()[0].toString()).contains("care@cellpath-clinic.example");
    assertThat(textOf(email, "text/plain"))
        .contains("martes, 10 de marzo de 2026")
        .contains("Cómo prepararse");
    assertThat(textOf(email, "text/html")).contains("lang=\"es\"");
  }

  @Test
  void sendsOneEmailWhenTheSameBookingIsPublishedTwice() throws Exception {
    String address = newAddress();
    AppointmentPairBooked booked = PatientEvents.pairBooked(PatientEvents.englishPatient(address));
    double duplicatesBefore = duplicatesSeen();

    publish(booked, "/cellpath/scheduling-service");
    publish(booked, "/cellpath/scheduling-service");

    awaitOneEmailTo(address);
    await().atMost(WAIT).until(() -> duplicatesSeen() > duplicatesBefore);
    assertThat(emailsTo(address)).hasSize(1);
    assertThat(rowsFor(booked.referralId())).isEqualTo(1);
  }

  @Test
  void tellsThePatientTheReferralArrived() throws Exception {
    String address = newAddress();
    ReferralSubmitted submitted =
        PatientEvents.referralSubmitted(PatientEvents.englishPatient(address));

    publish(submitted, "/cellpath/referral-service");

    MimeMessage email = awaitOneEmailTo(address);
    assertThat(email.getSubject())
        .isEqualTo("CellPath Foot & Ankle Clinic has received your referral");
    assertThat(textOf(email, "text/plain")).contains("our clinical team will review it");
  }

  @Test
  void reportsEachSentEmailOnTheNotificationTopicWithoutTheAddress() throws Exception {
    String address = newAddress();
    ReferralSubmitted submitted =
        PatientEvents.referralSubmitted(PatientEvents.englishPatient(address));

    publish(submitted, "/cellpath/referral-service");

    try (TopicReader topic = notificationEvents()) {
      ConsumerRecord<byte[], byte[]> record =
          topic.awaitEvent("NotificationSent", submitted.referralId().toString(), WAIT);
      NotificationSent sent = new EventJson().read(record.value(), NotificationSent.class);
      assertThat(sent.messageKind()).isEqualTo("REFERRAL_RECEIVED");
      assertThat(sent.channel()).isEqualTo(ContactChannel.EMAIL);
      assertThat(sent.recipientRole()).isEqualTo("PATIENT");
      assertThat(TopicReader.value(record)).doesNotContain(address);
      assertThat(TopicReader.header(record, "ce_source"))
          .isEqualTo("/cellpath/notification-service");
    }
    assertThat(emailsTo(address)).hasSize(1);
  }

  @Test
  void keepsTheEmailQueuedWhileSmtpIsDownAndSendsItOnceSmtpIsBack() throws Exception {
    String address = newAddress();
    AppointmentPairBooked booked = PatientEvents.pairBooked(PatientEvents.englishPatient(address));
    smtp.stop();

    publish(booked, "/cellpath/scheduling-service");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode entry = onlyNotificationOf(booked.referralId());
              assertThat(entry.get("status").asString()).isEqualTo("PENDING");
              assertThat(entry.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
              assertThat(entry.get("lastError").asString()).isEqualTo("PROVIDER_UNAVAILABLE");
            });

    smtp.start();

    MimeMessage email = awaitOneEmailTo(address);
    assertThat(email.getSubject())
        .isEqualTo("Your appointments at CellPath Foot & Ankle Clinic are booked");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode entry = onlyNotificationOf(booked.referralId());
              assertThat(entry.get("status").asString()).isEqualTo("SENT");
              List<JsonNode> attempts = entry.get("attemptLog").valueStream().toList();
              assertThat(attempts).hasSize(entry.get("attempts").asInt());
              assertThat(attempts.get(attempts.size() - 1).get("outcome").asString())
                  .isEqualTo("SENT");
              assertThat(attempts.subList(0, attempts.size() - 1))
                  .allSatisfy(
                      attempt -> assertThat(attempt.get("outcome").asString()).isEqualTo("RETRY"));
            });
    assertThat(emailsTo(address)).hasSize(1);
  }

  @Test
  void showsStaffTheDeliveryLogWithTheAddressMaskedAndNoBody() throws Exception {
    String address = newAddress();
    AppointmentPairBooked booked = PatientEvents.pairBooked(PatientEvents.englishPatient(address));

    publish(booked, "/cellpath/scheduling-service");
    awaitOneEmailTo(address);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode log = deliveryLog(booked.referralId());
              assertThat(log.get("referralId").asString())
                  .isEqualTo(booked.referralId().toString());
              assertThat(log.get("notifications").size()).isEqualTo(1);
              JsonNode entry = log.get("notifications").get(0);
              assertThat(entry.get("kind").asString()).isEqualTo("BOOKING_CONFIRMATION");
              assertThat(entry.get("channel").asString()).isEqualTo("EMAIL");
              assertThat(entry.get("recipientRole").asString()).isEqualTo("PATIENT");
              assertThat(entry.get("recipient").asString()).isEqualTo("p***@example.org");
              assertThat(entry.get("status").asString()).isEqualTo("SENT");
              assertThat(entry.get("attempts").asInt()).isEqualTo(1);
              assertThat(entry.get("sentAt").isNull()).isFalse();
              assertThat(entry.get("dueAt").isNull()).isFalse();
            });
    assertThat(deliveryLogText(booked.referralId()))
        .doesNotContain(address)
        .doesNotContain("NSAID")
        .doesNotContain("Ana");
  }

  @Test
  void answersAnEmptyLogForAReferralWithoutMessages() {
    assertThat(deliveryLog(UUID.randomUUID()).get("notifications").size()).isZero();
  }

  @Test
  void recordsAPatientWithoutAnEmailAddressAsFailedForStaffToFollowUp() {
    ReferralSubmitted submitted =
        PatientEvents.referralSubmitted(PatientEvents.patient(null, "en", "America/Los_Angeles"));

    publish(submitted, "/cellpath/referral-service");

    try (TopicReader topic = notificationEvents()) {
      ConsumerRecord<byte[], byte[]> record =
          topic.awaitEvent("NotificationFailed", submitted.referralId().toString(), WAIT);
      NotificationFailed failed = new EventJson().read(record.value(), NotificationFailed.class);
      assertThat(failed.reasonCode()).isEqualTo("NO_ADDRESS");
      assertThat(failed.messageKind()).isEqualTo("REFERRAL_RECEIVED");
    }
    JsonNode entry = onlyNotificationOf(submitted.referralId());
    assertThat(entry.get("status").asString()).isEqualTo("FAILED");
    assertThat(entry.get("lastError").asString()).isEqualTo("NO_ADDRESS");
    assertThat(entry.get("recipient").isNull()).isTrue();
  }

  @Test
  void queuesAMessageOnlyOncePerEventKindAndRecipient() {
    NewNotification message =
        new NewNotification(
            UUID.randomUUID(),
            UUID.randomUUID(),
            MessageKind.REFERRAL_RECEIVED,
            RecipientRole.PATIENT,
            ContactChannel.EMAIL,
            newAddress(),
            "en",
            new RenderedMessage("Subject", "Body", null));

    Boolean first = transactions.execute(status -> queue.enqueue(message, Instant.now()));
    Boolean second = transactions.execute(status -> queue.enqueue(message, Instant.now()));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(rowsFor(message.referralId())).isEqualTo(1);
  }

  private double duplicatesSeen() {
    Counter counter =
        meters
            .find("cellpath.inbox.events")
            .tags("consumer", "scheduling-events", "outcome", "duplicate")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
