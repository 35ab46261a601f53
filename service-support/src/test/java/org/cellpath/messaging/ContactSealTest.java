package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralSubmitted;
import org.junit.jupiter.api.Test;

class ContactSealTest {

  private static final PatientContact ANA = new PatientContact("Quintessa", "Zephyrcanary",
      "zephyr.canary@example.org", "+14155550187", "es", ContactChannel.SMS, true, "America/Los_Angeles");
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private final EventJson json = new EventJson(ContactSeal.of(KEY));

  @Test
  void thePatientsContactTravelsSealedAndComesBackWhole() {
    ReferralSubmitted event = submitted();

    String wire = json.write(event);

    assertThat(wire).doesNotContain("Quintessa", "Zephyrcanary", "zephyr.canary", "+14155550187")
        .contains("\"patient\":\"v1.").contains("Dr. Lee Morgan");
    assertThat(json.read(wire, ReferralSubmitted.class)).isEqualTo(event);
  }

  @Test
  void theSameContactIsSealedDifferentlyEachTime() {
    ReferralSubmitted event = submitted();

    assertThat(json.write(event)).isNotEqualTo(json.write(event));
  }

  @Test
  void anotherKeyOrATamperedValueCannotOpenIt() {
    String wire = json.write(submitted());
    EventJson otherKey = new EventJson(ContactSeal.of(Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32})));
    int sealed = wire.indexOf("\"v1.") + 10;
    String tampered = wire.substring(0, sealed) + (wire.charAt(sealed) == 'A' ? 'B' : 'A') + wire.substring(sealed + 1);

    assertThatThrownBy(() -> otherKey.read(wire, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class).hasMessageNotContaining("Quintessa");
    assertThatThrownBy(() -> json.read(tampered, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class);
  }

  @Test
  void aContactWrittenBeforeSealingIsStillRead() {
    ReferralSubmitted event = submitted();
    String plain = "{\"eventId\":\"" + event.eventId() + "\",\"referralId\":\"" + event.referralId()
        + "\",\"occurredAt\":\"2026-11-24T10:00:00Z\",\"patient\":{\"givenName\":\"Quintessa\","
        + "\"familyName\":\"Zephyrcanary\",\"email\":\"zephyr.canary@example.org\",\"mobilePhone\":\"+14155550187\","
        + "\"language\":\"es\",\"preferredChannel\":\"SMS\",\"smsConsent\":true,\"timeZone\":\"America/Los_Angeles\"},"
        + "\"physician\":{\"name\":\"Dr. Lee Morgan\"}}";

    assertThat(json.read(plain, ReferralSubmitted.class).patient()).isEqualTo(ANA);
  }

  @Test
  void refusesAKeyThatIsNotThirtyTwoBytes() {
    assertThatThrownBy(() -> ContactSeal.of(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("EVENT_CONTACT_KEY");
    assertThatThrownBy(() -> ContactSeal.of("not base64 at all!")).hasMessageContaining("EVENT_CONTACT_KEY");
  }

  private static ReferralSubmitted submitted() {
    return new ReferralSubmitted(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-11-24T10:00:00Z"), ANA,
        new PhysicianContact("Dr. Lee Morgan", "Harbor Podiatry", "lee.morgan@harbor.example", "+13105550999"));
  }
}
