package org.cellpath.messaging;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings of {@link ContactSeal}, read and checked once at start: the current key and its id,
 * the previous keys that still open older events, and the dated switches that let contacts written
 * before binding be read during an upgrade (ADR 23). A setting that is wrong stops the service with
 * a message naming it; no message ever quotes key material, only key ids and positions in a list.
 */
final class ContactSealSettings {

  static final String KEY = "EVENT_CONTACT_KEY";
  static final String KEY_ID = "EVENT_CONTACT_KEY_ID";
  static final String PREVIOUS_KEYS = "EVENT_CONTACT_PREVIOUS_KEYS";
  static final String ACCEPT_UNSEALED_UNTIL = "EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL";
  static final String ACCEPT_V1_UNTIL = "EVENT_CONTACT_ACCEPT_V1_UNTIL";

  /** The id of {@code EVENT_CONTACT_KEY} when {@code EVENT_CONTACT_KEY_ID} is not set. */
  static final String DEFAULT_KEY_ID = "1";

  /** The id of the local development key. */
  static final String LOCAL_KEY_ID = "local";

  /**
   * How far ahead a migration switch may end: long enough to drain an upgrade's outboxes and
   * topics, short enough that a switch cannot quietly become "for ever".
   */
  static final int MAX_SWITCH_DAYS = 90;

  /**
   * Letters, digits, {@code -} and {@code _}: never the {@code .} of the sealed format nor the
   * list's {@code :} and {@code ,}.
   */
  private static final Pattern KEY_ID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private static final int KEY_BYTES = 32;

  private final String currentKeyId;
  private final byte[] currentKey;
  private final boolean localKey;
  private final Map<String, byte[]> previousKeys;
  private final LocalDate acceptUnsealedUntil;
  private final LocalDate acceptV1Until;

  private ContactSealSettings(
      String currentKeyId,
      byte[] currentKey,
      boolean localKey,
      Map<String, byte[]> previousKeys,
      LocalDate acceptUnsealedUntil,
      LocalDate acceptV1Until) {
    this.currentKeyId = currentKeyId;
    this.currentKey = currentKey;
    this.localKey = localKey;
    this.previousKeys = previousKeys;
    this.acceptUnsealedUntil = acceptUnsealedUntil;
    this.acceptV1Until = acceptV1Until;
  }

  /**
   * Reads the settings.
   *
   * @param setting a setting's value by its name ({@code EVENT_CONTACT_KEY}, ...), null or blank
   *     when not set
   * @param today the service clock's date (UTC), which a switch may not end more than {@value
   *     #MAX_SWITCH_DAYS} days after
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  static ContactSealSettings read(Function<String, String> setting, LocalDate today) {
    String key = value(setting, KEY);
    String keyId = value(setting, KEY_ID);
    boolean local = key == null;
    if (local && keyId != null) {
      throw new IllegalArgumentException(KEY_ID + " is set but " + KEY + " is not: set both");
    }
    String currentKeyId =
        local ? LOCAL_KEY_ID : keyId == null ? DEFAULT_KEY_ID : checkedId(keyId, KEY_ID);
    byte[] currentKey =
        local ? Base64.getDecoder().decode(ContactSeal.LOCAL_KEY) : decoded(key, KEY);

    Map<String, byte[]> previous = new LinkedHashMap<>();
    String list = value(setting, PREVIOUS_KEYS);
    if (list != null) {
      String[] entries = list.split(",", -1);
      for (int i = 0; i < entries.length; i++) {
        String where = PREVIOUS_KEYS + ", entry " + (i + 1);
        String entry = entries[i].strip();
        int colon = entry.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException(where + " must be <key id>:<32 bytes in base64>");
        }
        String id = checkedId(entry.substring(0, colon).strip(), where);
        byte[] material = decoded(entry.substring(colon + 1), where + " (key id " + id + ")");
        if (id.equals(currentKeyId) || previous.containsKey(id)) {
          throw new IllegalArgumentException(
              where
                  + ": key id "
                  + id
                  + " is listed twice ("
                  + KEY_ID
                  + " and "
                  + PREVIOUS_KEYS
                  + " together name each key once)");
        }
        if (Arrays.equals(material, currentKey)) {
          throw new IllegalArgumentException(
              where
                  + " (key id "
                  + id
                  + ") is the current key of "
                  + KEY
                  + " again, under another id");
        }
        for (Map.Entry<String, byte[]> earlier : previous.entrySet()) {
          if (Arrays.equals(material, earlier.getValue())) {
            throw new IllegalArgumentException(
                where + " (key id " + id + ") is the same key as key id " + earlier.getKey());
          }
        }
        previous.put(id, material);
      }
    }
    return new ContactSealSettings(
        currentKeyId,
        currentKey,
        local,
        Collections.unmodifiableMap(previous),
        switchDate(setting, ACCEPT_UNSEALED_UNTIL, today),
        switchDate(setting, ACCEPT_V1_UNTIL, today));
  }

  String currentKeyId() {
    return currentKeyId;
  }

  byte[] currentKey() {
    return currentKey.clone();
  }

  /** True when {@code EVENT_CONTACT_KEY} is not set and the local development key seals. */
  boolean localKey() {
    return localKey;
  }

  /** The previous keys by id, in the order listed. */
  Map<String, byte[]> previousKeys() {
    return previousKeys;
  }

  /** The last day (UTC) on which an unsealed contact is still read, or null: never. */
  LocalDate acceptUnsealedUntil() {
    return acceptUnsealedUntil;
  }

  /**
   * The last day (UTC) on which a {@code v1.} contact (sealed without binding) is still read, or
   * null: never.
   */
  LocalDate acceptV1Until() {
    return acceptV1Until;
  }

  /** Key ids only: this object holds keys and must never print them. */
  @Override
  public String toString() {
    return "ContactSealSettings[current="
        + currentKeyId
        + ", previous="
        + previousKeys.keySet()
        + "]";
  }

  static boolean isKeyId(String id) {
    return id != null && KEY_ID_FORMAT.matcher(id).matches();
  }

  private static String value(Function<String, String> setting, String name) {
    String value = setting.apply(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String checkedId(String id, String where) {
    if (!isKeyId(id)) {
      throw new IllegalArgumentException(
          where + ": a key id is 1 to 32 letters, digits, '-' or '_'");
    }
    return id;
  }

  private static byte[] decoded(String base64, String where) {
    byte[] material;
    try {
      material = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException(
          where + " must be 32 bytes in base64 (AES-256); it is not base64");
    }
    if (material.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          where + " must be 32 bytes in base64 (AES-256); it is " + material.length + " bytes");
    }
    return material;
  }

  private static LocalDate switchDate(
      Function<String, String> setting, String name, LocalDate today) {
    String value = value(setting, name);
    if (value == null) {
      return null;
    }
    LocalDate until;
    try {
      until = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + " must be a date such as 2027-01-31 (the last day, UTC, on which "
              + "such contacts are still read)");
    }
    if (until.isAfter(today.plusDays(MAX_SWITCH_DAYS))) {
      throw new IllegalArgumentException(
          name
              + " ends more than "
              + MAX_SWITCH_DAYS
              + " days from today ("
              + today
              + "): a migration switch is for the days of an upgrade, not for ever");
    }
    return until;
  }
}
