package org.cellpath.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.cellpath.links.PatientLinkException.Reason;
import org.junit.jupiter.api.Test;

class PatientLinksTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String OTHER_KEY =
      Base64.getEncoder().encodeToString("another-deployments-own-key-32b!".getBytes());
  private static final UUID PAIR = UUID.randomUUID();
  private static final UUID REFERRAL = UUID.randomUUID();

  private final PatientLinks links = PatientLinks.local(CLOCK);

  private static LinkGrant grant(Instant expiresAt) {
    return new LinkGrant(LinkPurpose.APPOINTMENTS, PAIR, REFERRAL, expiresAt);
  }

  @Test
  void aTokenOpensToItsGrantAndShowsNoIdInTheAddress() {
    LinkGrant grant = grant(NOW.plus(Duration.ofDays(3)));

    String token = links.issue(grant);

    assertThat(links.open(token, LinkPurpose.APPOINTMENTS)).isEqualTo(grant);
    assertThat(token).hasSize(94).matches("[A-Za-z0-9_-]+");
    assertThat(token)
        .doesNotContain(PAIR.toString())
        .doesNotContain(PAIR.toString().replace("-", ""))
        .doesNotContain(REFERRAL.toString());
  }

  @Test
  void twoTokensOfOneGrantDiffer() {
    LinkGrant grant = grant(NOW.plus(Duration.ofDays(3)));

    assertThat(links.issue(grant)).isNotEqualTo(links.issue(grant));
  }

  @Test
  void everyChangedCharacterMakesTheTokenInvalid() {
    String token = links.issue(grant(NOW.plus(Duration.ofDays(3))));

    for (int i = 0; i < token.length(); i++) {
      char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
      String changed = token.substring(0, i) + replacement + token.substring(i + 1);
      assertThatThrownBy(() -> links.open(changed, LinkPurpose.APPOINTMENTS))
          .as("character %d changed", i)
          .isInstanceOfSatisfying(
              PatientLinkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }
  }

  @Test
  void truncatedLengthenedAndNonBase64TokensAreInvalid() {
    String token = links.issue(grant(NOW.plus(Duration.ofDays(3))));

    for (String bad : new String[] {token.substring(1), token + "A", "not a token!", ""}) {
      assertThatThrownBy(() -> links.open(bad, LinkPurpose.APPOINTMENTS))
          .isInstanceOfSatisfying(
              PatientLinkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }
  }

  @Test
  void aTokenSignedUnderAnotherKeyIsInvalid() {
    PatientLinks elsewhere =
        PatientLinks.fromSettings(Map.of(PatientLinks.KEY, OTHER_KEY)::get, CLOCK);
    String forged = elsewhere.issue(grant(NOW.plus(Duration.ofDays(3))));

    assertThatThrownBy(() -> links.open(forged, LinkPurpose.APPOINTMENTS))
        .isInstanceOfSatisfying(
            PatientLinkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
  }

  @Test
  void thePreviousKeyStillOpensWhatItSignedAndNoLongerSigns() {
    String before = links.issue(grant(NOW.plus(Duration.ofDays(3))));
    PatientLinks rotated =
        PatientLinks.fromSettings(
            Map.of(PatientLinks.KEY, OTHER_KEY, PatientLinks.PREVIOUS_KEY, PatientLinks.LOCAL_KEY)
                ::get,
            CLOCK);

    assertThat(rotated.open(before, LinkPurpose.APPOINTMENTS).subjectId()).isEqualTo(PAIR);
    String after = rotated.issue(grant(NOW.plus(Duration.ofDays(3))));
    assertThatThrownBy(() -> links.open(after, LinkPurpose.APPOINTMENTS))
        .isInstanceOf(PatientLinkException.class);
  }

  @Test
  void aTokenOpensOnlyForItsPurpose() {
    String token = links.issue(grant(NOW.plus(Duration.ofDays(3))));

    assertThatThrownBy(() -> links.open(token, LinkPurpose.WAITLIST_OFFER))
        .isInstanceOfSatisfying(
            PatientLinkException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PURPOSE));
  }

  @Test
  void aTokenStopsWorkingAtItsExpiry() {
    Instant expiry = NOW.plus(Duration.ofHours(2));
    String token = links.issue(grant(expiry));
    PatientLinks justBefore =
        PatientLinks.local(Clock.fixed(expiry.minusSeconds(1), ZoneOffset.UTC));
    PatientLinks atExpiry = PatientLinks.local(Clock.fixed(expiry, ZoneOffset.UTC));

    assertThat(justBefore.open(token, LinkPurpose.APPOINTMENTS).subjectId()).isEqualTo(PAIR);
    assertThatThrownBy(() -> atExpiry.open(token, LinkPurpose.APPOINTMENTS))
        .isInstanceOfSatisfying(
            PatientLinkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
  }

  @Test
  void aLinkLivesUntilTheAppointmentAndFourteenDaysAtMost() {
    Instant soon = NOW.plus(Duration.ofDays(5));
    Instant later = NOW.plus(Duration.ofDays(40));

    assertThat(links.expiryBefore(soon)).isEqualTo(soon);
    assertThat(links.expiryBefore(later)).isEqualTo(NOW.plus(Duration.ofDays(14)));
    assertThatThrownBy(() -> links.issue(grant(NOW.plus(Duration.ofDays(15)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyThatIsNotThirtyTwoBytesIsRefusedByNameWithoutQuotingIt() {
    String shortKey = Base64.getEncoder().encodeToString("too short".getBytes());

    assertThatThrownBy(
            () -> PatientLinks.fromSettings(Map.of(PatientLinks.KEY, shortKey)::get, CLOCK))
        .hasMessageContaining(PatientLinks.KEY)
        .hasMessageNotContaining(shortKey);
  }
}
