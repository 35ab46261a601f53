package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of notification-service against every kind of caller: no token, each broken token
 * (expired, another issuer, another audience, {@code alg: none}, a forged signature; all of role
 * ADMIN, the widest), and a valid token of each role. Broken tokens get 401, roles that may not
 * call get 403, both as problem details that hold none of the patient's data and are written to the
 * audit trail; staff ({@code ADMIN}, {@code SCHEDULER}) read the delivery logs. No endpoint here
 * belongs to a physician, so there is no "another physician's referral" case: physicians get 403 on
 * all of them. The SMS webhook takes no token at all: only the provider's signature opens it.
 */
@ExtendWith(OutputCaptureExtension.class)
// The tests run in the local profile, which opens the API description; here it is closed, as in a
// deployment.
@TestPropertySource(properties = "cellpath.security.api-docs.open=false")
class NotificationAuthorizationIT extends EmailFlowSupport {

  /** An unmistakable patient, so that any trace of them in a refusal is seen. */
  private static final String GIVEN_NAME = "Zephyrine";

  private static final String FAMILY_NAME = "Quillbottom";
  private static final String PHONE = "+13105557391";
  private static final String EMAIL = "zephyrine.quillbottom.canary@example.org";
  private static final UUID REFERRAL = UUID.randomUUID();
  private static final String SEARCH =
      "{\"email\":\"" + EMAIL + "\",\"mobilePhone\":\"" + PHONE + "\"}";
  private static final String REPLY = "{\"from\":\"" + PHONE + "\",\"text\":\"see you then\"}";
  private static final String STOP = "{\"from\":\"" + PHONE + "\",\"text\":\"STOP\"}";

  private static boolean published;
  private final JsonMapper json = JsonMapper.builder().build();

  /** Who calls: the {@code Authorization} header they send, or none. */
  enum Caller {
    NO_TOKEN(() -> null),
    EXPIRED(() -> TestTokens.expired("ADMIN")),
    WRONG_ISSUER(() -> TestTokens.wrongIssuer("ADMIN")),
    WRONG_AUDIENCE(() -> TestTokens.wrongAudience("ADMIN")),
    ALG_NONE(() -> TestTokens.unsigned("ADMIN")),
    FORGED(() -> TestTokens.forged("ADMIN")),
    PHYSICIAN(() -> TestTokens.physician(TestTokens.NPI)),
    REVIEWER(TestTokens::reviewer),
    SCHEDULER(TestTokens::scheduler),
    ADMIN(TestTokens::admin);

    private final Supplier<String> token;

    Caller(Supplier<String> token) {
      this.token = token;
    }

    boolean brokenOrMissing() {
      return ordinal() <= FORGED.ordinal();
    }
  }

  /**
   * One endpoint, with the roles it lets in and the status an allowed call gets.
   *
   * @param signed for the webhook: whether the call carries the provider's valid signature
   */
  record Endpoint(
      String name,
      HttpMethod method,
      String path,
      String body,
      boolean signed,
      Set<Caller> allowed,
      int allowedStatus) {

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Endpoint> endpoints() {
    Set<Caller> staff = Set.of(Caller.SCHEDULER, Caller.ADMIN);
    Set<Caller> valid =
        Set.of(Caller.NO_TOKEN, Caller.PHYSICIAN, Caller.REVIEWER, Caller.SCHEDULER, Caller.ADMIN);
    return List.of(
        new Endpoint(
            "referral delivery log",
            HttpMethod.GET,
            "/api/referrals/" + REFERRAL + "/notifications",
            null,
            false,
            staff,
            200),
        new Endpoint(
            "patient delivery log",
            HttpMethod.POST,
            "/api/patients/notifications/search",
            SEARCH,
            false,
            staff,
            200),
        // The provider holds no token: without its signature nobody gets in, whatever bearer token
        // they show.
        new Endpoint(
            "unsigned SMS reply", HttpMethod.POST, "/api/sms/inbound", STOP, false, Set.of(), 0),
        // Signed: accepted without a token; a valid token changes nothing; a broken one is refused
        // as anywhere.
        new Endpoint(
            "signed SMS reply", HttpMethod.POST, "/api/sms/inbound", REPLY, true, valid, 200),
        new Endpoint(
            "metrics", HttpMethod.GET, "/actuator/metrics", null, false, Set.of(Caller.ADMIN), 200),
        new Endpoint(
            "prometheus",
            HttpMethod.GET,
            "/actuator/prometheus",
            null,
            false,
            Set.of(Caller.ADMIN),
            200),
        // A path no rule names is refused to every role.
        new Endpoint(
            "unnamed path", HttpMethod.GET, "/api/notifications", null, false, Set.of(), 0),
        new Endpoint(
            "delivery log, other method",
            HttpMethod.DELETE,
            "/api/referrals/" + REFERRAL + "/notifications",
            null,
            false,
            Set.of(),
            0));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      for (Caller caller : Caller.values()) {
        cases.add(Arguments.of(endpoint, caller));
      }
    }
    return cases.stream();
  }

