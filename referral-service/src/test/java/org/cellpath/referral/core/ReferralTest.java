package org.cellpath.referral.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.referral.ReferralFixtures;
import org.junit.jupiter.api.Test;

class ReferralTest {

  private final Referral referral =
      Referral.submit(UUID.randomUUID(), ReferralFixtures.likelyEligibleAchilles(), Instant.now());

  @Test
  void followsTheCaseFromSubmissionToScheduling() {
    referral.moveTo(ReferralStatus.UNDER_REVIEW);
    referral.moveTo(ReferralStatus.INFO_REQUESTED);
    referral.moveTo(ReferralStatus.UNDER_REVIEW);
    referral.moveTo(ReferralStatus.APPROVED);
    referral.moveTo(ReferralStatus.SCHEDULED);
    referral.moveTo(ReferralStatus.RESCHEDULED);
    referral.moveTo(ReferralStatus.COMPLETED);

    assertThat(referral.status()).isEqualTo(ReferralStatus.COMPLETED);
    assertThat(referral.status().isFinal()).isTrue();
  }

  @Test
  void refusesToScheduleAReferralThatWasNotApproved() {
    referral.moveTo(ReferralStatus.UNDER_REVIEW);

    assertThatThrownBy(() -> referral.moveTo(ReferralStatus.SCHEDULED))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("UNDER_REVIEW").hasMessageContaining("SCHEDULED");
    assertThat(referral.status()).isEqualTo(ReferralStatus.UNDER_REVIEW);
  }

  @Test
  void canBeWithdrawnAtAnyPointBeforeCompletionButNotAfter() {
    for (ReferralStatus status : ReferralStatus.values()) {
      boolean open = !status.isFinal();
      assertThat(status.canMoveTo(ReferralStatus.WITHDRAWN)).as(status.name()).isEqualTo(open);
    }
  }

  @Test
  void isReferredOnlyByThePhysicianItNames() {
    assertThat(referral.isReferredBy(ReferralFixtures.NPI)).isTrue();
    assertThat(referral.isReferredBy("1245319599")).isFalse();
    assertThat(referral.isReferredBy(null)).as("a token without an NPI referred nothing").isFalse();
  }
}
