package org.cellpath.notification.sms.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SMS provider's signature on a webhook call, header {@value #HEADER}: {@code t=<unix
 * seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw request body)>}. Valid when one {@code v1}
 * matches (compared in constant time) and {@code t} is within {@link #TOLERANCE} of now either way,
 * so a captured call cannot be replayed later; within that window {@link AcceptedSignatures} acts
 * on each signed call once. Several {@code v1} values are allowed so that the provider can sign
 * with an old and a new secret while the secret is rotated.
 *
 * <p>The secret is {@code cellpath.notifications.sms.inbound-secret} (env {@code
 * SMS_INBOUND_SECRET}). An empty or short one stops startup; the local-only default is the local
 * profile's, and refused outside it ({@link WebhookSettings}).
 */
@Component
class WebhookSignature {

  static final String HEADER = "X-CellPath-Signature";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** The default of application-local.yml: for local runs only. */
  static final String LOCAL_ONLY_SECRET = "local-only-sms-inbound-secret";

  static final int MIN_SECRET_LENGTH = 16;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;

  WebhookSignature(
      @Value("${cellpath.notifications.sms.inbound-secret:}") String secret, Clock clock) {
    if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException(
          "cellpath.notifications.sms.inbound-secret (SMS_INBOUND_SECRET) must be at "
              + "least "
              + MIN_SECRET_LENGTH
              + " characters: the SMS provider signs its reply webhook with it");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.clock = clock;
  }

  /**
   * A verified call: when it was signed, and its signature as this service computes it over the
   * time and the exact body, which is the same however the header was written (order, extra {@code
   * v1} values).
   */
  record Signed(Instant at, byte[] signature) {}

  /**
   * The call's signature when {@code header} signs exactly these bytes, recently enough; empty
   * otherwise.
   */
  Optional<Signed> verify(String header, byte[] body) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        return Optional.empty();
      }
      String name = part.substring(0, equals).strip();
      String value = part.substring(equals + 1).strip();
      try {
        if (name.equals("t")) {
          if (timestamp != null) {
            return Optional.empty();
          }
          timestamp = Long.parseLong(value);
        } else if (name.equals("v1")) {
          signatures.add(HexFormat.of().parseHex(value));
        }
      } catch (IllegalArgumentException malformed) {
        return Optional.empty();
      }
    }
    if (timestamp == null || signatures.isEmpty() || !recent(timestamp)) {
      return Optional.empty();
    }
    byte[] expected = mac(timestamp, body);
    boolean matches = false;
    for (byte[] signature : signatures) {
      // no early exit: every candidate is compared, each in constant time
      matches |= MessageDigest.isEqual(expected, signature);
    }
    return matches
        ? Optional.of(new Signed(Instant.ofEpochSecond(timestamp), expected))
        : Optional.empty();
  }

  private boolean recent(long timestamp) {
    Instant now = clock.instant();
    Instant signedAt;
    try {
      signedAt = Instant.ofEpochSecond(timestamp);
    } catch (java.time.DateTimeException outOfRange) {
      return false;
    }
    return !signedAt.isBefore(now.minus(TOLERANCE)) && !signedAt.isAfter(now.plus(TOLERANCE));
  }

  private byte[] mac(long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
