package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.cellpath.contracts.CaseReturnedToReferrer;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.slots.TimeWindow;
import org.junit.jupiter.api.Test;

class SchedulingCaseTest {

  private static final Instant NOW = Instant.parse("2026-06-01T16:00:00Z");
  private static final TimeWindow SEARCHED =
      new TimeWindow(LocalDate.of(2026, 6, 8), LocalDate.of(2026, 8, 6));

  static SchedulingCase approvedCase() {
    return SchedulingCase.approved(
        UUID.randomUUID(),
        UUID.randomUUID(),
        NOW,
        CellSource.BONE_MARROW,
        null,
        SchedulingPreferences.any(),
        new PatientContact(
            "Ada",
            "Lovelace",
            "ada@example.org",
            "+14155550100",
            "en",
            ContactChannel.EMAIL,
            true,
            "America/Los_Angeles"));
  }

  @Test
  void anApprovedCaseIsBookedOrWaitlisted() {
    assertThat(approvedCase().booked().status()).isEqualTo(CaseStatus.BOOKED);

    SchedulingCase waitlisted = approvedCase().waitlisted(SEARCHED, NOW);
    assertThat(waitlisted.status()).isEqualTo(CaseStatus.WAITLISTED);
    assertThat(waitlisted.waitlistedAt()).isEqualTo(NOW);
    assertThat(waitlisted.lastSearch()).isEqualTo(SEARCHED);
  }

  @Test
  void aWaitlistedCaseKeepsItsPlaceInTheQueueWhenBooked() {
    SchedulingCase booked = approvedCase().waitlisted(SEARCHED, NOW).booked();

    assertThat(booked.status()).isEqualTo(CaseStatus.BOOKED);
    assertThat(booked.waitlistedAt()).isEqualTo(NOW);
  }

  @Test
  void anOfferedCaseKeepsItsPlaceAndIsBookedOrWaitsAgainAsTheOfferEnds() {
    SchedulingCase offered = approvedCase().waitlisted(SEARCHED, NOW).offered();

    assertThat(offered.status()).isEqualTo(CaseStatus.OFFERED);
    assertThat(offered.waitlistedAt()).isEqualTo(NOW);
    assertThat(offered.offerAccepted().status()).isEqualTo(CaseStatus.BOOKED);
    SchedulingCase waitingAgain = offered.offerEnded();
    assertThat(waitingAgain.status()).isEqualTo(CaseStatus.WAITLISTED);
    assertThat(waitingAgain.waitlistedAt()).as("its place in the queue").isEqualTo(NOW);
    assertThatThrownBy(offered::offered).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(offered::booked).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> approvedCase().booked().offerAccepted())
        .isInstanceOf(IllegalStateException.class);
    assertThat(offered.manuallyBookable()).isFalse();
  }

  @Test
  void aBookedCaseCannotBeBookedAgainNorWaitlisted() {
    SchedulingCase booked = approvedCase().booked();

    assertThatThrownBy(booked::booked).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> booked.waitlisted(SEARCHED, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWithdrawnCaseIsFinal() {
    SchedulingCase withdrawn = approvedCase().booked().withdrawn();

    assertThat(withdrawn.status()).isEqualTo(CaseStatus.WITHDRAWN);
    assertThat(withdrawn.isWithdrawn()).isTrue();
    assertThat(approvedCase().waitlisted(SEARCHED, NOW).isWithdrawn()).isFalse();
    assertThatThrownBy(withdrawn::booked).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(withdrawn::withdrawn).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCaseIsReturnedFromTheWaitlistOrAfterItsPairEndedWithTheCodeOnlyAndStaysReturned() {
    SchedulingCase cancelled = approvedCase().booked().cancelled();

    SchedulingCase.Returned returned = cancelled.returned(ReturnReason.PATIENT_DECLINED, NOW);

    assertThat(returned.schedulingCase().status()).isEqualTo(CaseStatus.RETURNED);
    assertThat(returned.schedulingCase().isReturned()).isTrue();
    assertThat(returned.events())
        .singleElement()
        .isEqualTo(
            new CaseReturnedToReferrer(
                ((CaseReturnedToReferrer) returned.events().get(0)).eventId(),
                cancelled.referralId(),
                NOW,
                ReturnReason.PATIENT_DECLINED));
    assertThat(
            approvedCase()
                .waitlisted(SEARCHED, NOW)
                .returned(ReturnReason.NO_SUITABLE_SLOTS, NOW)
                .schedulingCase()
                .status())
        .isEqualTo(CaseStatus.RETURNED);
    SchedulingCase done = returned.schedulingCase();
    assertThat(done.manuallyBookable()).isFalse();
    assertThatThrownBy(done::booked).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.returned(ReturnReason.OTHER, NOW))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> approvedCase().booked().returned(ReturnReason.OTHER, NOW))
        .as("a booked pair is cancelled first")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> approvedCase().booked().withdrawn().returned(ReturnReason.OTHER, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCancelledCaseRejoinsTheWaitlistWaitingFromNowAndAnnouncesIt() {
    Instant later = NOW.plusSeconds(3600);
    SchedulingCase rejoined =
        approvedCase()
            .waitlisted(SEARCHED, NOW)
            .booked()
            .cancelled()
            .rejoinedWaitlist(SEARCHED, later);

    assertThat(rejoined.status()).isEqualTo(CaseStatus.WAITLISTED);
    assertThat(rejoined.waitlistedAt()).isEqualTo(later);
    assertThat(rejoined.waitlistedEvents()).singleElement().isInstanceOf(CaseWaitlisted.class);
    assertThatThrownBy(() -> approvedCase().booked().rejoinedWaitlist(SEARCHED, later))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCaseWhosePairASchedulerCancelledWaitsForAManualBooking() {
    SchedulingCase cancelled = approvedCase().booked().cancelled();

    assertThat(cancelled.status()).isEqualTo(CaseStatus.CANCELLED);
    assertThat(cancelled.manuallyBookable()).isTrue();
    assertThat(cancelled.booked().status()).isEqualTo(CaseStatus.BOOKED);
    assertThat(cancelled.withdrawn().status()).isEqualTo(CaseStatus.WITHDRAWN);
    assertThatThrownBy(cancelled::cancelled).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> approvedCase().waitlisted(SEARCHED, NOW).cancelled())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyAWaitlistedOrCancelledCaseCanBeBookedByHand() {
    assertThat(approvedCase().waitlisted(SEARCHED, NOW).manuallyBookable()).isTrue();
    assertThat(approvedCase().booked().manuallyBookable()).isFalse();
    assertThat(approvedCase().booked().withdrawn().manuallyBookable()).isFalse();
  }

  @Test
  void aCaseNeedsAnApprovedCellSource() {
    assertThatThrownBy(
            () ->
                SchedulingCase.approved(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    NOW,
                    CellSource.NO_PREFERENCE,
                    null,
                    SchedulingPreferences.any(),
                    approvedCase().patient()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
