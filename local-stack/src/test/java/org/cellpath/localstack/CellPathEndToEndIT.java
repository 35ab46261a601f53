package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.cellpath.infra.FreePorts;
import org.cellpath.testsupport.TestInfrastructure;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case crosses all three services, each its own process on its own database, over one Kafka
 * broker and one PostgreSQL server: a physician submits a referral, a reviewer approves it,
 * scheduling books a harvest and injection pair from slots created through its API, the patient
 * receives the confirmation over SMTP, and the physician sees the referral SCHEDULED; the
 * reviewer's approval, the booking it causes and the patient's message are one trace, whose id
 * every service's log lines about the referral carry (ADR 29).
 */
class CellPathEndToEndIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Unmistakable patient values: none of them may appear where patient data must not be. */
  private static final String CANARY_GIVEN = "Quintessa";

  private static final String CANARY_FAMILY = "Zephyrcanary";
  private static final String CANARY_PHONE = "+14155550187";
  private static final String CANARY_BIRTH = "1933-03-03";

  private static MailCatcher mail;
  private static String prefix;
  private static SmsCatcher sms;
  private static List<ServiceProcess> services = List.of();

  /** The referring physician's view of referral-service. */
  private static RestClient referrals;

  /** The reviewing clinician's view of referral-service. */
  private static RestClient reviews;

  private static RestClient scheduling;
  private static RestClient notifications;

  @BeforeAll
  static void startTheSystem() {
    mail = MailCatcher.start(FreePorts.pick(), FreePorts.pick());
    sms = SmsCatcher.start(0);
    prefix = "e2e" + UUID.randomUUID().toString().substring(0, 8) + "-";
    ServiceConnections connections =
        new ServiceConnections(
            TestInfrastructure.kafkaBootstrapServers(),
            "localhost",
            mail.smtpPort(),
            prefix,
            TestTokens.issuer().jwkSetUri());
    Path repoRoot = RepoRoot.find();
    List<ServiceSpec> specs = TestServiceSpecs.of(repoRoot, connections, sms);
    ServiceLauncher launcher = new ServiceLauncher(repoRoot.resolve("local-stack/target/e2e-logs"));
    services = launcher.startAll(specs);
    // Each person with their own token, as the services see them in production.
    referrals = client(services.get(0), TestTokens.physician(TestTokens.NPI));
    reviews = client(services.get(0), TestTokens.reviewer());
    scheduling = client(services.get(1), TestTokens.scheduler());
    notifications = client(services.get(2), TestTokens.admin());
  }

  @AfterAll
  static void stopTheSystem() {
    ServiceLauncher.stopAll(services);
    if (mail != null) {
      mail.close();
    }
    if (sms != null) {
      sms.close();
    }
  }

  @Test
  void aReferralTravelsFromSubmissionToAConfirmationEmailAndAScheduledStatus() throws Exception {
    LocalDate day = LocalDate.now(CLINIC).plusDays(10);
    String clinicianId =
        post(scheduling, "/api/clinicians", "{\"name\":\"Dr. Maya Patel\"}").get("id").asString();
    String siteId =
        post(
                scheduling,
                "/api/sites",
                """
        {"name":"CellPath Foot & Ankle Clinic","address":"100 Market St, San Francisco","timeZone":"America/Los_Angeles"}
        """)
            .get("id")
            .asString();
    String harvestRoom =
        post(scheduling, "/api/sites/" + siteId + "/rooms", "{\"name\":\"Procedure room 1\"}")
            .get("id")
            .asString();
    String injectionRoom =
        post(scheduling, "/api/sites/" + siteId + "/rooms", "{\"name\":\"Injection room 2\"}")
            .get("id")
            .asString();
    post(scheduling, "/api/slots", slot(clinicianId, harvestRoom, "HARVEST", day, "09:00", 45));
    post(scheduling, "/api/slots", slot(clinicianId, injectionRoom, "INJECTION", day, "10:30", 30));
    String patientEmail = "patient-" + UUID.randomUUID() + "@example.org";

    String referralId =
        post(referrals, "/api/referrals", referral(patientEmail)).get("id").asString();
    await().atMost(WAIT).until(() -> status(referralId), "UNDER_REVIEW"::equals);
    String reviewId =
        stream(get(reviews, "/api/reviews?limit=500"))
            .filter(review -> review.get("referralId").asString().equals(referralId))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asString();
    // The approval arrives with trace context, as from the web console: the services continue that
    // trace.
    String approvalTrace = UUID.randomUUID().toString().replace("-", "");
    post(
        reviews
            .mutate()
            .defaultHeader("traceparent", "00-" + approvalTrace + "-00f067aa0ba902b7-01")
            .build(),
        "/api/reviews/" + reviewId + "/approval",
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}");

    await().atMost(WAIT).until(() -> status(referralId), "SCHEDULED"::equals);
    await()
        .atMost(WAIT)
        .until(
            () ->
                mail.messages().stream()
                    .anyMatch(
                        m -> m.to().contains(patientEmail) && m.subject().contains("are booked")));
    JsonNode pairs = get(scheduling, "/api/appointment-pairs?referralId=" + referralId);
    assertThat(pairs.size()).isEqualTo(1);
    assertThat(mail.messages().stream().filter(m -> m.to().contains(patientEmail)).toList())
        .anySatisfy(m -> assertThat(m.text()).contains("Dr. Maya Patel").contains("100 Market St"));
    JsonNode timeline = get(referrals, "/api/referrals/" + referralId).get("timeline");
    assertThat(stream(timeline).map(entry -> entry.get("status").asString()).toList())
        .containsSubsequence("SUBMITTED", "UNDER_REVIEW", "APPROVED", "SCHEDULED");
    JsonNode log =
        get(notifications, "/api/referrals/" + referralId + "/notifications").get("notifications");
    assertThat(
            stream(log)
                .filter(n -> n.get("kind").asString().equals("BOOKING_CONFIRMATION"))
                .map(n -> n.get("status").asString())
                .toList())
        .containsExactly("SENT");
    for (ServiceProcess service : services) {
      String metrics =
          client(service, TestTokens.admin())
              .get()
              .uri("/actuator/prometheus")
              .retrieve()
              .body(String.class);
      assertThat(metrics)
          .as(service.name())
          .contains("cellpath_outbox_published_total", "service=\"" + service.name());
      assertThat(Files.readString(service.logFile()))
          .as(service.name() + " log")
          .contains("\"referralId\":\"" + referralId + "\"")
          .doesNotContain(
              patientEmail, "Rivera", "+14155550123", "1971-03-14", "Achilles", "M76.62");
    }
    // The outbox relay publishes in the trace the approval started, each consumer handles in the
    // publisher's: so the
    // approval's trace id is on the referral's log lines in all three services (a line is written
    // once its effect
    // has committed, hence the wait).
    for (ServiceProcess service : services) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(traceIdsOfReferral(service, referralId))
                      .as("trace ids on %s's log lines of the referral", service.name())
                      .contains(approvalTrace));
    }
  }

  /** The {@code trace.id} of each of the service's log lines that name the referral. */
  private static List<String> traceIdsOfReferral(ServiceProcess service, String referralId)
      throws Exception {
    List<String> traceIds = new ArrayList<>();
    for (String line : Files.readAllLines(service.logFile(), StandardCharsets.UTF_8)) {
      if (line.startsWith("{") && line.contains(referralId)) {
        JsonNode entry = JSON.readTree(line);
        if (entry.has("trace.id") && referralId.equals(entry.path("referralId").asString(""))) {
          traceIds.add(entry.get("trace.id").asString());
        }
      }
    }
    return traceIds;
  }

  /**
   * Patient data stays where it belongs (docs/domain.md §7.2): a referral with canary values goes
   * through the system, with refused requests and a poison event on the way; then no log line of
   * any service, no header of any record on any topic (dead-letter topics included), no payload
   * (contact details travel sealed; the date of birth and the diagnosis never travel) and no
   * refused or invalid response holds a canary. The poison event itself, written here in the clear,
   * is the one record allowed to name the patient.
   */
  @Test
  void patientDataNeverReachesLogsRecordHeadersDeadLettersOrRefusals() throws Exception {
    String email = "zephyr.canary." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String referral =
        referral(email)
            .replace("\"Ana\"", "\"" + CANARY_GIVEN + "\"")
            .replace("\"Rivera\"", "\"" + CANARY_FAMILY + "\"")
            .replace("+14155550123", CANARY_PHONE)
            .replace("1971-03-14", CANARY_BIRTH);
    List<String> canaries = List.of(CANARY_GIVEN, CANARY_FAMILY, CANARY_PHONE, CANARY_BIRTH, email);
    String referralId = post(referrals, "/api/referrals", referral).get("id").asString();
    await().atMost(WAIT).until(() -> status(referralId), "UNDER_REVIEW"::equals);

    List<ResponseEntity<String>> refusals = new ArrayList<>();
    RestClient anotherPhysician =
        client(services.get(0), TestTokens.physician(TestTokens.OTHER_NPI));
    refusals.add(
        anotherPhysician
            .get()
            .uri("/api/referrals/" + referralId)
            .retrieve()
            .toEntity(String.class));
    refusals.add(
        client(services.get(0), TestTokens.scheduler())
            .get()
            .uri("/api/referrals/" + referralId)
            .retrieve()
            .toEntity(String.class));
    refusals.add(
        client(services.get(0), TestTokens.expired("PHYSICIAN"))
            .get()
            .uri("/api/referrals/" + referralId)
            .retrieve()
            .toEntity(String.class));
    refusals.add(
        referrals
            .post()
            .uri("/api/referrals")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                referral
                    .replace("\"npi\":\"1234567893\"", "\"npi\":\"1234567890\"")
                    .replace("\"language\":\"en\"", "\"language\":\"" + CANARY_FAMILY + "\""))
            .retrieve()
            .toEntity(String.class));
    refusals.add(
        client(services.get(2), TestTokens.physician(TestTokens.NPI))
            .post()
            .uri("/api/patients/notifications/search")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"email\":\"" + email + "\"}")
            .retrieve()
            .toEntity(String.class));
    assertThat(refusals)
        .extracting(response -> response.getStatusCode().value())
        .containsExactly(404, 403, 401, 400, 403);
    assertThat(refusals)
        .allSatisfy(
            response -> assertThat(String.valueOf(response.getBody())).doesNotContain(canaries));

    // A poison event naming the patient: dead-lettered by the services that read it, with sanitized
    // headers.
    String poison =
        "{\"eventId\":\""
            + UUID.randomUUID()
            + "\",\"referralId\":\""
            + referralId
            + "\",\"patient\":{\"givenName\":\""
            + CANARY_GIVEN
            + "\",\"email\":\""
            + email
            + "\"},"
            + "\"appointments\":\""
            + CANARY_FAMILY
            + " is not a list\"}";
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              prefix + "scheduling-events",
              referralId.getBytes(StandardCharsets.UTF_8),
              poison.getBytes(StandardCharsets.UTF_8));
      record
          .headers()
          .add("ce_type", "AppointmentPairBooked".getBytes(StandardCharsets.UTF_8))
          .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
          .add("ce_source", "/cellpath/scheduling-service".getBytes(StandardCharsets.UTF_8))
          .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }
    await()
        .atMost(WAIT)
        .until(() -> allRecords().stream().anyMatch(record -> record.topic().endsWith(".dlq")));

    List<ConsumerRecord<byte[], byte[]>> records = allRecords();
    assertThat(records)
        .extracting(ConsumerRecord::topic)
        .anyMatch(topic -> topic.endsWith(".dlq"))
        .anyMatch(topic -> topic.equals(prefix + "referral-events"));
    for (ConsumerRecord<byte[], byte[]> record : records) {
      for (Header header : record.headers()) {
        assertThat(new String(header.value(), StandardCharsets.UTF_8))
            .as("header %s of a record on %s", header.key(), record.topic())
            .doesNotContain(canaries);
      }
      String value = new String(record.value(), StandardCharsets.UTF_8);
      if (!value.equals(poison)) {
        // Contact details travel sealed (ADR 13); the date of birth and the diagnosis never travel
        // at all.
        assertThat(value)
            .as("a record on %s", record.topic())
            .doesNotContain(canaries)
            .doesNotContain("ACHILLES", "M76.62", "Achilles");
      }
    }
    for (ServiceProcess service : services) {
      assertThat(Files.readString(service.logFile()))
          .as(service.name() + " log")
          .doesNotContain(canaries);
      assertThat(
              client(service, TestTokens.admin())
                  .get()
                  .uri("/actuator/prometheus")
                  .retrieve()
                  .body(String.class))
          .as(service.name() + " metrics")
          .doesNotContain(canaries);
    }
  }

  /** Every record on every topic of this run (dead-letter topics included), from the beginning. */
  private static List<ConsumerRecord<byte[], byte[]>> allRecords() throws Exception {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafkaBootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.kafkaBootstrapServers()));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : admin.listTopics().names().get()) {
        if (topic.startsWith(prefix)) {
          consumer
              .partitionsFor(topic)
              .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream()
              .anyMatch(partition -> consumer.position(partition) < ends.get(partition))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }

  private static String slot(
      String clinicianId, String roomId, String kind, LocalDate day, String start, int minutes) {
    return """
        {"clinicianId":"%s","roomId":"%s","kind":"%s","date":"%s","startTime":"%s","durationMinutes":%d}
        """
        .formatted(clinicianId, roomId, kind, day, start, minutes);
  }

  /** The same referral docs/running.md's first example submits, with a fresh patient address. */
  private static String referral(String patientEmail) {
    return TestReferral.json("Ana", "Rivera", "+14155550123", patientEmail, "en", false);
  }

  private static String status(String referralId) {
    return get(referrals, "/api/referrals/" + referralId).get("status").asString();
  }

  private static RestClient client(ServiceProcess service, String token) {
    return RestClient.builder()
        .baseUrl(service.baseUrl().toString())
        .defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }

  private static JsonNode post(RestClient client, String path, String body) {
    ResponseEntity<String> response =
        client
            .post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .retrieve()
            .toEntity(String.class);
    assertThat(response.getStatusCode().is2xxSuccessful())
        .as(path + " -> " + response.getBody())
        .isTrue();
    return JSON.readTree(response.getBody());
  }

  private static JsonNode get(RestClient client, String path) {
    ResponseEntity<String> response = client.get().uri(path).retrieve().toEntity(String.class);
    assertThat(response.getStatusCode().is2xxSuccessful())
        .as(path + " -> " + response.getBody())
        .isTrue();
    return JSON.readTree(response.getBody());
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
