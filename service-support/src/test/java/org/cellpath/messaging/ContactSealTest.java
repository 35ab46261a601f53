package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ContactSealTest {

  private static final PatientContact ANA =
      new PatientContact(
          "Quintessa",
          "Zephyrcanary",
          "zephyr.canary@example.org",
          "+14155550187",
          "es",
          ContactChannel.SMS,
          true,
          "America/Los_Angeles");
  private static final PatientContact ATTACKER =
      new PatientContact(
          "Mallory",
          "Forger",
          "mallory@attacker.example",
          null,
          "en",
          ContactChannel.EMAIL,
          false,
          "America/Los_Angeles");
  private static final String KEY_A = key(1);
  private static final String KEY_B = key(2);
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final EventJson json = new EventJson(ContactSeal.of(KEY_A));

  @Test
  void thePatientsContactTravelsSealedUnderItsKeyIdAndComesBackWhole() {
    ReferralSubmitted event = submitted(ANA);

    String wire = json.write(event);

    assertThat(wire)
        .doesNotContain("Quintessa", "Zephyrcanary", "zephyr.canary", "+14155550187")
        .contains("\"patient\":\"v2.1.")
        .contains("Dr. Lee Morgan");
    assertThat(json.read(wire, ReferralSubmitted.class)).isEqualTo(event);
  }

  @Test
  void theSameContactIsSealedDifferentlyEachTime() {
    ReferralSubmitted event = submitted(ANA);

    assertThat(json.write(event)).isNotEqualTo(json.write(event));
  }

  @Test
  void aContactPastedIntoAnotherReferralsEventDoesNotOpen() {
    String attackersOwn = patientOf(json.write(submitted(ATTACKER)));
    String victims = json.write(submitted(ANA));

    String forged = withPatient(victims, attackersOwn);

    assertThatThrownBy(() -> json.read(forged, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("ReferralSubmitted")
        .hasMessageContaining("another referral or event type")
        .hasMessageNotContainingAny("Mallory", "mallory@", "Quintessa");
  }

  @Test
  void aContactPastedIntoAnotherTypeOfEventOfTheSameReferralDoesNotOpen() {
    ReferralSubmitted submitted = submitted(ATTACKER);
    String fromSubmitted = patientOf(json.write(submitted));
    String booked = json.write(booked(submitted.referralId(), ANA));

    String forged = withPatient(booked, fromSubmitted);

    assertThatThrownBy(() -> json.read(forged, AppointmentPairBooked.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("AppointmentPairBooked");
    assertThat(json.read(booked, AppointmentPairBooked.class).patient()).isEqualTo(ANA);
  }

  @Test
  void aContactInTheClearIsRefused() {
    String plain = withPlainPatient(json.write(submitted(ANA)));

    assertThatThrownBy(() -> json.read(plain, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("not sealed")
        .hasMessageContaining("EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL is not set")
        .hasMessageNotContainingAny("Quintessa", "zephyr");
  }

  @Test
  void aContactInTheClearIsReadWhileItsMigrationSwitchIsOnAndRefusedTheDayAfter() {
    String plain = withPlainPatient(json.write(submitted(ANA)));
    Map<String, String> settings =
        Map.of("EVENT_CONTACT_KEY", KEY_A, "EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL", "2026-12-10");

    EventJson lastDay =
        new EventJson(ContactSeal.fromSettings(settings::get, at("2026-12-10T23:59:59Z")));
    EventJson dayAfter =
        new EventJson(ContactSeal.fromSettings(settings::get, at("2026-12-11T00:00:00Z")));

    assertThat(lastDay.read(plain, ReferralSubmitted.class).patient()).isEqualTo(ANA);
    assertThatThrownBy(() -> dayAfter.read(plain, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("EVENT_CONTACT_ACCEPT_UNSEALED_UNTIL ended with 2026-12-10");
  }

  @Test
  void aV1ContactSealedWithoutBindingIsRefused() {
    String v1 = withPatient(json.write(submitted(ANA)), sealV1(KEY_A, ANA));

    assertThatThrownBy(() -> json.read(v1, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("sealed v1")
        .hasMessageContaining("EVENT_CONTACT_ACCEPT_V1_UNTIL is not set");
  }

  @Test
  void aV1ContactIsReadUnderAnyKnownKeyWhileItsMigrationSwitchIsOnAndRefusedTheDayAfter() {
    String v1 = withPatient(json.write(submitted(ANA)), sealV1(KEY_A, ANA));
    // Rotated already: the key that sealed the v1 value is a previous one.
    Map<String, String> settings =
        Map.of(
            "EVENT_CONTACT_KEY",
            KEY_B,
            "EVENT_CONTACT_KEY_ID",
            "b",
            "EVENT_CONTACT_PREVIOUS_KEYS",
            "a:" + KEY_A,
            "EVENT_CONTACT_ACCEPT_V1_UNTIL",
            "2026-12-10");

    EventJson lastDay =
        new EventJson(ContactSeal.fromSettings(settings::get, at("2026-12-10T23:59:59Z")));
    EventJson dayAfter =
        new EventJson(ContactSeal.fromSettings(settings::get, at("2026-12-11T00:00:00Z")));

    assertThat(lastDay.read(v1, ReferralSubmitted.class).patient()).isEqualTo(ANA);
    assertThatThrownBy(() -> dayAfter.read(v1, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("EVENT_CONTACT_ACCEPT_V1_UNTIL ended with 2026-12-10");
  }

  @Test
  void aContactNamingAKeyIdThisServiceDoesNotKnowIsRefusedWithoutRepeatingTheId() {
    EventJson elsewhere =
        new EventJson(
            ContactSeal.fromSettings(
                Map.of("EVENT_CONTACT_KEY", KEY_B, "EVENT_CONTACT_KEY_ID", "Quintessa")::get,
                Clock.systemUTC()));
    String wire = elsewhere.write(submitted(ANA));

    assertThatThrownBy(() -> json.read(wire, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("key id this service does not know (known: [1])")
        .hasMessageNotContaining("Quintessa");
  }

  @Test
  void anotherKeyUnderTheSameIdOrATamperedValueCannotOpenIt() {
    String wire = json.write(submitted(ANA));
    EventJson otherKeySameId = new EventJson(ContactSeal.of(KEY_B));
    int sealed = wire.indexOf("\"v2.1.") + 12;
    String tampered =
        wire.substring(0, sealed)
            + (wire.charAt(sealed) == 'A' ? 'B' : 'A')
            + wire.substring(sealed + 1);

    assertThatThrownBy(() -> otherKeySameId.read(wire, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageNotContaining("Quintessa");
    assertThatThrownBy(() -> json.read(tampered, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("does not open with key id 1");
  }

  @Test
  void aRotatedKeyStillOpensWhatItSealedUntilItIsDropped() {
    EventJson beforeRotation =
        new EventJson(
            ContactSeal.fromSettings(
                Map.of("EVENT_CONTACT_KEY", KEY_A, "EVENT_CONTACT_KEY_ID", "a")::get,
                Clock.systemUTC()));
    EventJson rotated =
        new EventJson(
            ContactSeal.fromSettings(
                Map.of(
                        "EVENT_CONTACT_KEY",
                        KEY_B,
                        "EVENT_CONTACT_KEY_ID",
                        "b",
                        "EVENT_CONTACT_PREVIOUS_KEYS",
                        "a:" + KEY_A)
                    ::get,
                Clock.systemUTC()));
    EventJson dropped =
        new EventJson(
            ContactSeal.fromSettings(
                Map.of("EVENT_CONTACT_KEY", KEY_B, "EVENT_CONTACT_KEY_ID", "b")::get,
                Clock.systemUTC()));
    ReferralSubmitted old = submitted(ANA);
    ReferralSubmitted later = submitted(ANA);

    String oldWire = beforeRotation.write(old);
    String newWire = rotated.write(later);

    assertThat(newWire).contains("\"patient\":\"v2.b.");
    assertThat(rotated.read(oldWire, ReferralSubmitted.class)).isEqualTo(old);
    assertThat(rotated.read(newWire, ReferralSubmitted.class)).isEqualTo(later);
    assertThat(dropped.read(newWire, ReferralSubmitted.class)).isEqualTo(later);
    assertThatThrownBy(() -> dropped.read(oldWire, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("does not know");
  }

  @Test
  void anEventWithoutAContactNeedsNoKey() {
    ReferralSubmitted event =
        new ReferralSubmitted(UUID.randomUUID(), UUID.randomUUID(), NOW, null, null);

    assertThat(json.read(json.write(event), ReferralSubmitted.class)).isEqualTo(event);
  }

  @Test
  void refusesAKeyThatIsNotThirtyTwoBytes() {
    assertThatThrownBy(() -> ContactSeal.of(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("EVENT_CONTACT_KEY");
    assertThatThrownBy(() -> ContactSeal.of("not base64 at all!"))
        .hasMessageContaining("EVENT_CONTACT_KEY");
  }

  private static ReferralSubmitted submitted(PatientContact patient) {
    return new ReferralSubmitted(
        UUID.randomUUID(),
        UUID.randomUUID(),
        NOW,
        patient,
        new PhysicianContact(
            "Dr. Lee Morgan", "Harbor Podiatry", "lee.morgan@harbor.example", "+13105550999"));
  }

  private static AppointmentPairBooked booked(UUID referralId, PatientContact patient) {
    return new AppointmentPairBooked(
        UUID.randomUUID(),
        referralId,
        NOW,
        UUID.randomUUID(),
        List.of(
            new Appointment(
                UUID.randomUUID(),
                AppointmentKind.HARVEST,
                NOW,
                NOW.plusSeconds(2700),
                "America/Los_Angeles",
                "Dr. Maya Chen",
                "CellPath Pasadena",
                "100 Colorado Blvd, Pasadena, CA 91105",
                "Procedure 1")),
        patient);
  }

  private static String patientOf(String wire) {
    return JSON.readTree(wire).get("patient").asString();
  }

  private static String withPatient(String wire, String sealed) {
    ObjectNode tree = (ObjectNode) JSON.readTree(wire);
    tree.put("patient", sealed);
    return JSON.writeValueAsString(tree);
  }

  private static String withPlainPatient(String wire) {
    ObjectNode tree = (ObjectNode) JSON.readTree(wire);
    tree.set("patient", JSON.valueToTree(ANA));
    return JSON.writeValueAsString(tree);
  }

  /**
   * A contact as ADR 13's code sealed it: one constant as associated data, no key id, bound to
   * nothing.
   */
  static String sealV1(String base64Key, PatientContact contact) {
    try {
      byte[] nonce = new byte[12];
      new java.security.SecureRandom().nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
          new GCMParameterSpec(128, nonce));
      cipher.updateAAD("cellpath:PatientContact".getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(contact));
      return "v1."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  static String key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return Base64.getEncoder().encodeToString(key);
  }
}
