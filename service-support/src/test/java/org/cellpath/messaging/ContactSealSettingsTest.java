package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The key settings are checked at start: each mistake stops the service, naming the setting, never
 * the key.
 */
class ContactSealSettingsTest {

  private static final String KEY_A = ContactSealTest.key(1);
  private static final String KEY_B = ContactSealTest.key(2);
  private static final String KEY_C = ContactSealTest.key(3);
  private static final String SHORT = Base64.getEncoder().encodeToString(new byte[16]);
  private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

  @Test
  void theCurrentKeyHasIdOneUnlessNamedAndPreviousKeysAreReadInOrder() {
    ContactSealSettings unnamed = read(Map.of("EVENT_CONTACT_KEY", KEY_A));
    ContactSealSettings rotated =
        read(
            Map.of(
                "EVENT_CONTACT_KEY",
                KEY_C,
                "EVENT_CONTACT_KEY_ID",
                "2027-01",
                "EVENT_CONTACT_PREVIOUS_KEYS",
                " 2026-06:" + KEY_B + " , 2026-01:" + KEY_A));

    assertThat(unnamed.currentKeyId()).isEqualTo("1");
    assertThat(unnamed.previousKeys()).isEmpty();
    assertThat(rotated.currentKeyId()).isEqualTo("2027-01");
    assertThat(rotated.previousKeys()).containsOnlyKeys("2026-06", "2026-01");
    assertThat(rotated.previousKeys().keySet()).containsExactly("2026-06", "2026-01");
    assertThat(rotated.toString()).doesNotContain(KEY_A, KEY_B, KEY_C);
  }

  @Test
  void withoutAKeyTheLocalDevelopmentKeySealsUnderItsOwnId() {
    ContactSealSettings local = read(Map.of());

    assertThat(local.localKey()).isTrue();
    assertThat(local.currentKeyId()).isEqualTo("local");
  }

  @Test
  void refusesAKeyOfTheWrongLengthOrNotInBase64NamingTheSettingAndNotTheKey() {
    assertRefused(Map.of("EVENT_CONTACT_KEY", SHORT), "EVENT_CONTACT_KEY must be 32 bytes", SHORT);
    assertRefused(
        Map.of("EVENT_CONTACT_KEY", "not base64!"),
        "EVENT_CONTACT_KEY must be 32 bytes",
        "not base64!");
    assertRefused(
        Map.of(
            "EVENT_CONTACT_KEY",
            KEY_A,
            "EVENT_CONTACT_PREVIOUS_KEYS",
            "a:" + KEY_B + ",b:" + SHORT),
        "EVENT_CONTACT_PREVIOUS_KEYS, entry 2 (key id b) must be 32 bytes",
        SHORT);
  }

  @Test
  void refusesAKeyIdListedTwice() {
    assertRefused(
        Map.of(
            "EVENT_CONTACT_KEY",
            KEY_A,
            "EVENT_CONTACT_KEY_ID",
            "a",
            "EVENT_CONTACT_PREVIOUS_KEYS",
            "a:" + KEY_B),
        "EVENT_CONTACT_PREVIOUS_KEYS, entry 1: key id a is listed twice",
        KEY_B);
    assertRefused(
        Map.of(
            "EVENT_CONTACT_KEY",
            KEY_A,
            "EVENT_CONTACT_PREVIOUS_KEYS",
            "b:" + KEY_B + ",b:" + KEY_C),
        "entry 2: key id b is listed twice",
        KEY_C);
    assertRefused(
        Map.of("EVENT_CONTACT_KEY", KEY_A, "EVENT_CONTACT_PREVIOUS_KEYS", "1:" + KEY_B),
        "key id 1 is listed twice",
        KEY_B);
  }

  @Test
  void refusesOneKeyUnderTwoIds() {
    assertRefused(
        Map.of(
            "EVENT_CONTACT_KEY",
            KEY_A,
            "EVENT_CONTACT_KEY_ID",
            "new",
            "EVENT_CONTACT_PREVIOUS_KEYS",
            "old:" + KEY_A),
        "(key id old) is the current key",
        KEY_A);
    assertRefused(
        Map.of(
            "EVENT_CONTACT_KEY",
            KEY_A,
            "EVENT_CONTACT_PREVIOUS_KEYS",
            "b:" + KEY_B + ",c:" + KEY_B),
        "(key id c) is the same key as key id b",
        KEY_B);
  }

  @Test
  void refusesMalformedIdsAndEntries() {
    assertRefused(
        Map.of("EVENT_CONTACT_KEY", KEY_A, "EVENT_CONTACT_KEY_ID", "a.b"),
        "EVENT_CONTACT_KEY_ID: a key id",
        KEY_A);
    assertRefused(
        Map.of("EVENT_CONTACT_KEY", KEY_A, "EVENT_CONTACT_PREVIOUS_KEYS", KEY_B),
        "EVENT_CONTACT_PREVIOUS_KEYS, entry 1 must be <key id>:<32 bytes in base64>",
        KEY_B);
    assertRefused(
        Map.of("EVENT_CONTACT_KEY", KEY_A, "EVENT_CONTACT_PREVIOUS_KEYS", "b:" + KEY_B + ","),
        "EVENT_CONTACT_PREVIOUS_KEYS, entry 2 must be",
        KEY_B);
    assertRefused(
        Map.of("EVENT_CONTACT_KEY_ID", "b"),
        "EVENT_CONTACT_KEY_ID is set but EVENT_CONTACT_KEY is not",
        "");
  }

  @Test
  void aMigrationSwitchIsADateAtMostNinetyDaysAhead() {
    assertThat(
            read(Map.of("EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL", "2027-03-07")).acceptUnsealedUntil())
        .isEqualTo(LocalDate.parse("2027-03-07"));
    assertThat(read(Map.of("EVENT_CONTACT_ACCEPT_V1_UNTIL", "2026-12-01")).acceptV1Until())
        .isEqualTo(LocalDate.parse("2026-12-01"));
    assertThat(read(Map.of()).acceptUnsealedUntil()).isNull();
    assertThat(read(Map.of()).acceptV1Until()).isNull();
    assertRefused(
        Map.of("EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL", "2027-03-08"),
        "EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL ends more than 90 days from today",
        "");
    assertRefused(
        Map.of("EVENT_CONTACT_ACCEPT_V1_UNTIL", "true"),
        "EVENT_CONTACT_ACCEPT_V1_UNTIL must be a date",
        "");
  }

  @Test
  void theServiceReadsTheSettingsFromItsEnvironment() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("EVENT_CONTACT_KEY", KEY_B)
            .withProperty("EVENT_CONTACT_KEY_ID", "b")
            .withProperty("EVENT_CONTACT_PREVIOUS_KEYS", "a:" + KEY_A);

    ContactSeal seal =
        ContactSeal.fromSettings(environment::getProperty, java.time.Clock.systemUTC());

    assertThat(seal.currentKeyId()).isEqualTo("b");
  }

  private static ContactSealSettings read(Map<String, String> settings) {
    return ContactSealSettings.read(settings::get, TODAY);
  }

  private static void assertRefused(Map<String, String> settings, String message, String secret) {
    assertThatThrownBy(() -> read(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              if (!secret.isEmpty()) {
                assertThat(e.getMessage()).doesNotContain(secret);
              }
            });
  }
}
