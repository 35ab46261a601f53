package org.cellpath.referral.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentNoShow;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairConfirmed;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CaseReturnedToReferrer;
import org.cellpath.contracts.ConfirmedBy;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.contracts.SchedulingEvent;
import org.cellpath.contracts.fixtures.Contacts;
import org.cellpath.messaging.EventRecords;
import org.cellpath.messaging.MessagingProperties;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pair the clinic cancels does not end the case (docs/domain.md §4: the case waits for a booking
 * by hand): the physician may still withdraw the referral, before a new pair is booked and after
 * (docs/domain.md §6).
 */
@IntegrationTest
class ClinicCancellationIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired MessagingProperties messaging;
  @Autowired KafkaTemplate<byte[], byte[]> cellpathKafkaTemplate;
  @Autowired JsonMapper json;

  private RestClient physician;
  private RestClient reviewer;

  @BeforeEach
  void connect() {
    physician = ApiClients.physician(port);
    reviewer = ApiClients.reviewer(port);
  }

  @Test
  void aCaseBookedByHandAfterTheClinicCancelledItsPairIsScheduledAndCanBeWithdrawn()
      throws Exception {
    UUID referralId = approvedReferral();
    publish(booked(referralId, Instant.now()));
    awaitStatus(referralId, "SCHEDULED");
    publish(cancelled(referralId, Instant.now()));
    awaitStatus(referralId, "CANCELLED");
    publish(booked(referralId, Instant.now()));
    awaitStatus(referralId, "SCHEDULED");

    ResponseEntity<String> withdrawn =
        physician
            .post()
            .uri("/api/referrals/" + referralId + "/withdrawal")
            .retrieve()
            .toEntity(String.class);

    assertThat(withdrawn.getStatusCode().value()).as(withdrawn.getBody()).isEqualTo(200);
    assertThat(statuses(referralId))
        .containsExactly(
            "SUBMITTED",
            "UNDER_REVIEW",
            "APPROVED",
            "SCHEDULED",
            "CANCELLED",
            "SCHEDULED",
            "WITHDRAWN");
  }

  @Test
  void aCaseWhosePairTheClinicCancelledCanBeWithdrawnBeforeItIsBookedAgain() throws Exception {
    UUID referralId = approvedReferral();
    publish(booked(referralId, Instant.now()));
    awaitStatus(referralId, "SCHEDULED");
    publish(cancelled(referralId, Instant.now()));
    awaitStatus(referralId, "CANCELLED");

    ResponseEntity<String> withdrawn =
        physician
            .post()
            .uri("/api/referrals/" + referralId + "/withdrawal")
            .retrieve()
            .toEntity(String.class);

    assertThat(withdrawn.getStatusCode().value()).as(withdrawn.getBody()).isEqualTo(200);
    assertThat(read(referralId).get("status").asString()).isEqualTo("WITHDRAWN");
  }

  @Test
  void aCaseReturnedAfterANoShowIsReturnedWithTheReasonInWordsAndCannotBeWithdrawn()
      throws Exception {
    UUID referralId = approvedReferral();
    Instant harvest = Instant.parse("2026-12-14T17:00:00Z");
    publish(bookedAt(referralId, Instant.now(), harvest));
    awaitStatus(referralId, "SCHEDULED");
    publish(
        new AppointmentNoShow(
            UUID.randomUUID(),
            referralId,
            Instant.now(),
            UUID.randomUUID(),
            appointments(harvest).get(0)));
    awaitStatus(referralId, "NO_SHOW");

    publish(
        new CaseReturnedToReferrer(
            UUID.randomUUID(), referralId, Instant.now(), ReturnReason.PATIENT_UNREACHABLE));
    awaitStatus(referralId, "RETURNED");

    JsonNode returned = entry(read(referralId), "RETURNED");
    assertThat(returned.get("note").asString())
        .isEqualTo("Returned to you: the clinic could not reach the patient");
    assertThat(returned.get("detail").get("happening").asString()).isEqualTo("RETURNED");
    assertThat(returned.get("detail").get("returnReason").asString())
        .isEqualTo("PATIENT_UNREACHABLE");
    ResponseEntity<String> withdrawn =
        physician
            .post()
            .uri("/api/referrals/" + referralId + "/withdrawal")
            .retrieve()
            .toEntity(String.class);
    assertThat(withdrawn.getStatusCode().value()).as("a returned case is final").isEqualTo(409);
    assertThat(read(referralId).get("status").asString()).isEqualTo("RETURNED");
  }

  @Test
  void theTimelineKeepsTheTimeAndPlaceOfABookingAndAMoveWithoutThePatient() throws Exception {
    UUID referralId = approvedReferral();
    Instant harvest = Instant.parse("2026-12-14T17:00:00Z");
    publish(bookedAt(referralId, Instant.now(), harvest));
    awaitStatus(referralId, "SCHEDULED");
    Instant moved = Instant.parse("2026-12-16T18:30:00Z");
    publish(
        new AppointmentPairRescheduled(
            UUID.randomUUID(),
            referralId,
            Instant.now(),
            UUID.randomUUID(),
            2,
            appointments(moved),
            patient()));
    awaitStatus(referralId, "RESCHEDULED");

    JsonNode read = read(referralId);
    JsonNode booked = entry(read, "SCHEDULED").get("detail");
    assertThat(booked.get("happening").asString()).isEqualTo("BOOKED");
    assertThat(booked.get("appointments").size()).isEqualTo(2);
    JsonNode first = booked.get("appointments").get(0);
    assertThat(first.get("kind").asString()).isEqualTo("HARVEST");
    assertThat(Instant.parse(first.get("startsAt").asString())).isEqualTo(harvest);
    assertThat(first.get("timeZone").asString()).isEqualTo("America/Los_Angeles");
    assertThat(first.get("siteName").asString()).isEqualTo("Bayview Clinic");
    assertThat(first.get("siteAddress").asString()).isEqualTo("1 Harbor Way, San Francisco");
    assertThat(first.get("roomName").asString()).isEqualTo("Procedure room 2");
    assertThat(first.get("clinicianName").asString()).isEqualTo("Dr. Ana Ruiz");
    JsonNode movedTo = entry(read, "RESCHEDULED").get("detail");
    assertThat(movedTo.get("happening").asString()).isEqualTo("MOVED");
    assertThat(Instant.parse(movedTo.get("appointments").get(0).get("startsAt").asString()))
        .isEqualTo(moved);
    // The physician's timeline holds the appointments, never the patient's contact.
    assertThat(read.get("timeline").toString())
        .doesNotContain(
            Contacts.PATIENT_FAMILY_NAME, "ana.rivera@example.org", "4155550123", "Ana Rivera");
  }

  @Test
  void aConfirmationAndANoShowAppearOnTheTimelineWithTheChannelAndTheAppointment()
      throws Exception {
    UUID referralId = approvedReferral();
    Instant harvest = Instant.parse("2026-12-14T17:00:00Z");
    UUID pairId = UUID.randomUUID();
    publish(bookedAt(referralId, Instant.now(), harvest));
    awaitStatus(referralId, "SCHEDULED");
    publish(
        new AppointmentPairConfirmed(
            UUID.randomUUID(), referralId, Instant.now(), pairId, 1, ConfirmedBy.SMS_REPLY));
    await().atMost(WAIT).until(() -> statuses(referralId).size(), size -> size == 5);
    publish(
        new AppointmentNoShow(
            UUID.randomUUID(), referralId, Instant.now(), pairId, appointments(harvest).get(0)));
    awaitStatus(referralId, "NO_SHOW");

    JsonNode read = read(referralId);
    JsonNode confirmed =
        stream(read.get("timeline"))
            .filter(e -> e.hasNonNull("detail"))
            .filter(e -> e.get("detail").get("happening").asString().equals("CONFIRMED"))
            .findFirst()
            .orElseThrow();
    assertThat(confirmed.get("status").asString())
        .as("a confirmation changes no status")
        .isEqualTo("SCHEDULED");
    assertThat(confirmed.get("note").asString()).isEqualTo("Patient confirmed attendance");
    assertThat(confirmed.get("detail").get("confirmedBy").asString()).isEqualTo("SMS_REPLY");
    JsonNode noShow = entry(read, "NO_SHOW").get("detail");
    assertThat(noShow.get("happening").asString()).isEqualTo("NO_SHOW");
    assertThat(Instant.parse(noShow.get("appointments").get(0).get("startsAt").asString()))
        .isEqualTo(harvest);
  }

  private static AppointmentPairBooked bookedAt(UUID referralId, Instant at, Instant harvest) {
    return new AppointmentPairBooked(
        UUID.randomUUID(),
        referralId,
        at,
        UUID.randomUUID(),
        appointments(harvest),
        Contacts.patient().smsWith("+14155550123").build());
  }

  private static List<Appointment> appointments(Instant harvest) {
    return List.of(
        appointment(AppointmentKind.HARVEST, harvest),
        appointment(AppointmentKind.INJECTION, harvest.plus(Duration.ofHours(3))));
  }

  private static Appointment appointment(AppointmentKind kind, Instant startsAt) {
    return new Appointment(
        UUID.randomUUID(),
        kind,
        startsAt,
        startsAt.plus(Duration.ofHours(1)),
        "America/Los_Angeles",
        "Dr. Ana Ruiz",
        "Bayview Clinic",
        "1 Harbor Way, San Francisco",
        "Procedure room 2");
  }

  private JsonNode entry(JsonNode referral, String status) {
    return stream(referral.get("timeline"))
        .filter(e -> e.get("status").asString().equals(status))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  private UUID approvedReferral() {
    ResponseEntity<String> submitted =
        physician
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                json.writeValueAsString(
                    ReferralFixtures.forAnotherPatient(ReferralFixtures.likelyEligibleAchilles())))
            .retrieve()
            .toEntity(String.class);
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
    UUID referralId = UUID.fromString(json.readTree(submitted.getBody()).get("id").asString());
    String reviewId =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    stream(
                            json.readTree(
                                reviewer
                                    .get()
                                    .uri("/api/reviews?limit=500")
                                    .retrieve()
                                    .body(String.class)))
                        .filter(r -> r.get("referralId").asString().equals(referralId.toString()))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow()
            .get("id")
            .asString();
    ResponseEntity<String> approved =
        reviewer
            .post()
            .uri("/api/reviews/" + reviewId + "/approval")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left\"}")
            .retrieve()
            .toEntity(String.class);
    assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(200);
    return referralId;
  }

  private static AppointmentPairBooked booked(UUID referralId, Instant at) {
    return new AppointmentPairBooked(
        UUID.randomUUID(), referralId, at, UUID.randomUUID(), List.of(), patient());
  }

  private static AppointmentPairCancelled cancelled(UUID referralId, Instant at) {
    return new AppointmentPairCancelled(
        UUID.randomUUID(), referralId, at, UUID.randomUUID(), 1, List.of(), patient());
  }

  private static PatientContact patient() {
    return Contacts.patient().build();
  }

  private void publish(SchedulingEvent event) throws Exception {
    cellpathKafkaTemplate
        .send(EventRecords.of(event, messaging, "/cellpath/scheduling-service"))
        .get();
  }

  private void awaitStatus(UUID referralId, String status) {
    await().atMost(WAIT).until(() -> read(referralId).get("status").asString(), status::equals);
  }

  private List<String> statuses(UUID referralId) {
    return stream(read(referralId).get("timeline")).map(e -> e.get("status").asString()).toList();
  }

  private JsonNode read(UUID referralId) {
    return json.readTree(
        physician.get().uri("/api/referrals/" + referralId).retrieve().body(String.class));
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
