package org.cellpath.notification.sms.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.cellpath.notification.WebhookSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

  private static final String SECRET = "test-only-webhook-secret-0123456789";
  private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");
  private static final String BODY = "{\"from\":\"+13105550123\",\"text\":\"STOP\"}";

  private final WebhookSignature signature =
      new WebhookSignature(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void acceptsTheProvidersSignatureOverTheExactBody() {
    assertThat(verifies(WebhookSigner.signature(SECRET, NOW, BODY), BODY)).isTrue();
  }

  @Test
  void refusesAMissingOrEmptySignature() {
    assertThat(verifies(null, BODY)).isFalse();
    assertThat(verifies("", BODY)).isFalse();
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() {
    assertThat(
            verifies(WebhookSigner.signature("another-secret-of-the-same-size", NOW, BODY), BODY))
        .isFalse();
  }

  @Test
  void refusesABodyChangedAfterSigningEvenByOneByte() {
    String signed = WebhookSigner.signature(SECRET, NOW, BODY);

    assertThat(verifies(signed, BODY.replace("STOP", "STOp"))).isFalse();
    assertThat(verifies(signed, BODY + " ")).isFalse();
  }

  @Test
  void refusesATimestampOtherThanTheOneSigned() {
    String signed = WebhookSigner.signature(SECRET, NOW, BODY);
    String moved = signed.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));

    assertThat(verifies(moved, BODY)).isFalse();
  }

  @Test
  void acceptsATimestampUpToFiveMinutesOldOrAhead() {
    assertThat(
            verifies(WebhookSigner.signature(SECRET, NOW.minus(Duration.ofMinutes(5)), BODY), BODY))
        .isTrue();
    assertThat(
            verifies(WebhookSigner.signature(SECRET, NOW.plus(Duration.ofMinutes(5)), BODY), BODY))
        .isTrue();
  }

  @Test
  void refusesAReplayOlderThanFiveMinutesAndATimestampFurtherAhead() {
    Instant stale = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1);
    Instant ahead = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1);

    assertThat(verifies(WebhookSigner.signature(SECRET, stale, BODY), BODY)).isFalse();
    assertThat(verifies(WebhookSigner.signature(SECRET, ahead, BODY), BODY)).isFalse();
  }

  @Test
  void acceptsAnyOfSeveralSignaturesSoThatTheSecretCanBeRotated() {
    String old = WebhookSigner.signature("the-previous-secret-0123456789", NOW, BODY);
    String current = WebhookSigner.signature(SECRET, NOW, BODY);
    String both = old + "," + current.substring(current.indexOf("v1="));

    assertThat(verifies(both, BODY)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1=00ff",
        "t=1796144400",
        "t=abc,v1=00",
        "t=1796144400,v1=zz",
        "t=1,t=2,v1=00",
        "garbage",
        "t=99999999999999999999,v1=00",
        "t=-9223372036854775808,v1=00"
      })
  void refusesAMalformedHeaderWithoutFailing(String header) {
    assertThat(verifies(header, BODY)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "too-short"})
  void refusesToStartWithAnEmptyOrShortSecret(String secret) {
    assertThatThrownBy(() -> new WebhookSignature(secret, Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMS_INBOUND_SECRET");
  }

  private boolean verifies(String header, String body) {
    return signature.verify(header, body.getBytes(StandardCharsets.UTF_8)).isPresent();
  }
}
