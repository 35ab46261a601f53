package org.cellpath.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.EventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals a patient's contact details inside events (ADR 13, ADR 23): AES-256-GCM under a key the
 * three services share, so that a topic, a dead-letter topic or an outbox row never shows a name,
 * an address or a number to whoever can read the bytes. Written as {@code v2.<key
 * id>.<base64url(nonce | ciphertext)>}.
 *
 * <p>The associated data is the key id, the event's type and its referral id: a sealed contact
 * opens only in an event of the type and referral it was sealed for. Copied into another referral's
 * event, or into another type of event, it is unreadable, and the event with it; so is a changed
 * byte, or a value naming a key id this service does not know. The current key seals; previous keys
 * ({@code EVENT_CONTACT_PREVIOUS_KEYS}) still open what they sealed, so that the key can be rotated
 * with older events readable.
 *
 * <p>Contacts written before binding ({@code v1.} values, and plain objects from before sealing)
 * are refused, except while a dated migration switch says otherwise ({@code
 * EVENT_CONTACT_ACCEPT_V1_UNTIL}, {@code EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL}), read against the
 * service's clock.
 */
public final class ContactSeal {

  static final String PREFIX = "v2.";
  static final String V1_PREFIX = "v1.";

  /** The key of local development and tests only; a deployment sets {@code EVENT_CONTACT_KEY}. */
  static final String LOCAL_KEY = "Y2VsbHBhdGgtbG9jYWwtb25seS1jb250YWN0LWtleSE=";

