package org.cellpath.referral.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.cellpath.referral.ApiClients;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad referrals are refused over HTTP, one bad thing at a time, with a problem body that names
 * exactly the bad field, never quotes the bad value, and stores nothing; against a real broker and
 * a real PostgreSQL.
 */
@IntegrationTest
class ReferralValidationIT {

  /** A day no validator can call past, whatever the server's zone. */
  private static final LocalDate FUTURE = LocalDate.now(ZoneOffset.UTC).plusDays(2);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private RestClient http;

  @BeforeEach
  void connect() {
    http = ApiClients.physician(port);
  }

  @Test
  void refusesAnNpiWithAWrongCheckDigit() {
    assertRefusedNaming(
        validReferral().with("physician.npi", "1234567890"), "physician.npi", "1234567890");
  }

  @Test
  void refusesAnNpiOfNineDigits() {
    assertRefusedNaming(
        validReferral().with("physician.npi", "123456789"), "physician.npi", "123456789");
  }

  @Test
  void refusesAPatientMobilePhoneThatIsNotE164() {
    assertRefusedNaming(
        validReferral().with("patient.mobilePhone", "415-555-0123"),
        "patient.mobilePhone",
        "415-555-0123");
  }

  @Test
  void refusesAPhysicianPhoneThatIsNotE164() {
    assertRefusedNaming(
        validReferral().with("physician.phone", "(415) 555-0999"),
        "physician.phone",
        "(415) 555-0999");
  }

  @Test
  void refusesAMalformedPatientEmail() {
    assertRefusedNaming(
        validReferral().with("patient.email", "ana.rivera@@example"),
        "patient.email",
        "ana.rivera@@example");
  }

  @Test
  void refusesAMalformedPhysicianEmail() {
    assertRefusedNaming(
        validReferral().with("physician.email", "lee at bayview"),
        "physician.email",
        "lee at bayview");
  }

  @Test
  void refusesADateOfBirthInTheFuture() {
    assertRefusedNaming(
        validReferral().with("patient.dateOfBirth", FUTURE.toString()),
        "patient.dateOfBirth",
        FUTURE.toString());
  }

  @Test
  void refusesAFractureDateInTheFuture() {
    var fracture =
        validReferral()
            .with("condition", "NON_HEALING_FRACTURE")
            .with("fractureDate", FUTURE.toString());

    assertRefusedNaming(fracture, "fractureDate", FUTURE.toString());
  }

  @Test
  void refusesConservativeCareThatStartsInTheFuture() {
    // care[1] is ongoing, so only its start can be wrong
    assertRefusedNaming(
        validReferral().with("conservativeCare[1].startDate", FUTURE.toString()),
        "conservativeCare[1].startDate",
        FUTURE.toString());
  }

  @Test
  void refusesConservativeCareThatEndsBeforeItStarts() {
    String start = ReferralFixtures.TODAY.minusMonths(6).toString();
    String dayBefore = ReferralFixtures.TODAY.minusMonths(6).minusDays(1).toString();

    assertRefusedNaming(
        validReferral()
            .with("conservativeCare[0].startDate", start)
            .with("conservativeCare[0].endDate", dayBefore),
        "conservativeCare[0].chronological",
        dayBefore);
  }

  @Test
  void refusesAnUnknownConditionNamingTheField() {
    assertRefusedNaming(validReferral().with("condition", "KNEE"), "condition", "KNEE");
  }

  @Test
  void refusesAnUnknownModalityNamingItsPlaceInTheList() {
    assertRefusedNaming(
        validReferral().with("conservativeCare[0].modality", "ACUPUNCTURE"),
        "conservativeCare[0].modality",
        "ACUPUNCTURE");
  }

  @Test
  void refusesADateOfBirthThatIsNotAnIsoDate() {
    assertRefusedNaming(
        validReferral().with("patient.dateOfBirth", "14/03/1971"),
        "patient.dateOfBirth",
        "14/03/1971");
  }

