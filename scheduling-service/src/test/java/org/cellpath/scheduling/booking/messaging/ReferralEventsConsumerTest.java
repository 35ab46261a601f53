package org.cellpath.scheduling.booking.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Side;
import org.cellpath.messaging.RejectedEventException;
import org.junit.jupiter.api.Test;

class ReferralEventsConsumerTest {

  private static ReferralApproved approval(CellSource source, PatientContact patient) {
    return new ReferralApproved(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Instant.now(),
        source,
        Side.LEFT,
        null,
        SchedulingPreferences.any(),
        patient,
        new PhysicianContact("Dr Who", "Practice", "dr@example.org", "+1"));
  }

  private static PatientContact patient() {
    return new PatientContact(
        "Grace",
        "Hopper",
        "grace@example.org",
        "+14155550101",
        "en",
        ContactChannel.SMS,
        true,
        "America/Los_Angeles");
  }

  @Test
  void anApprovalWithoutAChosenCellSourceIsRejectedWithIdsOnly() {
    ReferralApproved approval = approval(CellSource.NO_PREFERENCE, patient());

    assertThatThrownBy(() -> ReferralEventsConsumer.plannable(approval))
        .isInstanceOf(RejectedEventException.class)
        .hasMessageContaining(approval.referralId().toString())
        .hasMessageNotContaining("Grace")
        .hasMessageNotContaining("grace@example.org");
  }

  @Test
  void anApprovalWithoutPatientContactIsRejected() {
    assertThatThrownBy(
            () -> ReferralEventsConsumer.plannable(approval(CellSource.BONE_MARROW, null)))
        .isInstanceOf(RejectedEventException.class);
  }

  @Test
  void aPlannableApprovalPassesUnchanged() {
    ReferralApproved approval = approval(CellSource.ADIPOSE, patient());

    assertThat(ReferralEventsConsumer.plannable(approval)).isSameAs(approval);
  }
}
