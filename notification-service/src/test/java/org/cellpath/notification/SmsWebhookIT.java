package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS provider's reply webhook is authenticated by its signature over the exact body, not by a bearer token:
 * only a recent call signed with the shared secret is acted on, and an unsigned, wrongly signed, altered or replayed
 * STOP opts nobody out. Request bodies with fields the service does not know are refused, naming the field.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmsWebhookIT extends EmailFlowSupport {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aStopSignedWithTheSharedSecretOptsTheNumberOut() {
    String phone = newPhone();

    ResponseEntity<String> answer = signedSmsReply(stop(phone), Instant.now());

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(answer.getBody()).get("outcome").asString()).isEqualTo("OPTED_OUT");
    assertThat(optedOut(phone)).isTrue();
  }

  @Test
  void anUnsignedStopIsRefusedAndAuditedAndOptsNobodyOut(CapturedOutput output) {
    assertRefused(phone -> send(stop(phone), null));
    assertThat(output.getOut()).contains("Audit: UNAUTHENTICATED POST /api/sms/inbound");
  }

  @Test
  void aStopSignedWithAnotherSecretIsRefused() {
    assertRefused(phone -> send(stop(phone),
        WebhookSigner.signature("not-the-shared-secret-at-all", Instant.now(), stop(phone))));
  }

  @Test
  void aStopWhoseBodyWasChangedAfterSigningIsRefused() {
    assertRefused(phone -> send(stop(phone),
        WebhookSigner.signature(WEBHOOK_SECRET, Instant.now(), stop(phone).replace("STOP", "see you"))));
  }

  @Test
  void aStopSignedMoreThanFiveMinutesAgoIsRefusedAsAReplay() {
    assertRefused(phone -> send(stop(phone),
        WebhookSigner.signature(WEBHOOK_SECRET, Instant.now().minus(Duration.ofMinutes(6)), stop(phone))));
  }

  @Test
  void aStopSignedMoreThanFiveMinutesAheadIsRefused() {
    assertRefused(phone -> send(stop(phone),
        WebhookSigner.signature(WEBHOOK_SECRET, Instant.now().plus(Duration.ofMinutes(6)), stop(phone))));
  }

  @Test
  void aStaffTokenIsNoSubstituteForTheSignature() {
    assertRefused(phone -> http().post().uri("/api/sms/inbound").contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())).body(stop(phone)).retrieve()
        .toEntity(String.class));
  }

  @Test
  void aSignedReplyWithAFieldTheServiceDoesNotKnowIsRefusedNamingTheField() {
    String phone = newPhone();

    ResponseEntity<String> answer = signedSmsReply(
        "{\"from\":\"" + phone + "\",\"text\":\"STOP\",\"optedOutAt\":\"2020-01-01T00:00:00Z\"}", Instant.now());

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(answer.getBody()).get("errors")).extracting(error -> error.get("field").asString()
        + ": " + error.get("message").asString()).containsExactly("optedOutAt: is not a field of this request");
    assertThat(answer.getBody()).doesNotContain(phone);
    assertThat(optedOut(phone)).isFalse();
  }

  @Test
  void aPatientSearchWithAFieldTheServiceDoesNotKnowIsRefusedNamingTheField() {
    ResponseEntity<String> answer = http().post().uri("/api/patients/notifications/search")
        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"email\":\"" + newAddress() + "\",\"referralId\":\"00000000-0000-0000-0000-000000000000\"}")
        .retrieve().toEntity(String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(answer.getBody()).get("errors")).extracting(error -> error.get("field").asString()
        + ": " + error.get("message").asString()).containsExactly("referralId: is not a field of this request");
  }

  /** The call is answered 401 with a problem that says nothing about the patient, and the number stays opted in. */
  private void assertRefused(Function<String, ResponseEntity<String>> call) {
    String phone = newPhone();

    ResponseEntity<String> answer = call.apply(phone);

    assertThat(answer.getStatusCode().value()).isEqualTo(401);
    assertThat(answer.getHeaders().getContentType().equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
        .as("a problem-details body").isTrue();
    JsonNode problem = json.readTree(answer.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(answer.getBody()).doesNotContain(phone).doesNotContain("STOP");
    assertThat(optedOut(phone)).as("a refused call opts nobody out").isFalse();
  }

  private ResponseEntity<String> send(String body, String signature) {
    var request = http().post().uri("/api/sms/inbound").contentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      request = request.header(WebhookSigner.HEADER, signature);
    }
    return request.body(body).retrieve().toEntity(String.class);
  }

  private boolean optedOut(String phone) {
    return jdbc.sql("select count(*) from sms_opt_out where phone = ?").param(phone).query(Long.class).single() > 0;
  }

  private static String stop(String phone) {
    return "{\"from\":\"" + phone + "\",\"text\":\"STOP\"}";
  }

  private static String newPhone() {
    return "+1424" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }
}