  @Test
  void refusesKellgrenLawrenceGrade5() {
    var osteoarthritis =
        validReferral().with("condition", "ANKLE_OSTEOARTHRITIS").with("kellgrenLawrenceGrade", 5);

    JsonNode problem = assertRefusedNaming(osteoarthritis, "kellgrenLawrenceGrade", null);
    assertThat(problem.get("errors").get(0).get("message").asString()).doesNotContain("5");
  }

  @Test
  void refusesOsteoarthritisWithoutAKellgrenLawrenceGrade() {
    var osteoarthritis =
        validReferral()
            .with("condition", "ANKLE_OSTEOARTHRITIS")
            .with("kellgrenLawrenceGrade", null);

    assertRefusedNaming(osteoarthritis, "kellgrenLawrenceGrade", null);
  }

  @Test
  void acceptsOsteoarthritisOfGrade4() {
    assertAccepted(
        validReferral().with("condition", "ANKLE_OSTEOARTHRITIS").with("kellgrenLawrenceGrade", 4));
  }

  @Test
  void refusesANonHealingFractureWithoutItsDate() {
    var fracture =
        validReferral().with("condition", "NON_HEALING_FRACTURE").with("fractureDate", null);

    assertRefusedNaming(fracture, "fractureDate", null);
  }

  @Test
  void refusesAPriorSurgeryNoteOver1000Characters() {
    String note = "x".repeat(1001);

    assertRefusedNaming(
        validReferral().with("priorSurgery", true).with("priorSurgeryNote", note),
        "priorSurgeryNote",
        note);
  }

  @Test
  void acceptsAPriorSurgeryNoteOfExactly1000Characters() {
    assertAccepted(
        validReferral().with("priorSurgery", true).with("priorSurgeryNote", "x".repeat(1000)));
  }

  @Test
  void refusesAGivenNameOver100Characters() {
    String name = "A" + "n".repeat(100);

    assertRefusedNaming(validReferral().with("patient.givenName", name), "patient.givenName", name);
  }

  @Test
  void refusesALanguageTheClinicDoesNotSpeak() {
    assertRefusedNaming(
        validReferral().with("patient.language", "fr"), "patient.language", "\"fr\"");
  }

  @Test
  void refusesAnUnknownTimeZone() {
    assertRefusedNaming(
        validReferral().with("patient.timeZone", "Mars/Olympus_Mons"),
        "patient.timeZoneKnown",
        "Mars/Olympus_Mons");
  }

  @Test
  void refusesAPatientWithNeitherMobilePhoneNorEmail() {
    assertRefusedNaming(
        validReferral().with("patient.mobilePhone", null).with("patient.email", null),
        "patient.reachable",
        null);
  }

  @Test
  void acceptsAPatientReachableByEmailOnly() {
    assertAccepted(
        validReferral()
            .with("patient.mobilePhone", null)
            .with("patient.preferredChannel", "EMAIL"));
  }

  @Test
  void namesEveryBadFieldAtOnce() {
    var referral =
        validReferral()
            .with("physician.npi", "1234567890")
            .with("patient.mobilePhone", "555-0123")
            .with("patient.language", "fr")
            .with("patient.timeZone", "Nowhere/Special")
            .with("kellgrenLawrenceGrade", 7)
            .with("conservativeCare[1].startDate", FUTURE.toString())
            .with("side", null);

    ResponseEntity<String> response = refused(referral);

    assertThat(fieldsNamedIn(response))
        .containsExactlyInAnyOrder(
            "physician.npi",
            "patient.mobilePhone",
            "patient.language",
            "patient.timeZoneKnown",
            "kellgrenLawrenceGrade",
            "conservativeCare[1].startDate",
            "side");
    assertThat(response.getBody())
        .doesNotContain("1234567890", "555-0123", "Nowhere/Special", FUTURE.toString());
  }