  @BeforeEach
  void aPatientWithMessagesOnRecord() {
    if (!published) {
      PatientContact patient =
          new PatientContact(
              GIVEN_NAME,
              FAMILY_NAME,
              EMAIL,
              PHONE,
              "en",
              ContactChannel.EMAIL,
              false,
              "America/Los_Angeles");
      publish(
          new ReferralSubmitted(
              UUID.randomUUID(),
              REFERRAL,
              Instant.now(),
              patient,
              PatientEvents.referralSubmitted(patient).physician()),
          "/cellpath/referral-service");
      await().atMost(WAIT).until(() -> deliveryLog(REFERRAL).get("notifications").size() == 1);
      published = true;
    }
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("matrix")
  void eachCallerGetsWhatTheirTokenAndRoleAllow(
      Endpoint endpoint, Caller caller, CapturedOutput output) {
    ResponseEntity<String> answer = call(endpoint, caller);

    int expected =
        caller.brokenOrMissing() && !(endpoint.signed() && caller == Caller.NO_TOKEN)
            ? 401
            : endpoint.allowed().contains(caller)
                ? endpoint.allowedStatus()
                : endpoint.path().equals("/api/sms/inbound") ? 401 : 403;
    assertThat(answer.getStatusCode().value()).as("%s by %s", endpoint, caller).isEqualTo(expected);
    String body = answer.getBody() == null ? "" : answer.getBody();
    if (expected >= 400) {
      assertThat(
              answer
                  .getHeaders()
                  .getContentType()
                  .equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
          .as("a problem-details body")
          .isTrue();
      assertThat(json.readTree(body).get("status").asInt()).isEqualTo(expected);
      assertThat(body)
          .doesNotContain(GIVEN_NAME)
          .doesNotContain(FAMILY_NAME)
          .doesNotContain(EMAIL)
          .doesNotContain(PHONE)
          .doesNotContain("zephyrine");
      String outcome = expected == 401 ? "UNAUTHENTICATED" : "DENIED";
      assertThat(output.getOut())
          .as("the refusal is audited")
          .contains("Audit: " + outcome + " " + endpoint.method().name() + " " + endpoint.path());
    } else if (endpoint.path().startsWith("/api/")) {
      JsonNode read = json.readTree(body);
      assertThat(read.isObject()).isTrue();
    }
    assertThat(
            jdbc.sql("select count(*) from sms_opt_out where phone = ?")
                .param(PHONE)
                .query(Long.class)
                .single())
        .as("no refused STOP opted the patient out")
        .isZero();
  }

  @Test
  void staffSeeTheMessagesWithMaskedAddressesAndTheReadIsAudited(CapturedOutput output) {
    for (String token : List.of(TestTokens.admin(), TestTokens.scheduler())) {
      ResponseEntity<String> log =
          send(HttpMethod.GET, "/api/referrals/" + REFERRAL + "/notifications", null, token, null);
      ResponseEntity<String> search =
          send(HttpMethod.POST, "/api/patients/notifications/search", SEARCH, token, null);

      assertThat(json.readTree(log.getBody()).get("notifications")).hasSize(1);
      assertThat(json.readTree(search.getBody()).get("notifications")).hasSize(1);
      assertThat(log.getBody() + search.getBody())
          .doesNotContain(EMAIL)
          .doesNotContain(PHONE)
          .doesNotContain(GIVEN_NAME);
    }
    assertThat(output.getOut())
        .contains("Audit: ALLOWED READ_DELIVERY_LOG referral " + REFERRAL + " by admin-1")
        .contains("Audit: ALLOWED SEARCH_DELIVERY_LOG patient null by scheduler-1");
  }

  @Test
  void aPatientSearchWithANumberForTheEmailIsRefusedAsAWrongTypeNamingTheField() {
    ResponseEntity<String> refused =
        send(
            HttpMethod.POST,
            "/api/patients/notifications/search",
            "{\"email\":13105557391}",
            TestTokens.scheduler(),
            null);

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    JsonNode errors = json.readTree(refused.getBody()).get("errors");
    assertThat(errors)
        .extracting(error -> error.get("field").asString() + ": " + error.get("message").asString())
        .containsExactly("email: has the wrong type or format");
    assertThat(refused.getBody()).doesNotContain("13105557391");
  }

  @Test
  void healthIsOpenAndTheApiDescriptionIsForAdmins() {
    assertThat(send(HttpMethod.GET, "/actuator/health", null, null, null).getStatusCode().value())
        .isEqualTo(200);
    for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
      assertThat(send(HttpMethod.GET, path, null, null, null).getStatusCode().value())
          .as(path)
          .isEqualTo(401);
      assertThat(
              send(HttpMethod.GET, path, null, TestTokens.scheduler(), null)
                  .getStatusCode()
                  .value())
          .as(path)
          .isEqualTo(403);
    }
    ResponseEntity<String> description =
        send(HttpMethod.GET, "/v3/api-docs", null, TestTokens.admin(), null);
    assertThat(description.getStatusCode().value()).isEqualTo(200);
    assertThat(
            json.readTree(description.getBody())
                .at("/components/schemas/InboundSms/properties")
                .propertyNames())
        .as("the signed webhook's body is described though it is read as bytes")
        .containsExactlyInAnyOrder("from", "text");
  }

  private ResponseEntity<String> call(Endpoint endpoint, Caller caller) {
    // Each signed call is a reply of its own: the same signed call twice is a replay, refused the
    // second time.
    String body =
        endpoint.signed()
            ? endpoint.body().replace("see you then", "see you then, " + caller)
            : endpoint.body();
    String signature =
        endpoint.signed() ? WebhookSigner.signature(WEBHOOK_SECRET, Instant.now(), body) : null;
    return send(endpoint.method(), endpoint.path(), body, caller.token.get(), signature);
  }

  private ResponseEntity<String> send(
      HttpMethod method, String path, String body, String token, String signature) {
    RestClient.RequestBodySpec request = http().method(method).uri(path);
    if (token != null) {
      request = request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
    }
    if (signature != null) {
      request = request.header(WebhookSigner.HEADER, signature);
    }
    if (body != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(String.class);
  }
}
