package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.cellpath.testsupport.OversizedBody;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS provider's reply webhook is authenticated by its signature over the exact body, not by a
 * bearer token: only a recent call signed with the shared secret is acted on, once, and an
 * unsigned, wrongly signed, altered, stale or replayed STOP opts nobody out. Request bodies with
 * fields the service does not know are refused, naming the field; a body far larger than an SMS is
 * refused unread.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmsWebhookIT extends EmailFlowSupport {

  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

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
    assertRefused(
        phone ->
            send(
                stop(phone),
                WebhookSigner.signature(
                    "not-the-shared-secret-at-all", Instant.now(), stop(phone))));
  }

  @Test
  void aStopWhoseBodyWasChangedAfterSigningIsRefused() {
    assertRefused(
        phone ->
            send(
                stop(phone),
                WebhookSigner.signature(
                    WEBHOOK_SECRET, Instant.now(), stop(phone).replace("STOP", "see you"))));
  }

  @Test
  void aStopSignedMoreThanFiveMinutesAgoIsRefusedAsAReplay() {
    assertRefused(
        phone ->
            send(
                stop(phone),
                WebhookSigner.signature(
                    WEBHOOK_SECRET, Instant.now().minus(Duration.ofMinutes(6)), stop(phone))));
  }

  @Test
  void aStopSignedMoreThanFiveMinutesAheadIsRefused() {
    assertRefused(
        phone ->
            send(
                stop(phone),
                WebhookSigner.signature(
                    WEBHOOK_SECRET, Instant.now().plus(Duration.ofMinutes(6)), stop(phone))));
  }

  @Test
  void aSignedStopSentAgainIsRefusedLikeAForgedOneAndChangesNothing(CapturedOutput output) {
    String phone = newPhone();
    String body = stop(phone);
    String signature = WebhookSigner.signature(WEBHOOK_SECRET, Instant.now(), body);
    assertThat(send(body, signature).getStatusCode().value()).isEqualTo(200);
    // The patient opts back in (through the clinic); a captured copy of their STOP must not opt
    // them out again.
    jdbc.sql("delete from sms_opt_out where phone = ?").param(phone).update();
    ResponseEntity<String> forged =
        send(body, WebhookSigner.signature("not-the-shared-secret-at-all", Instant.now(), body));
    int auditLinesBefore = auditedRefusals(output);

    ResponseEntity<String> replayed = send(body, signature);

    assertThat(replayed.getStatusCode().value()).isEqualTo(401);
    assertThat(replayed.getHeaders().getContentType())
        .isEqualTo(forged.getHeaders().getContentType());
    assertThat(replayed.getBody()).isEqualTo(forged.getBody()).doesNotContain(phone);
    assertThat(optedOut(phone)).as("the replay opts nobody out").isFalse();
    assertThat(auditedRefusals(output))
        .as("audited like a forged call")
        .isEqualTo(auditLinesBefore + 1);
  }

  @Test
  void aReplayWithItsSignatureHeaderRewrittenIsRefusedToo() {
    String phone = newPhone();
    String body = stop(phone);
    Instant now = Instant.now();
    String signature = WebhookSigner.signature(WEBHOOK_SECRET, now, body);
    assertThat(send(body, signature).getStatusCode().value()).isEqualTo(200);
    jdbc.sql("delete from sms_opt_out where phone = ?").param(phone).update();
    String v1 = signature.substring(signature.indexOf("v1="));

    for (String rewritten :
        List.of(
            v1 + ",t=" + now.getEpochSecond(),
            "t=" + now.getEpochSecond() + ",v1=" + "00".repeat(32) + "," + v1,
            " t=" + now.getEpochSecond() + " , " + v1 + " ")) {
      assertThat(send(body, rewritten).getStatusCode().value()).as(rewritten).isEqualTo(401);
    }
    assertThat(optedOut(phone)).isFalse();
  }

  @Test
  void theSameSignedCallSentEightTimesAtOnceIsAcceptedOnce() throws Exception {
    String phone = newPhone();
    String body = stop(phone);
    String signature = WebhookSigner.signature(WEBHOOK_SECRET, Instant.now(), body);
    long remembered =
        jdbc.sql("select count(*) from sms_webhook_signature").query(Long.class).single();
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> send(body, signature).getStatusCode().value());
    }
    List<Integer> statuses = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      for (Future<Integer> status : threads.invokeAll(calls)) {
        statuses.add(status.get());
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(statuses).containsOnly(200, 401).filteredOn(status -> status == 200).hasSize(1);
    assertThat(jdbc.sql("select count(*) from sms_webhook_signature").query(Long.class).single())
        .as("remembered once, in the database every instance shares")
        .isEqualTo(remembered + 1);
    assertThat(optedOut(phone)).isTrue();
  }

  @Test
  void fiftyMegabytesAreRefusedWith413UnreadAndOptNobodyOut() throws IOException {
    String phone = newPhone();
    Map<String, String> signed =
        Map.of(
            WebhookSigner.HEADER,
            WebhookSigner.signature(WEBHOOK_SECRET, Instant.now(), stop(phone)));

    OversizedBody.Answer announced =
        OversizedBody.announced(
            port, "POST", "/api/sms/inbound", signed, "text", OversizedBody.FIFTY_MEGABYTES);
    OversizedBody.Answer chunked =
        OversizedBody.chunked(
            port, "POST", "/api/sms/inbound", signed, "text", OversizedBody.FIFTY_MEGABYTES);

    for (OversizedBody.Answer answer : List.of(announced, chunked)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(413);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(json.readTree(answer.body()).get("type").asString())
          .isEqualTo("https://cellpath.org/problems/body-too-large");
      assertThat(answer.bytesSentBeforeAnswer())
          .isLessThan(OversizedBody.mostSentWhenTheServerRead(OversizedBody.A_MEGABYTE));
    }
    assertThat(optedOut(phone)).isFalse();
  }

  @Test
  void aStaffTokenIsNoSubstituteForTheSignature() {
    assertRefused(
        phone ->
            http()
                .post()
                .uri("/api/sms/inbound")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
                .body(stop(phone))
                .retrieve()
                .toEntity(String.class));
  }

  @Test
  void aSignedReplyWithAFieldTheServiceDoesNotKnowIsRefusedNamingTheField() {
    String phone = newPhone();

    ResponseEntity<String> answer =
        signedSmsReply(
            "{\"from\":\""
                + phone
                + "\",\"text\":\"STOP\",\"optedOutAt\":\"2020-01-01T00:00:00Z\"}",
            Instant.now());

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(answer.getBody()).get("errors"))
        .extracting(error -> error.get("field").asString() + ": " + error.get("message").asString())
        .containsExactly("optedOutAt: is not a field of this request");
    assertThat(answer.getBody()).doesNotContain(phone);
    assertThat(optedOut(phone)).isFalse();
  }

  @Test
  void aPatientSearchWithAFieldTheServiceDoesNotKnowIsRefusedNamingTheField() {
    ResponseEntity<String> answer =
        http()
            .post()
            .uri("/api/patients/notifications/search")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                "{\"email\":\""
                    + newAddress()
                    + "\",\"referralId\":\"00000000-0000-0000-0000-000000000000\"}")
            .retrieve()
            .toEntity(String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(answer.getBody()).get("errors"))
        .extracting(error -> error.get("field").asString() + ": " + error.get("message").asString())
        .containsExactly("referralId: is not a field of this request");
  }

  /**
   * The call is answered 401 with a problem that says nothing about the patient, and the number
   * stays opted in.
   */
  private void assertRefused(Function<String, ResponseEntity<String>> call) {
    String phone = newPhone();

    ResponseEntity<String> answer = call.apply(phone);

    assertThat(answer.getStatusCode().value()).isEqualTo(401);
    assertThat(
            answer
                .getHeaders()
                .getContentType()
                .equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
        .as("a problem-details body")
        .isTrue();
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

  private static int auditedRefusals(CapturedOutput output) {
    return output.getOut().split("Audit: UNAUTHENTICATED POST /api/sms/inbound", -1).length - 1;
  }

  private boolean optedOut(String phone) {
    return jdbc.sql("select count(*) from sms_opt_out where phone = ?")
            .param(phone)
            .query(Long.class)
            .single()
        > 0;
  }

  private static String stop(String phone) {
    return "{\"from\":\"" + phone + "\",\"text\":\"STOP\"}";
  }

  private static String newPhone() {
    return "+1424" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }
}
