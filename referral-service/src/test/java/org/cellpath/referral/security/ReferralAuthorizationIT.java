package org.cellpath.referral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.PhoneNumber;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.Sex;
import org.cellpath.security.UnauthenticatedRefusals;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what: every endpoint of referral-service x every kind of caller, against a real
 * broker and a real PostgreSQL. A broken token is 401 whatever it claims; a valid token of a role
 * the endpoint is not for is 403; another physician's referral is 404, like one that does not
 * exist; the role the endpoint is for gets its answer. Every refusal is a problem detail that
 * quotes no patient data and changes nothing; a 403 or 404 leaves an audit row, a 401 is counted
 * (and sampled into the audit trail, at most a row a minute per route: see
 * UnauthenticatedRefusalsIT).
 */
@IntegrationTest
class ReferralAuthorizationIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The patient of every referral here: values no refusal may quote. */
  private static final String GIVEN_NAME = "Zebulon";

  private static final String FAMILY_NAME = "Quillfeather";
  private static final String EMAIL = "zebulon.quillfeather@example.org";
  private static final String PHONE = "+14155550188";
  private static final String DATE_OF_BIRTH = "1964-02-29";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired MeterRegistry meters;

  /**
   * Who calls: broken tokens (of the role the endpoint is for), each role, and a second physician.
   */
  enum Caller {
    NO_TOKEN,
    EXPIRED,
    WRONG_ISSUER,
    WRONG_AUDIENCE,
    ALG_NONE,
    FORGED_SIGNATURE,
    PHYSICIAN,
    REVIEWER,
    SCHEDULER,
    ADMIN,
    ANOTHER_PHYSICIAN;

    boolean brokenToken() {
      return ordinal() <= FORGED_SIGNATURE.ordinal();
    }

    /** The bearer token, or null for none. */
    String token(String endpointRole) {
      return switch (this) {
        case NO_TOKEN -> null;
        case EXPIRED -> TestTokens.expired(endpointRole);
        case WRONG_ISSUER -> TestTokens.wrongIssuer(endpointRole);
        case WRONG_AUDIENCE -> TestTokens.wrongAudience(endpointRole);
        case ALG_NONE -> TestTokens.unsigned(endpointRole);
        case FORGED_SIGNATURE -> TestTokens.forged(endpointRole);
        case PHYSICIAN -> TestTokens.physician(TestTokens.NPI);
        case REVIEWER -> TestTokens.reviewer();
        case SCHEDULER -> TestTokens.scheduler();
        case ADMIN -> TestTokens.admin();
        case ANOTHER_PHYSICIAN -> TestTokens.physician(TestTokens.OTHER_NPI);
      };
    }

    /** The subject the audit trail records for this caller. */
    String subject() {
      return switch (this) {
        case PHYSICIAN -> "physician-" + TestTokens.NPI;
        case ANOTHER_PHYSICIAN -> "physician-" + TestTokens.OTHER_NPI;
        case REVIEWER -> "reviewer-1";
        case SCHEDULER -> "scheduler-1";
        case ADMIN -> "admin-1";
        default -> "anonymous";
      };
    }

    String role() {
      return switch (this) {
        case PHYSICIAN, ANOTHER_PHYSICIAN -> "PHYSICIAN";
        case REVIEWER -> "REVIEWER";
        case SCHEDULER -> "SCHEDULER";
        case ADMIN -> "ADMIN";
        default -> null;
      };
    }
  }

  /**
   * Every endpoint: method, path ({@code {referral}} and {@code {review}} stand for a case of the
   * physician of {@link TestTokens#NPI}), the one role it is for, and what that role gets.
   */
  enum Endpoint {
    SUBMIT(HttpMethod.POST, "/api/referrals", "PHYSICIAN", 201),
    LIST(HttpMethod.GET, "/api/referrals?physicianNpi=" + TestTokens.NPI, "PHYSICIAN", 200),
    READ(HttpMethod.GET, "/api/referrals/{referral}", "PHYSICIAN", 200, "REVIEWER"),
    AMEND(HttpMethod.PUT, "/api/referrals/{referral}", "PHYSICIAN", 200),
    WITHDRAW(HttpMethod.POST, "/api/referrals/{referral}/withdrawal", "PHYSICIAN", 200),
    OUTCOMES_READ(HttpMethod.GET, "/api/referrals/{referral}/outcomes", "PHYSICIAN", 200),
    REVIEW_QUEUE(HttpMethod.GET, "/api/reviews", "REVIEWER", 200),
    REVIEW_READ(HttpMethod.GET, "/api/reviews/{review}", "REVIEWER", 200),
    APPROVE(HttpMethod.POST, "/api/reviews/{review}/approval", "REVIEWER", 200),
    DECLINE(HttpMethod.POST, "/api/reviews/{review}/decline", "REVIEWER", 200),
    REQUEST_INFO(HttpMethod.POST, "/api/reviews/{review}/information-request", "REVIEWER", 200),
    OUTCOMES_SUMMARY(HttpMethod.GET, "/api/outcomes/summary", "REVIEWER", 200, "ADMIN"),
    OUTCOMES_SUMMARY_CSV(HttpMethod.GET, "/api/outcomes/summary.csv", "REVIEWER", 200, "ADMIN"),
    SIMILAR_OUTCOMES(HttpMethod.GET, "/api/reviews/{review}/similar-outcomes", "REVIEWER", 200);

    final HttpMethod method;
    final String path;
    final String role;
    final int allowedStatus;

    /** Another role the endpoint is also for (a reviewer reads any referral), or none. */
    final String alsoRole;

    Endpoint(HttpMethod method, String path, String role, int allowedStatus) {
      this(method, path, role, allowedStatus, null);
    }

    Endpoint(HttpMethod method, String path, String role, int allowedStatus, String alsoRole) {
      this.method = method;
      this.path = path;
      this.role = role;
      this.allowedStatus = allowedStatus;
      this.alsoRole = alsoRole;
    }

    boolean perReferral() {
      return path.contains("{referral}");
    }

    /** What this caller must get. */
    int expectedStatus(Caller caller) {
      if (caller.brokenToken()) {
        return 401;
      }
      if (caller == Caller.ANOTHER_PHYSICIAN && perReferral()) {
        return 404;
      }
      if (caller == Caller.ANOTHER_PHYSICIAN
          || !role.equals(caller.role()) && (alsoRole == null || !alsoRole.equals(caller.role()))) {
        // SUBMIT and LIST of another physician: the body or the query names the first physician's
        // NPI
        return 403;
      }
      return allowedStatus;
    }
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint endpoint : Endpoint.values()) {
      for (Caller caller : Caller.values()) {
        cases.add(Arguments.of(endpoint, caller, endpoint.expectedStatus(caller)));
      }
    }
    return cases.stream();
  }

  /** A case of the physician of {@link TestTokens#NPI}, under review. */
  record Case(UUID referralId, UUID reviewId) {}

  /** The case every refused call aims at; refusals must leave it as it is. */
  private static Case untouched;

  @BeforeEach
  void openTheUntouchedCase() {
    if (untouched == null) {
      untouched = newCaseUnderReview();
    }
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @MethodSource("matrix")
  void everyEndpointAnswersEveryCallerAsItsRulesSay(
      Endpoint endpoint, Caller caller, int expected) {
    boolean allowed = expected < 400;
    Case target = allowed || expected == 404 ? newCaseUnderReview() : untouched;
    if (allowed && endpoint == Endpoint.AMEND) {
      awaitInformationRequested(target);
    }
    String statusBefore = referralStatus(target.referralId());
    String reviewBefore = reviewState(target.reviewId());
    long referralsBefore = referralCount();
    long lastAuditRow = lastAuditRow();
    double unauthenticatedBefore = unauthenticated();

    ResponseEntity<String> response = call(endpoint, caller, target);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(expected);
    List<Map<String, Object>> audited = auditRowsAfter(lastAuditRow);
    if (allowed) {
      assertThat(audited)
          .as("audit rows")
          .anySatisfy(
              row -> {
                assertThat(row.get("subject")).isEqualTo(caller.subject());
                assertThat(row.get("action")).isEqualTo(endpoint.name());
                assertThat(row.get("outcome")).isEqualTo("ALLOWED");
              });
      return;
    }
    assertThat(response.getHeaders().getContentType())
        .isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
    assertThat(json.readTree(response.getBody()).get("status").asInt()).isEqualTo(expected);
    assertThat(response.getBody())
        .doesNotContain(
            GIVEN_NAME, FAMILY_NAME, EMAIL, PHONE, DATE_OF_BIRTH, "Achilles", "ACHILLES", "M76.62");
    assertThat(referralStatus(target.referralId()))
        .as("the referral is unchanged")
        .isEqualTo(statusBefore);
    assertThat(reviewState(target.reviewId()))
        .as("the review is unchanged")
        .isEqualTo(reviewBefore);
    assertThat(referralCount()).as("no referral stored").isEqualTo(referralsBefore);
    if (expected == 401) {
      assertThat(unauthenticated() - unauthenticatedBefore).as("401s counted").isEqualTo(1);
      assertThat(audited)
          .as("a sample at most")
          .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("UNAUTHENTICATED"));
      return;
    }
    assertThat(audited)
        .as("audit rows")
        .anySatisfy(
            row -> {
              assertThat(row.get("subject")).isEqualTo(caller.subject());
              assertThat(row.get("outcome")).isEqualTo("DENIED");
              if (expected == 404) {
                assertThat(row.get("action")).isEqualTo(endpoint.name());
                assertThat(row.get("referral_id")).isEqualTo(target.referralId());
              }
            });
  }

  @Test
  void anotherPhysiciansReferralIsAnsweredExactlyLikeOneThatDoesNotExist() {
    Case theirs = newCaseUnderReview();
    RestClient other = ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI));

    ResponseEntity<String> existing =
        other.get().uri("/api/referrals/" + theirs.referralId()).retrieve().toEntity(String.class);
    UUID unknown = UUID.randomUUID();
    ResponseEntity<String> missing =
        other.get().uri("/api/referrals/" + unknown).retrieve().toEntity(String.class);

    assertThat(existing.getStatusCode().value()).isEqualTo(404);
    assertThat(missing.getStatusCode().value()).isEqualTo(404);
    assertThat(existing.getBody().replace(theirs.referralId().toString(), "ID"))
        .isEqualTo(missing.getBody().replace(unknown.toString(), "ID"));
  }

  @Test
  void aPhysicianListsOnlyTheirOwnReferralsWhenNoNpiIsGiven() {
    Case mine = newCaseUnderReview();
    RestClient other = ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI));
    String theirs =
        submitted(
            other
                .post()
                .uri("/api/referrals")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                    json.writeValueAsString(
                        ReferralFixtures.referredBy(canaryReferral(), TestTokens.OTHER_NPI)))
                .retrieve()
                .toEntity(String.class));

    String ownList =
        ApiClients.physician(port)
            .get()
            .uri("/api/referrals?size=100")
            .retrieve()
            .body(String.class);
    String otherList = other.get().uri("/api/referrals?size=100").retrieve().body(String.class);

    assertThat(ownList).contains(mine.referralId().toString()).doesNotContain(theirs);
    assertThat(otherList).contains(theirs).doesNotContain(mine.referralId().toString());
  }

  @Test
  void aPhysiciansListNamesTheirOwnPatientsAndNoOneElses() {
    ReferralDetails mine = canaryReferral();
    ReferralDetails theirs = ReferralFixtures.referredBy(canaryReferral(), TestTokens.OTHER_NPI);
    RestClient other = ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI));
    String mineId =
        submitted(
            ApiClients.physician(port)
                .post()
                .uri("/api/referrals")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(mine))
                .retrieve()
                .toEntity(String.class));
    String theirsId =
        submitted(
            other
                .post()
                .uri("/api/referrals")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(theirs))
                .retrieve()
                .toEntity(String.class));

    String ownList =
        ApiClients.physician(port)
            .get()
            .uri("/api/referrals?size=100")
            .retrieve()
            .body(String.class);
    String otherList = other.get().uri("/api/referrals?size=100").retrieve().body(String.class);

    assertThat(
            item(json.readTree(ownList).get("items"), "id", mineId).get("patientName").asString())
        .isEqualTo(nameOf(mine));
    assertThat(ownList).doesNotContain(theirs.patient().familyName());
    assertThat(
            item(json.readTree(otherList).get("items"), "id", theirsId)
                .get("patientName")
                .asString())
        .isEqualTo(nameOf(theirs));
    assertThat(otherList).doesNotContain(mine.patient().familyName());
    ResponseEntity<String> anotherPhysiciansList =
        other
            .get()
            .uri("/api/referrals?physicianNpi=" + TestTokens.NPI)
            .retrieve()
            .toEntity(String.class);
    assertThat(anotherPhysiciansList.getStatusCode().value()).isEqualTo(403);
    assertThat(anotherPhysiciansList.getBody())
        .doesNotContain(GIVEN_NAME, mine.patient().familyName(), mineId);
  }

  @Test
  void theReviewQueueNamesEachCasesPatientToReviewersAndToNoOneElse() {
    ReferralDetails referral = canaryReferral();
    Case queued = newCaseUnderReview(referral);

    JsonNode queue =
        json.readTree(
            ApiClients.reviewer(port)
                .get()
                .uri("/api/reviews?limit=500")
                .retrieve()
                .body(String.class));
    JsonNode review = item(queue, "referralId", queued.referralId().toString());
    assertThat(review.get("id").asString()).isEqualTo(queued.reviewId().toString());
    assertThat(review.get("patientName").asString()).isEqualTo(nameOf(referral));
    assertThat(
            json.readTree(
                    ApiClients.reviewer(port)
                        .get()
                        .uri("/api/reviews/" + queued.reviewId())
                        .retrieve()
                        .body(String.class))
                .get("patientName")
                .asString())
        .isEqualTo(nameOf(referral));
    for (String token :
        List.of(
            TestTokens.physician(TestTokens.NPI),
            TestTokens.physician(TestTokens.OTHER_NPI),
            TestTokens.scheduler(),
            TestTokens.admin())) {
      ResponseEntity<String> refused =
          ApiClients.as(port, token)
              .get()
              .uri("/api/reviews?limit=500")
              .retrieve()
              .toEntity(String.class);
      assertThat(refused.getStatusCode().value()).isEqualTo(403);
      assertThat(refused.getBody()).doesNotContain(GIVEN_NAME, referral.patient().familyName());
    }
  }

  @Test
  void anotherPhysiciansIdempotencyKeyNeitherReturnsTheirReferralNorStoresOne() {
    String key = UUID.randomUUID().toString();
    String first =
        submitted(
            ApiClients.physician(port)
                .post()
                .uri("/api/referrals")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(canaryReferral()))
                .retrieve()
                .toEntity(String.class));
    long before = referralCount();

    ResponseEntity<String> reused =
        ApiClients.as(port, TestTokens.physician(TestTokens.OTHER_NPI))
            .post()
            .uri("/api/referrals")
            .header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                json.writeValueAsString(
                    ReferralFixtures.referredBy(canaryReferral(), TestTokens.OTHER_NPI)))
            .retrieve()
            .toEntity(String.class);

    assertThat(reused.getStatusCode().value()).isEqualTo(409);
    assertThat(reused.getBody()).doesNotContain(first);
    assertThat(referralCount()).isEqualTo(before);
  }

  @Test
  void aPhysicianTokenWithoutAnNpiSeesNoReferrals() {
    RestClient npiLess =
        ApiClients.as(port, TestTokens.issuer().token("physician-without-npi", null, "PHYSICIAN"));
    Case someone = newCaseUnderReview();

    assertThat(
            npiLess
                .get()
                .uri("/api/referrals")
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(
            npiLess
                .get()
                .uri("/api/referrals/" + someone.referralId())
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  private ResponseEntity<String> call(Endpoint endpoint, Caller caller, Case target) {
    String token = caller.token(endpoint.role);
    RestClient client = token == null ? ApiClients.anonymous(port) : ApiClients.as(port, token);
    String uri =
        endpoint
            .path
            .replace("{referral}", target.referralId().toString())
            .replace("{review}", target.reviewId().toString());
    var request = client.method(endpoint.method).uri(uri);
    String body = body(endpoint);
    if (body != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(String.class);
  }

  private String body(Endpoint endpoint) {
    return switch (endpoint) {
      case SUBMIT, AMEND -> json.writeValueAsString(canaryReferral());
      case APPROVE ->
          "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}";
      case DECLINE -> "{\"reason\":\"Imaging shows a complete rupture: surgical repair first.\"}";
      case REQUEST_INFO -> "{\"items\":[\"The MRI report of the last 6 months\"]}";
      default -> null;
    };
  }

  /**
   * The likely eligible case of the physician of {@link TestTokens#NPI}, for a canary patient of
   * its own.
   */
  private static ReferralDetails canaryReferral() {
    var patient =
        new ReferralDetails.Patient(
            GIVEN_NAME,
            FAMILY_NAME + "-" + UUID.randomUUID().toString().substring(0, 8),
            LocalDate.parse(DATE_OF_BIRTH),
            Sex.MALE,
            new PhoneNumber(PHONE),
            new EmailAddress(EMAIL),
            "en",
            ContactChannel.EMAIL,
            true,
            "America/Los_Angeles");
    return ReferralFixtures.forPatient(ReferralFixtures.likelyEligibleAchilles(), patient);
  }

  private Case newCaseUnderReview() {
    return newCaseUnderReview(canaryReferral());
  }

  private Case newCaseUnderReview(ReferralDetails referral) {
    String id =
        submitted(
            ApiClients.physician(port)
                .post()
                .uri("/api/referrals")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(referral))
                .retrieve()
                .toEntity(String.class));
    UUID referralId = UUID.fromString(id);
    await().atMost(WAIT).until(() -> referralStatus(referralId), "UNDER_REVIEW"::equals);
    UUID reviewId =
        jdbc.sql("select id from eligibility_review where referral_id = ? and state = 'OPEN'")
            .param(referralId)
            .query(UUID.class)
            .single();
    return new Case(referralId, reviewId);
  }

  private void awaitInformationRequested(Case target) {
    ResponseEntity<String> asked =
        ApiClients.reviewer(port)
            .post()
            .uri("/api/reviews/" + target.reviewId() + "/information-request")
            .contentType(MediaType.APPLICATION_JSON)
            .body(body(Endpoint.REQUEST_INFO))
            .retrieve()
            .toEntity(String.class);
    assertThat(asked.getStatusCode().value()).as(asked.getBody()).isEqualTo(200);
    await().atMost(WAIT).until(() -> referralStatus(target.referralId()), "INFO_REQUESTED"::equals);
  }

  private String submitted(ResponseEntity<String> response) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
    return json.readTree(response.getBody()).get("id").asString();
  }

  private static String nameOf(ReferralDetails referral) {
    return referral.patient().givenName() + " " + referral.patient().familyName();
  }

  /** The element of a JSON array whose {@code field} is {@code value}; fails when there is none. */
  private static JsonNode item(JsonNode array, String field, String value) {
    for (JsonNode element : array) {
      if (value.equals(element.path(field).asString(null))) {
        return element;
      }
    }
    throw new AssertionError("No element with " + field + " " + value + " in " + array);
  }

  private String referralStatus(UUID referralId) {
    return jdbc.sql("select status from referral where id = ?")
        .param(referralId)
        .query(String.class)
        .single();
  }

  private String reviewState(UUID reviewId) {
    return jdbc.sql("select state from eligibility_review where id = ?")
        .param(reviewId)
        .query(String.class)
        .single();
  }

  private long referralCount() {
    return jdbc.sql("select count(*) from referral").query(Long.class).single();
  }

  @Test
  void theTwelveWeekTasksAreForReviewingCliniciansAloneAndARefusalChangesAndDisclosesNothing() {
    UUID task = UUID.randomUUID();
    List<String[]> calls =
        List.of(
            new String[] {"GET", "/api/outcome-tasks?state=OPEN"},
            new String[] {"GET", "/api/outcome-tasks/open-count"},
            new String[] {"GET", "/api/outcome-tasks/" + task},
            new String[] {"POST", "/api/outcome-tasks/" + task + "/resolution"});
    long tasksBefore =
        jdbc.sql("select count(*) from outcome_task where state = 'RESOLVED'")
            .query(Long.class)
            .single();
    for (String token :
        List.of(
            TestTokens.physician(TestTokens.NPI),
            TestTokens.physician(TestTokens.OTHER_NPI),
            TestTokens.scheduler(),
            TestTokens.admin())) {
      for (String[] call : calls) {
        long lastAuditRow = lastAuditRow();
        ResponseEntity<String> refused = outcomeTaskCall(ApiClients.as(port, token), call);
        assertThat(refused.getStatusCode().value()).as(call[1]).isEqualTo(403);
        assertThat(refused.getHeaders().getContentType())
            .isNotNull()
            .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(auditRowsAfter(lastAuditRow))
            .as("the refusal is audited")
            .anySatisfy(row -> assertThat(row.get("outcome")).isEqualTo("DENIED"));
      }
    }
    for (String[] call : calls) {
      assertThat(outcomeTaskCall(ApiClients.anonymous(port), call).getStatusCode().value())
          .isEqualTo(401);
    }
    assertThat(outcomeTaskCall(ApiClients.reviewer(port), calls.get(0)).getStatusCode().value())
        .isEqualTo(200);
    assertThat(outcomeTaskCall(ApiClients.reviewer(port), calls.get(2)).getStatusCode().value())
        .as("an unknown task")
        .isEqualTo(404);
    assertThat(
            jdbc.sql("select count(*) from outcome_task where state = 'RESOLVED'")
                .query(Long.class)
                .single())
        .isEqualTo(tasksBefore);
  }

  private static ResponseEntity<String> outcomeTaskCall(RestClient client, String[] call) {
    if (call[0].equals("POST")) {
      return client
          .post()
          .uri(call[1])
          .contentType(MediaType.APPLICATION_JSON)
          .body("{\"action\":\"NO_ACTION_NEEDED\",\"note\":\"fine\"}")
          .retrieve()
          .toEntity(String.class);
    }
    return client.get().uri(call[1]).retrieve().toEntity(String.class);
  }

  private double unauthenticated() {
    return meters.find(UnauthenticatedRefusals.METRIC).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private long lastAuditRow() {
    return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
  }

  private List<Map<String, Object>> auditRowsAfter(long id) {
    return jdbc.sql(
            "select subject, roles, action, outcome, referral_id, remote_address from audit_event "
                + "where id > ? order by id")
        .param(id)
        .query()
        .listOfRows();
  }
}
