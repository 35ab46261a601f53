package org.cellpath.notification.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.notification.EmailFlowSupport;
import org.cellpath.notification.PatientEvents;
import org.cellpath.security.UnauthenticatedRefusals;
import org.cellpath.testsupport.IntegrationTestInitializer;
import org.cellpath.testsupport.PrivilegeProbe;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * Who looked up a patient's messages, and who acted on the service's messages: every read of a
 * delivery log and every operator's action is a row of the audit trail naming the caller and the
 * referrals concerned, never the patient's contact; unsigned webhook calls are counted and sampled.
 * The service runs as a role that owns nothing, which cannot change a row of the trail.
 */
@TestPropertySource(properties = IntegrationTestInitializer.DATABASE_ROLES + "=separate")
class NotificationAuditIT extends EmailFlowSupport {

  private static final String GIVEN_NAME = "Auditina";
  private static final String FAMILY_NAME = "Trailworth";

  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;

  private UUID referral;
  private String email;
  private String phone;

  @BeforeEach
  void aPatientWithAMessageOnRecord() {
    referral = UUID.randomUUID();
    email = newAddress();
    phone = String.format("+1310555%04d", ThreadLocalRandom.current().nextInt(10_000));
    PatientContact patient =
        new PatientContact(
            GIVEN_NAME,
            FAMILY_NAME,
            email,
            phone,
            "en",
            ContactChannel.EMAIL,
            false,
            "America/Los_Angeles");
    publish(
        new ReferralSubmitted(
            UUID.randomUUID(),
            referral,
            Instant.now(),
            patient,
            PatientEvents.referralSubmitted(patient).physician()),
        "/cellpath/referral-service");
    await().atMost(WAIT).until(() -> rowsFor(referral) == 1);
  }

  @Test
  void readingAReferralsDeliveryLogIsARowNamingTheReaderAndTheReferral() {
    long last = lastRow();

    for (String token : List.of(TestTokens.admin(), TestTokens.scheduler())) {
      assertThat(
              get("/api/referrals/" + referral + "/notifications", token).getStatusCode().value())
          .isEqualTo(200);
    }

    assertThat(rowsAfter(last))
        .extracting(
            row ->
                row.get("subject")
                    + " "
                    + row.get("roles")
                    + " "
                    + row.get("action")
                    + " "
                    + row.get("resource_type")
                    + " "
                    + row.get("resource_id")
                    + " "
                    + row.get("referral_id")
                    + " "
                    + row.get("outcome"))
        .containsExactly(
            "admin-1 ADMIN READ_DELIVERY_LOG referral " + referral + " " + referral + " ALLOWED",
            "scheduler-1 SCHEDULER READ_DELIVERY_LOG referral "
                + referral
                + " "
                + referral
                + " ALLOWED");
  }

  @Test
  void searchingAPatientsMessagesIsARowNamingTheReferralsFoundAndNotTheContactSearchedBy() {
    long last = lastRow();

    ResponseEntity<String> found =
        http()
            .post()
            .uri("/api/patients/notifications/search")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.scheduler()))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"email\":\"" + email + "\"}")
            .retrieve()
            .toEntity(String.class);

    assertThat(found.getStatusCode().value()).isEqualTo(200);
    assertThat(rowsAfter(last))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("subject")).isEqualTo("scheduler-1");
              assertThat(row.get("action")).isEqualTo("SEARCH_DELIVERY_LOG");
              assertThat(row.get("resource_type")).isEqualTo("patient");
              assertThat(row.get("disclosed")).isEqualTo(referral.toString());
            });
    assertThat(
            jdbc.sql("select string_agg(t::text, ' ') from audit_event t")
                .query(String.class)
                .single())
        .doesNotContain(email)
        .doesNotContain(phone)
        .doesNotContain(GIVEN_NAME)
        .doesNotContain(FAMILY_NAME);
  }

  @Test
  void anOperatorsActionOnMessagesIsARowNamingTheOperator() {
    long last = lastRow();

    ResponseEntity<String> republished =
        http()
            .post()
            .uri("/actuator/outbox")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                "{\"from\":\"2000-01-01T00:00:00Z\",\"to\":\""
                    + Instant.now().plusSeconds(60)
                    + "\",\"referralId\":\""
                    + referral
                    + "\",\"dryRun\":\"false\"}")
            .retrieve()
            .toEntity(String.class);
    ResponseEntity<String> listed =
        http()
            .post()
            .uri("/actuator/deadletters")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"binding\":\"referralEvents-in-0\"}")
            .retrieve()
            .toEntity(String.class);

    assertThat(List.of(republished.getStatusCode().value(), listed.getStatusCode().value()))
        .as("%s %s", republished.getBody(), listed.getBody())
        .containsExactly(200, 200);
    assertThat(rowsAfter(last))
        .extracting(
            row ->
                row.get("subject")
                    + " "
                    + row.get("roles")
                    + " "
                    + row.get("action")
                    + " "
                    + row.get("resource_type")
                    + " "
                    + row.get("resource_id")
                    + " "
                    + row.get("outcome"))
        .containsExactly(
            "admin-1 ADMIN OUTBOX_REPUBLISH referral " + referral + " ALLOWED",
            "admin-1 ADMIN DEADLETTER_DRY_RUN binding referralEvents-in-0 ALLOWED");
  }

  @Test
  void unsignedWebhookCallsAreCountedAndSampledNotARowEach() {
    long last = lastRow();
    double counted = counted();

    for (int i = 0; i < 200; i++) {
      ResponseEntity<String> refused =
          http()
              .post()
              .uri("/api/sms/inbound")
              .contentType(MediaType.APPLICATION_JSON)
              .header(
                  "X-CellPath-Signature",
                  "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64))
              .body("{\"from\":\"" + phone + "\",\"text\":\"STOP\"}")
              .retrieve()
              .toEntity(String.class);
      assertThat(refused.getStatusCode().value()).isEqualTo(401);
    }

    assertThat(rowsAfter(last))
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(
            row -> {
              assertThat(row.get("resource_id")).isEqualTo("POST /api/sms/inbound");
              assertThat(row.get("outcome")).isEqualTo("UNAUTHENTICATED");
            });
    assertThat(counted() - counted).isEqualTo(200);
    assertThat(
            jdbc.sql("select count(*) from sms_opt_out where phone = ?")
                .param(phone)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theServicesRoleCannotChangeOrRemoveAnAuditRowNorStopTheTrigger() {
    get("/api/referrals/" + referral + "/notifications", TestTokens.admin());

    assertThat(PrivilegeProbe.powersOf(dataSource)).isEmpty();
  }

  private ResponseEntity<String> get(String path, String token) {
    return http()
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
        .retrieve()
        .toEntity(String.class);
  }

  private double counted() {
    return meters.find(UnauthenticatedRefusals.METRIC).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private long lastRow() {
    return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
  }

  private List<Map<String, Object>> rowsAfter(long id) {
    return jdbc.sql(
            """
            select subject, roles, action, resource_type, resource_id, referral_id,
                   array_to_string(disclosed_referral_ids, ',') as disclosed, outcome
            from audit_event where id > ? order by id
            """)
        .param(id)
        .query()
        .listOfRows();
  }
}