  private static final Logger log = LoggerFactory.getLogger(ContactSeal.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String CONTEXT = "cellpath:PatientContact:v2";

  /**
   * The associated data of {@code v1.} values: the same for every contact, which is why they can be
   * moved.
   */
  private static final byte[] V1_CONTEXT =
      "cellpath:PatientContact".getBytes(StandardCharsets.UTF_8);

  private final String currentKeyId;

  /** The current key first, then the previous ones in the order listed. */
  private final Map<String, SecretKey> keys;

  private final LocalDate acceptUnsealedUntil;
  private final LocalDate acceptV1Until;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private ContactSeal(ContactSealSettings settings, Clock clock) {
    this.currentKeyId = settings.currentKeyId();
    Map<String, SecretKey> byId = new LinkedHashMap<>();
    byId.put(settings.currentKeyId(), new SecretKeySpec(settings.currentKey(), "AES"));
    settings.previousKeys().forEach((id, key) -> byId.put(id, new SecretKeySpec(key, "AES")));
    this.keys = byId;
    this.acceptUnsealedUntil = settings.acceptUnsealedUntil();
    this.acceptV1Until = settings.acceptV1Until();
    this.clock = clock;
  }

  /**
   * The seal of the given settings, by name as the environment has them ({@code EVENT_CONTACT_KEY},
   * {@code EVENT_CONTACT_KEY_ID}, {@code EVENT_CONTACT_PREVIOUS_KEYS}, {@code
   * EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL}, {@code EVENT_CONTACT_ACCEPT_V1_UNTIL}); the local
   * development key when no key is set. Outside the local profile a service never gets here without
   * a key of its own (ContactKeySettings); inside it, the profile's one warning line names the
   * setting already.
   *
   * @param clock the service's clock, which decides whether a migration switch is still on
   * @throws IllegalArgumentException naming the setting that is wrong, never quoting a key
   */
  public static ContactSeal fromSettings(Function<String, String> setting, Clock clock) {
    ContactSealSettings settings =
        ContactSealSettings.read(setting, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    if (settings.localKey()) {
      log.info(
          "{} is not set: patient contact details in events are sealed with the local development key",
          ContactSealSettings.KEY);
    }
    log.info(
        "Patient contacts in events are sealed with key id {}; previous key ids that still open older events: {}",
        settings.currentKeyId(),
        settings.previousKeys().keySet());
    warnAboutSwitch(
        ContactSealSettings.ACCEPT_UNSEALED_UNTIL,
        settings.acceptUnsealedUntil(),
        "unsealed",
        clock);
    warnAboutSwitch(
        ContactSealSettings.ACCEPT_V1_UNTIL,
        settings.acceptV1Until(),
        "v1 (not bound to their event)",
        clock);
    return new ContactSeal(settings, clock);
  }

  /**
   * The seal of one base64 key (id {@code 1}), with no previous keys and no migration switch; the
   * local development key (with a warning) when it is empty.
   */
  public static ContactSeal of(String base64Key) {
    return fromSettings(
        name -> ContactSealSettings.KEY.equals(name) ? base64Key : null, Clock.systemUTC());
  }

  /**
   * The seal of the settings in the process environment (tests and tools outside Spring), on the
   * system clock.
   */
  public static ContactSeal fromEnvironment() {
    return fromSettings(System::getenv, Clock.systemUTC());
  }

  /** The id of the key that seals. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** What a sealed contact is bound to: the type of the event that carries it and its referral. */
  record Binding(String eventType, UUID referralId) {

    static Binding of(CellPathEvent event) {
      return new Binding(EventTypes.typeOf(event), event.referralId());
    }

    private byte[] associatedData(String keyId) {
      return (CONTEXT + "|" + keyId + "|" + eventType + "|" + referralId)
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  String seal(String json, Binding binding) {
    if (binding == null || binding.referralId() == null) {
      throw new IllegalStateException(
          "A contact is sealed only inside an event with a referral id");
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(binding.associatedData(currentKeyId));
      byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + currentKeyId
          + "."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Could not seal a contact (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The JSON inside a sealed value.
   *
   * @throws UnreadableEventException when the value does not open for this event: sealed for
   *     another referral or event type, under a key this service does not know, changed, truncated,
   *     or written before binding (outside its migration switch). The message names the event type,
   *     the referral and key ids, nothing of the value.
   */
  String open(String sealed, Binding binding) {
    String type = binding.eventType();
    if (binding.referralId() == null) {
      throw new UnreadableEventException(
          type + " carries a patient contact but no referral id to open it for");
    }
    if (sealed.startsWith(V1_PREFIX)) {
      return openV1(sealed, binding);
    }
    if (!sealed.startsWith(PREFIX)) {
      throw new UnreadableEventException(type + "'s patient contact is not a sealed value");
    }
    int dot = sealed.indexOf('.', PREFIX.length());
    String keyId = dot < 0 ? null : sealed.substring(PREFIX.length(), dot);
    SecretKey key = ContactSealSettings.isKeyId(keyId) ? keys.get(keyId) : null;
    if (key == null) {
      // The id is not repeated: in a forged value it is whatever the forger wrote.
      throw new UnreadableEventException(
          type
              + "'s patient contact is sealed under a key id this service does not "
              + "know (known: "
              + keys.keySet()
              + ")");
    }
    try {
      return decrypt(key, sealed.substring(dot + 1), binding.associatedData(keyId));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UnreadableEventException(
          type
              + "'s patient contact does not open with key id "
              + keyId
              + " for referral "
              + binding.referralId()
              + ": sealed for another referral or event type, or changed ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * Checks that a contact in the clear may be read in this event now.
   *
   * @throws UnreadableEventException unless {@code EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL} is on today
   */
  void acceptUnsealed(Binding binding) {
    if (!switchOn(acceptUnsealedUntil)) {
      throw new UnreadableEventException(
          binding.eventType()
              + "'s patient contact is not sealed: refused"
              + switchState(ContactSealSettings.ACCEPT_UNSEALED_UNTIL, acceptUnsealedUntil));
    }
    log.warn(
        "Read an unsealed patient contact in {} of referral {}, under {} (until {})",
        binding.eventType(),
        binding.referralId(),
        ContactSealSettings.ACCEPT_UNSEALED_UNTIL,
        acceptUnsealedUntil);
  }

  private String openV1(String sealed, Binding binding) {
    if (!switchOn(acceptV1Until)) {
      throw new UnreadableEventException(
          binding.eventType()
              + "'s patient contact is sealed v1, not bound to its "
              + "referral and event: refused"
              + switchState(ContactSealSettings.ACCEPT_V1_UNTIL, acceptV1Until));
    }
    // A v1 value names no key: it was sealed under the EVENT_CONTACT_KEY of its day, which is now
    // the current key or
    // one of the previous ones.
    for (SecretKey key : keys.values()) {
      try {
        String json = decrypt(key, sealed.substring(V1_PREFIX.length()), V1_CONTEXT);
        log.warn(
            "Read a v1 patient contact (not bound to its event) in {} of referral {}, under {} (until {})",
            binding.eventType(),
            binding.referralId(),
            ContactSealSettings.ACCEPT_V1_UNTIL,
            acceptV1Until);
        return json;
      } catch (GeneralSecurityException | IllegalArgumentException notThisKey) {
        // the next key, if any
      }
    }
    throw new UnreadableEventException(
        binding.eventType()
            + "'s v1 patient contact opens with none of the key ids "
            + keys.keySet());
  }

  private static String decrypt(SecretKey key, String base64, byte[] associatedData)
      throws GeneralSecurityException {
    byte[] bytes = Base64.getUrlDecoder().decode(base64);
    if (bytes.length <= NONCE_BYTES) {
      throw new IllegalArgumentException("too short");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
    cipher.updateAAD(associatedData);
    return new String(
        cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
  }

  /** On until the end of its day, UTC, by the service's clock. */
  private boolean switchOn(LocalDate until) {
    return until != null
        && clock.instant().isBefore(until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static String switchState(String setting, LocalDate until) {
    return until == null
        ? " (" + setting + " is not set)"
        : " (" + setting + " ended with " + until + ")";
  }

  private static void warnAboutSwitch(String setting, LocalDate until, String what, Clock clock) {
    if (until == null) {
      return;
    }
    if (LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(until)) {
      log.warn(
          "{}={} has ended: {} patient contacts are refused; remove the setting",
          setting,
          until,
          what);
    } else {
      log.warn(
          "{}={}: {} patient contacts in events are read until the end of that day (UTC); remove the setting "
              + "once the upgrade's events are consumed",
          setting,
          until,
          what);
    }
  }
}