  @Test
  void refusesAConditionGivenAsANumberRatherThanReadingItAsAPositionInTheList() {
    assertRefusedAsWrongType(validReferral().with("condition", 2), "condition");
  }

  @Test
  void refusesAKellgrenLawrenceGradeWithAFractionRatherThanCuttingItToAWholeNumber() {
    var osteoarthritis =
        validReferral()
            .with("condition", "ANKLE_OSTEOARTHRITIS")
            .with("kellgrenLawrenceGrade", 3.9);

    JsonNode problem = assertRefusedAsWrongType(osteoarthritis, "kellgrenLawrenceGrade");
    assertThat(problem.toString()).doesNotContain("3.9");
  }

  @Test
  void refusesAKellgrenLawrenceGradeGivenAsText() {
    var osteoarthritis =
        validReferral()
            .with("condition", "ANKLE_OSTEOARTHRITIS")
            .with("kellgrenLawrenceGrade", "3");

    assertRefusedAsWrongType(osteoarthritis, "kellgrenLawrenceGrade");
  }

  @Test
  void refusesSmsConsentGivenAsTextRatherThanYesOrNo() {
    JsonNode problem =
        assertRefusedAsWrongType(
            validReferral().with("patient.smsConsent", "yes"), "patient.smsConsent");
    assertThat(problem.toString()).doesNotContain("yes");
  }

  @Test
  void refusesSmsConsentGivenAsTheTextTrue() {
    assertRefusedAsWrongType(
        validReferral().with("patient.smsConsent", "true"), "patient.smsConsent");
  }

  @Test
  void refusesSelfPayAcknowledgedGivenAsANumber() {
    assertRefusedAsWrongType(validReferral().with("selfPayAcknowledged", 1), "selfPayAcknowledged");
  }

  @Test
  void refusesAModalityGivenAsANumberNamingItsPlaceInTheList() {
    assertRefusedAsWrongType(
        validReferral().with("conservativeCare[0].modality", 1), "conservativeCare[0].modality");
  }

  @Test
  void refusesANameGivenAsANumberRatherThanTurningItIntoText() {
    JsonNode problem =
        assertRefusedAsWrongType(
            validReferral().with("patient.givenName", 4155550123L), "patient.givenName");
    assertThat(problem.toString()).doesNotContain("4155550123");
  }

  @Test
  void refusesAHealthFactorGivenAsANumber() {
    assertRefusedAsWrongType(validReferral().with("healthFactors", List.of(0)), "healthFactors[0]");
  }

  @Test
  void refusesJsonThatDoesNotParseNamingTheBody() {
    String broken = validReferral().toString().replace("\"condition\":", "\"condition\"") + "{";
    long before = storedReferrals();

    ResponseEntity<String> response = post(broken, null);

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(fieldsNamedIn(response)).containsExactly("body");
    assertThat(response.getBody()).doesNotContain("Rivera", "ana.rivera@example.org", "1971-03-14");
    assertThat(storedReferrals()).isEqualTo(before);
  }

