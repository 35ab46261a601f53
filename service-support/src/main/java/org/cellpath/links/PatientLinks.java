package org.cellpath.links;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes and opens the tokens in patient links. A token is AES-256-GCM over the grant (purpose,
 * subject, referral, expiry) under {@code PATIENT_LINK_KEY}: the tag signs it, so a changed or
 * forged token opens nothing, and the encryption hides the ids, so the address says nothing about
 * the patient or the case. 70 bytes, 94 characters in base64url, safe in a path segment.
 *
 * <p>{@code PATIENT_LINK_PREVIOUS_KEY}, when set, still opens what it signed, so that the key can
 * be replaced without breaking the links already sent; new links are signed with the current key
 * only. The key is shared by the service that writes the messages (notification-service) and the
 * one that acts on the links (scheduling-service).
 */
public final class PatientLinks {

  public static final String KEY = "PATIENT_LINK_KEY";
  public static final String PREVIOUS_KEY = "PATIENT_LINK_PREVIOUS_KEY";

  /** The longest a link lives, whatever it is for. */
  public static final Duration LONGEST = Duration.ofDays(14);

  /** The key of local development and tests only; a deployment sets {@code PATIENT_LINK_KEY}. */
  static final String LOCAL_KEY = "Y2VsbHBhdGgtbG9jYWwtb25seS1wYXRpZW50LWxpbms=";

  private static final Logger log = LoggerFactory.getLogger(PatientLinks.class);
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int GRANT_BYTES = 1 + 16 + 16 + 8;
  private static final int TOKEN_BYTES = 1 + NONCE_BYTES + GRANT_BYTES + TAG_BITS / 8;
  private static final byte[] CONTEXT = "cellpath:PatientLink:v1".getBytes(StandardCharsets.UTF_8);
  private static final LinkPurpose[] PURPOSES = LinkPurpose.values();

  /** The current key first. */
  private final List<SecretKey> keys;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private PatientLinks(List<SecretKey> keys, Clock clock) {
    this.keys = List.copyOf(keys);
    this.clock = clock;
  }

  /**
   * The links of the given settings, by environment name; the local development key when {@code
   * PATIENT_LINK_KEY} is not set (outside the local profile the start is refused before this:
   * PatientLinkKeySettings).
   *
   * @throws IllegalArgumentException naming the setting that is not a base64 256-bit key, never
   *     quoting it
   */
  public static PatientLinks fromSettings(Function<String, @Nullable String> setting, Clock clock) {
    List<SecretKey> keys = new ArrayList<>();
    String current = setting.apply(KEY);
    if (current == null || current.isBlank()) {
      log.info("{} is not set: patient links are signed with the local development key", KEY);
      current = LOCAL_KEY;
    }
    keys.add(key(KEY, current));
    String previous = setting.apply(PREVIOUS_KEY);
    if (previous != null && !previous.isBlank()) {
      keys.add(key(PREVIOUS_KEY, previous));
    }
    return new PatientLinks(keys, clock);
  }

  /** The links of the local development key, on the given clock (tests and tools). */
  public static PatientLinks local(Clock clock) {
    return fromSettings(name -> null, clock);
  }

  private static SecretKey key(String name, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          name + " must be 32 bytes (256 bits) in base64; it has " + bytes.length);
    }
    return new SecretKeySpec(bytes, "AES");
  }

  /**
   * When a link about something that happens at {@code event} should stop working: at the event,
   * and never more than {@link #LONGEST} from now.
   */
  public Instant expiryBefore(Instant event) {
    Instant longest = clock.instant().plus(LONGEST);
    return event.isBefore(longest) ? event : longest;
  }

  /**
   * The token of a grant.
   *
   * @throws IllegalArgumentException when the grant expires more than {@link #LONGEST} from now
   */
  public String issue(LinkGrant grant) {
    if (grant.expiresAt().isAfter(clock.instant().plus(LONGEST))) {
      throw new IllegalArgumentException(
          "A patient link lives " + LONGEST.toDays() + " days at most");
    }
    ByteBuffer plain =
        ByteBuffer.allocate(GRANT_BYTES)
            .put((byte) grant.purpose().ordinal())
            .putLong(grant.subjectId().getMostSignificantBits())
            .putLong(grant.subjectId().getLeastSignificantBits())
            .putLong(grant.referralId().getMostSignificantBits())
            .putLong(grant.referralId().getLeastSignificantBits())
            .putLong(grant.expiresAt().getEpochSecond());
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(CONTEXT);
      byte[] sealed = cipher.doFinal(plain.array());
      byte[] token = ByteBuffer.allocate(TOKEN_BYTES).put(VERSION).put(nonce).put(sealed).array();
      return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Could not sign a patient link (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The grant of a token, if it was signed here, for this purpose, and has not expired.
   *
   * @throws PatientLinkException saying which of the three it is not
   */
  public LinkGrant open(String token, LinkPurpose purpose) {
    LinkGrant grant = read(token);
    if (grant.purpose() != purpose) {
      throw new PatientLinkException(PatientLinkException.Reason.WRONG_PURPOSE);
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      throw new PatientLinkException(PatientLinkException.Reason.EXPIRED);
    }
    return grant;
  }

  private LinkGrant read(String token) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new PatientLinkException(PatientLinkException.Reason.INVALID);
    }
    // The last character carries two unused bits: a token is read only in the one spelling
    // issue() writes, so that no second address opens the same grant.
    if (bytes.length != TOKEN_BYTES
        || bytes[0] != VERSION
        || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
      throw new PatientLinkException(PatientLinkException.Reason.INVALID);
    }
    GCMParameterSpec nonce = new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES);
    for (SecretKey key : keys) {
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, nonce);
        cipher.updateAAD(CONTEXT);
        ByteBuffer plain =
            ByteBuffer.wrap(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES));
        int purpose = plain.get();
        if (purpose < 0 || purpose >= PURPOSES.length) {
          throw new PatientLinkException(PatientLinkException.Reason.INVALID);
        }
        return new LinkGrant(
            PURPOSES[purpose],
            new UUID(plain.getLong(), plain.getLong()),
            new UUID(plain.getLong(), plain.getLong()),
            Instant.ofEpochSecond(plain.getLong()));
      } catch (AEADBadTagException wrongKeyOrChanged) {
        // Try the previous key; a token no key opens is invalid.
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(
            "Could not open a patient link (" + e.getClass().getSimpleName() + ")");
      }
    }
    throw new PatientLinkException(PatientLinkException.Reason.INVALID);
  }
}
