package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.OutcomeReportKind;
import org.cellpath.contracts.OutcomeReportReady;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralInfoRequested;
import org.cellpath.contracts.ReferralStatusChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The review's outcome and the scheduling milestones, end to end: events published as
 * referral-service publishes them, emails read from the SMTP server. A decision goes to the patient
 * (their language, no reason, nothing clinical) and to the referring physician (English, with the
 * reason or the cell source, the case named by its referral id only).
 */
class ClosedLoopEmailIT extends EmailFlowSupport {

  private static final String REFERRAL_SERVICE = "/cellpath/referral-service";

  @Autowired private MeterRegistry meters;

  @Test
  void tellsThePatientAndThePhysicianOfAnApproval() throws Exception {
    String patientAddress = newAddress();
    String physicianAddress = newPhysicianAddress();
    ReferralApproved approved =
        PhysicianEvents.approved(
            PatientEvents.spanishPatient(patientAddress),
            PhysicianEvents.physician(physicianAddress));

    publish(approved, REFERRAL_SERVICE);

    MimeMessage toPatient = awaitOneEmailTo(patientAddress);
    assertThat(toPatient.getSubject()).isEqualTo("CellPath Foot & Ankle Clinic aprobó su remisión");
    assertThat(textOf(toPatient, "text/plain"))
        .contains("Ahora programaremos sus citas")
        .doesNotContain("médula");
    MimeMessage toPhysician = awaitOneEmailTo(physicianAddress);
    assertThat(toPhysician.getSubject())
        .isEqualTo(
            "Referral " + approved.referralId() + " approved by CellPath Foot & Ankle Clinic");
    assertThat(textOf(toPhysician, "text/plain"))
        .contains("the patient’s own bone marrow")
        .doesNotContain("Ana")
        .doesNotContain("Rivera");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statusByKindAndRole(approved.referralId()))
                    .isEqualTo(
                        Map.of(
                            "DECISION_APPROVED/PATIENT",
                            "SENT",
                            "PHYSICIAN_DECISION/PHYSICIAN",
                            "SENT")));
  }

  @Test
  void tellsPatientAndPhysicianOfADeclineAndPointsThePhysicianToTheReason() throws Exception {
    String patientAddress = newAddress();
    String physicianAddress = newPhysicianAddress();
    ReferralDeclined declined =
        PhysicianEvents.declined(
            PatientEvents.englishPatient(patientAddress),
            PhysicianEvents.physician(physicianAddress));

    publish(declined, REFERRAL_SERVICE);

    MimeMessage toPatient = awaitOneEmailTo(patientAddress);
    assertThat(toPatient.getSubject())
        .isEqualTo("An update on your referral to CellPath Foot & Ankle Clinic");
    assertThat(textOf(toPatient, "text/plain"))
        .contains("Your physician will discuss other options with you.")
        .doesNotContain("timeline");
    MimeMessage toPhysician = awaitOneEmailTo(physicianAddress);
    assertThat(toPhysician.getSubject())
        .isEqualTo(
            "Referral " + declined.referralId() + " declined by CellPath Foot & Ankle Clinic");
    assertThat(textOf(toPhysician, "text/plain"))
        .contains(
            "reason is on the referral’s timeline in CellPath (referral "
                + declined.referralId()
                + ")");
  }

  @Test
  void asksOnlyThePhysicianForTheMissingInformation() throws Exception {
    String physicianAddress = newPhysicianAddress();
    ReferralInfoRequested requested =
        PhysicianEvents.infoRequested(PhysicianEvents.physician(physicianAddress));

    publish(requested, REFERRAL_SERVICE);

    MimeMessage email = awaitOneEmailTo(physicianAddress);
    assertThat(email.getSubject())
        .isEqualTo("Referral " + requested.referralId() + ": more information needed");
    assertThat(textOf(email, "text/plain"))
        .contains("What is needed is on the referral’s timeline in CellPath")
        .contains("Amending the referral reopens the review");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statusByKindAndRole(requested.referralId()))
                    .isEqualTo(Map.of("PHYSICIAN_DECISION/PHYSICIAN", "SENT")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      SCHEDULED   | procedure booked       | The procedure has been booked
      RESCHEDULED | procedure moved        | The procedure has been moved to new appointment times.
      WAITLISTED  | on the waiting list    | the case is on the waiting list
      CANCELLED   | procedure cancelled    | The procedure appointments have been cancelled.
      COMPLETED   | injection completed    | The injection has been completed
      NO_SHOW     | patient did not attend | The patient did not attend the procedure appointment.
      """)
  void tellsThePhysicianEachSchedulingMilestone(String status, String subject, String sentence)
      throws Exception {
    String physicianAddress = newPhysicianAddress();
    ReferralStatusChanged changed =
        PhysicianEvents.statusChanged(status, PhysicianEvents.physician(physicianAddress));

    publish(changed, REFERRAL_SERVICE);

    MimeMessage email = awaitOneEmailTo(physicianAddress);
    assertThat(email.getSubject()).isEqualTo("Referral " + changed.referralId() + ": " + subject);
    assertThat(textOf(email, "text/plain"))
        .contains("Referral " + changed.referralId())
        .contains(sentence);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statusByKindAndRole(changed.referralId()))
                    .isEqualTo(Map.of("PHYSICIAN_MILESTONE/PHYSICIAN", "SENT")));
  }

  @Test
  void tellsThePhysicianAReportIsReadyWithTheReferralsLinkAndNothingOfTheReport() throws Exception {
    String physicianAddress = newPhysicianAddress();
    OutcomeReportReady ready =
        new OutcomeReportReady(
            UUID.randomUUID(),
            UUID.randomUUID(),
            Instant.now(),
            OutcomeReportKind.INTERIM,
            PhysicianEvents.physician(physicianAddress));

    publish(ready, REFERRAL_SERVICE);

    MimeMessage email = awaitOneEmailTo(physicianAddress);
    assertThat(email.getSubject())
        .isEqualTo("Referral " + ready.referralId() + ": interim outcomes report ready");
    for (String body : List.of(textOf(email, "text/plain"), textOf(email, "text/html"))) {
      assertThat(body)
          .contains("The interim outcomes report on this referral (6 weeks after the injection)")
          .contains("http://localhost:8084/physician/referrals/" + ready.referralId())
          .doesNotContainIgnoringCase("score")
          .doesNotContain("FAOS", "NRS", "VISA", "Ana", "Rivera");
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statusByKindAndRole(ready.referralId()))
                    .isEqualTo(Map.of("PHYSICIAN_REPORT_READY/PHYSICIAN", "SENT")));
  }

  @Test
  void sendsOneEmailToEachWhenTheSameDecisionIsPublishedTwice() throws Exception {
    String patientAddress = newAddress();
    String physicianAddress = newPhysicianAddress();
    ReferralApproved approved =
        PhysicianEvents.approved(
            PatientEvents.englishPatient(patientAddress),
            PhysicianEvents.physician(physicianAddress));
    double duplicatesBefore = duplicatesSeen("ReferralApproved");

    publish(approved, REFERRAL_SERVICE);
    publish(approved, REFERRAL_SERVICE);

    awaitOneEmailTo(patientAddress);
    awaitOneEmailTo(physicianAddress);
    await().atMost(WAIT).until(() -> duplicatesSeen("ReferralApproved") > duplicatesBefore);
    assertThat(emailsTo(patientAddress)).hasSize(1);
    assertThat(emailsTo(physicianAddress)).hasSize(1);
    assertThat(rowsFor(approved.referralId())).isEqualTo(2);
  }

  @Test
  void sendsOneEmailWhenTheSameMilestoneIsPublishedTwice() throws Exception {
    String physicianAddress = newPhysicianAddress();
    ReferralStatusChanged changed =
        PhysicianEvents.statusChanged("SCHEDULED", PhysicianEvents.physician(physicianAddress));
    double duplicatesBefore = duplicatesSeen("ReferralStatusChanged");

    publish(changed, REFERRAL_SERVICE);
    publish(changed, REFERRAL_SERVICE);

    awaitOneEmailTo(physicianAddress);
    await().atMost(WAIT).until(() -> duplicatesSeen("ReferralStatusChanged") > duplicatesBefore);
    assertThat(emailsTo(physicianAddress)).hasSize(1);
    assertThat(rowsFor(changed.referralId())).isEqualTo(1);
  }

  /**
   * One booking reaches this service twice, as scheduling-service's {@code AppointmentPairBooked}
   * and as referral-service's {@code ReferralStatusChanged} (SCHEDULED): one route per recipient,
   * so the patient hears of it from the first only and the physician from the second only, each
   * once.
   */
  @Test
  void tellsThePatientAndThePhysicianOfOneBookingOnceEachThoughItArrivesByBothServices()
      throws Exception {
    String patientAddress = newAddress();
    String physicianAddress = newPhysicianAddress();
    AppointmentPairBooked booked =
        PatientEvents.pairBooked(PatientEvents.englishPatient(patientAddress));
    ReferralStatusChanged scheduled =
        new ReferralStatusChanged(
            UUID.randomUUID(),
            booked.referralId(),
            booked.occurredAt(),
            "SCHEDULED",
            "Note from referral-service",
            PhysicianEvents.physician(physicianAddress));

    publish(booked, "/cellpath/scheduling-service");
    publish(scheduled, REFERRAL_SERVICE);

    MimeMessage toPatient = awaitOneEmailTo(patientAddress);
    MimeMessage toPhysician = awaitOneEmailTo(physicianAddress);
    assertThat(toPhysician.getSubject()).startsWith("Referral " + booked.referralId());
    assertThat(toPatient.getSubject()).doesNotContain(booked.referralId().toString());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(statusByKindAndRole(booked.referralId()))
                    .containsEntry("BOOKING_CONFIRMATION/PATIENT", "SENT")
                    .containsEntry("PHYSICIAN_MILESTONE/PHYSICIAN", "SENT"));
    assertThat(
            jdbc.sql(
                    """
            select kind || '/' || recipient_role from notification
            where referral_id = ? and kind in ('BOOKING_CONFIRMATION', 'PHYSICIAN_MILESTONE')
            """)
                .param(booked.referralId())
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("BOOKING_CONFIRMATION/PATIENT", "PHYSICIAN_MILESTONE/PHYSICIAN");
    assertThat(emailsTo(patientAddress)).hasSize(1);
    assertThat(emailsTo(physicianAddress)).hasSize(1);
  }

  @Test
  void stillTellsThePatientWhenThePhysicianGaveNoEmailAddress() throws Exception {
    String patientAddress = newAddress();
    ReferralDeclined declined =
        PhysicianEvents.declined(
            PatientEvents.englishPatient(patientAddress), PhysicianEvents.physician(null));

    publish(declined, REFERRAL_SERVICE);

    awaitOneEmailTo(patientAddress);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<JsonNode> entries =
                  deliveryLog(declined.referralId()).get("notifications").valueStream().toList();
              assertThat(entries).hasSize(2);
              JsonNode toPhysician =
                  entries.stream()
                      .filter(entry -> entry.get("recipientRole").asString().equals("PHYSICIAN"))
                      .findFirst()
                      .orElseThrow();
              assertThat(toPhysician.get("kind").asString()).isEqualTo("PHYSICIAN_DECISION");
              assertThat(toPhysician.get("status").asString()).isEqualTo("FAILED");
              assertThat(toPhysician.get("lastError").asString()).isEqualTo("NO_ADDRESS");
            });
  }

  /** "kind/role" to status of every message of the referral, from the delivery log. */
  private Map<String, String> statusByKindAndRole(UUID referralId) {
    return deliveryLog(referralId)
        .get("notifications")
        .valueStream()
        .collect(
            Collectors.toMap(
                entry -> entry.get("kind").asString() + "/" + entry.get("recipientRole").asString(),
                entry -> entry.get("status").asString()));
  }

  private double duplicatesSeen(String type) {
    Counter counter =
        meters
            .find("cellpath.inbox.events")
            .tags("consumer", "referral-events", "type", type, "outcome", "duplicate")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
