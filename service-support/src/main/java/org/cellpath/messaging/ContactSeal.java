package org.cellpath.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals a patient's contact details inside events (ADR 13): AES-256-GCM under a key the three services share
 * ({@code EVENT_CONTACT_KEY}, 32 bytes in base64), so that a topic, a dead-letter topic or an outbox row never shows a
 * name, an address or a number to whoever can read the bytes. Written as {@code v1.<base64url(nonce | ciphertext)>};
 * the authentication tag makes a tampered value unreadable rather than wrong.
 */
public final class ContactSeal {

  static final String PREFIX = "v1.";
  /** The key of local development and tests only; a deployment sets {@code EVENT_CONTACT_KEY}. */
  static final String LOCAL_KEY = "Y2VsbHBhdGgtbG9jYWwtb25seS1jb250YWN0LWtleSE=";
  private static final String ENVIRONMENT_VARIABLE = "EVENT_CONTACT_KEY";
  private static final Logger log = LoggerFactory.getLogger(ContactSeal.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] CONTEXT = "cellpath:PatientContact".getBytes(StandardCharsets.UTF_8);

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  private ContactSeal(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must be 32 bytes in base64 (AES-256)");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * The seal of the given base64 key; the local development key when it is empty. Outside the local profile a service
   * never gets here without a key of its own (ContactKeySettings); inside it, the profile's one warning line names
   * the setting already.
   */
  public static ContactSeal of(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      log.info("{} is not set: patient contact details in events are sealed with the local development key",
          ENVIRONMENT_VARIABLE);
      return new ContactSeal(Base64.getDecoder().decode(LOCAL_KEY));
    }
    try {
      return new ContactSeal(Base64.getDecoder().decode(base64Key.strip()));
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must be 32 bytes in base64 (AES-256)");
    }
  }

  /** The seal of {@code EVENT_CONTACT_KEY} from the process environment (tests and tools outside Spring). */
  public static ContactSeal fromEnvironment() {
    return of(System.getenv(ENVIRONMENT_VARIABLE));
  }

  String seal(String json) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(CONTEXT);
      byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding()
          .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not seal a contact (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The JSON inside a sealed value.
   *
   * @throws UnreadableEventException when the value is not sealed with this key (wrong key, tampered, truncated)
   */
  String open(String sealed) {
    try {
      if (!sealed.startsWith(PREFIX)) {
        throw new UnreadableEventException("A sealed contact must start with " + PREFIX);
      }
      byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
      if (bytes.length <= NONCE_BYTES) {
        throw new UnreadableEventException("A sealed contact is too short");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(CONTEXT);
      return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UnreadableEventException("A sealed contact cannot be opened with this key ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