  @Test
  void theSameIdempotencyKeyTwiceIsOneReferral() {
    String key = UUID.randomUUID().toString();
    ReferralJson referral = validReferral();

    ResponseEntity<String> first = post(referral.toString(), key);
    ResponseEntity<String> again = post(referral.toString(), key);

    assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
    assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(200);
    assertThat(idOf(again)).isEqualTo(idOf(first));
    assertThat(
            jdbc.sql("select count(*) from referral where idempotency_key = ?")
                .param(key)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void acceptsAnIdempotencyKeyOf200Characters() {
    String key = "k".repeat(190) + UUID.randomUUID().toString().substring(0, 10);

    ResponseEntity<String> response = post(validReferral().toString(), key);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
  }

  @Test
  void refusesAnIdempotencyKeyOver200Characters() {
    String key = "k".repeat(191) + UUID.randomUUID().toString().substring(0, 10);
    long before = storedReferrals();

    ResponseEntity<String> response = post(validReferral().toString(), key);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(fieldsNamedIn(response))
        .singleElement()
        .asString()
        .containsIgnoringCase("idempotency");
    assertThat(response.getBody()).doesNotContain(key);
    assertThat(storedReferrals()).isEqualTo(before);
  }

  /**
   * A referral as JSON that the service accepts, for a patient of its own: duplicate detection
   * (same physician, patient, condition and side within 24 hours) never joins two tests' referrals.
   */
  private ReferralJson validReferral() {
    ObjectNode tree = json.valueToTree(ReferralFixtures.likelyEligibleAchilles());
    return new ReferralJson(tree)
        .with("patient.familyName", "Rivera-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Mutable JSON of one request, changed one field at a time by a path such as {@code
   * conservativeCare[0].endDate}.
   */
  private final class ReferralJson {

    private final ObjectNode tree;

    ReferralJson(ObjectNode tree) {
      this.tree = tree;
    }

    ReferralJson with(String path, Object value) {
      String[] steps = path.split("\\.");
      JsonNode node = tree;
      for (int i = 0; i < steps.length - 1; i++) {
        node = step(node, steps[i]);
      }
      JsonNode replacement = value == null ? NullNode.getInstance() : json.valueToTree(value);
      ((ObjectNode) node).set(steps[steps.length - 1], replacement);
      return this;
    }

    @Override
    public String toString() {
      return json.writeValueAsString(tree);
    }
  }

  private static JsonNode step(JsonNode node, String step) {
    int bracket = step.indexOf('[');
    if (bracket < 0) {
      return node.get(step);
    }
    ArrayNode array = (ArrayNode) node.get(step.substring(0, bracket));
    return array.get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
  }

  /**
   * Asserts a 400 problem naming exactly {@code field}, not quoting {@code badValue}, and nothing
   * stored.
   */
  private JsonNode assertRefusedNaming(ReferralJson referral, String field, String badValue) {
    ResponseEntity<String> response = refused(referral);

    assertThat(fieldsNamedIn(response)).as(response.getBody()).containsExactly(field);
    if (badValue != null) {
      assertThat(response.getBody()).doesNotContain(badValue);
    }
    return json.readTree(response.getBody());
  }

  /**
   * Asserts a 400 problem naming exactly {@code field} as of the wrong JSON type, and nothing
   * stored.
   */
  private JsonNode assertRefusedAsWrongType(ReferralJson referral, String field) {
    JsonNode problem = assertRefusedNaming(referral, field, null);
    assertThat(problem.get("errors").get(0).get("message").asString())
        .isEqualTo("has the wrong type or format");
    return problem;
  }

  /** Posts the referral and asserts a 400 problem body and that no referral was stored. */
  private ResponseEntity<String> refused(ReferralJson referral) {
    long before = storedReferrals();
    ResponseEntity<String> response = post(referral.toString(), null);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(storedReferrals()).isEqualTo(before);
    return response;
  }

  private void assertAccepted(ReferralJson referral) {
    ResponseEntity<String> response = post(referral.toString(), null);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
  }

  private List<String> fieldsNamedIn(ResponseEntity<String> response) {
    JsonNode errors = json.readTree(response.getBody()).get("errors");
    assertThat(errors).as(response.getBody()).isNotNull();
    return StreamSupport.stream(errors.spliterator(), false)
        .map(error -> error.get("field").asString())
        .distinct()
        .toList();
  }

  private String idOf(ResponseEntity<String> response) {
    return json.readTree(response.getBody()).get("id").asString();
  }

  private ResponseEntity<String> post(String body, String idempotencyKey) {
    var request = http.post().uri("/api/referrals").contentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request.body(body).retrieve().toEntity(String.class);
  }

  private long storedReferrals() {
    return jdbc.sql("select count(*) from referral").query(Long.class).single();
  }
}
