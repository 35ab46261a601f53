package org.cellpath.referral.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.EligibilityReviewOpened;
import org.cellpath.contracts.Recommendation;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralInfoRequested;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.domain.StateConflictException;
import org.cellpath.referral.ReferralFixtures;
import org.junit.jupiter.api.Test;

class ReferralTest {

  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final Instant NOW = Instant.parse("2026-11-24T17:00:00Z");

  private final Referral referral =
      Referral.submit(UUID.randomUUID(), ReferralFixtures.likelyEligibleAchilles(), NOW, CLINIC);

  @Test
  void followsTheCaseFromSubmissionToScheduling() {
    referral.openReview(UUID.randomUUID(), Recommendation.LIKELY_ELIGIBLE, NOW);
    referral.requestInformation(List.of("MRI"), NOW);
    referral.amend(ReferralFixtures.likelyEligibleAchilles(), NOW);
    referral.openReview(UUID.randomUUID(), Recommendation.LIKELY_ELIGIBLE, NOW);
    referral.approve(UUID.randomUUID(), CellSource.ADIPOSE, NOW, CLINIC);
    referral.recordSchedulingReport(Transition.REPORT_BOOKED, NOW, "Procedure booked");
    referral.recordSchedulingReport(Transition.REPORT_MOVED, NOW.plusSeconds(1), "Procedure moved");
    referral.recordSchedulingReport(
        Transition.REPORT_COMPLETED, NOW.plusSeconds(2), "Injection completed");

    assertThat(referral.status()).isEqualTo(ReferralStatus.COMPLETED);
    assertThat(referral.events())
        .map(CellPathEvent::getClass)
        .map(Class::getSimpleName)
        .containsExactly(
            "ReferralSubmitted",
            "EligibilityReviewOpened",
            "ReferralInfoRequested",
            "ReferralAmended",
            "EligibilityReviewOpened",
            "ReferralApproved",
            "ReferralStatusChanged",
            "ReferralStatusChanged",
            "ReferralStatusChanged");
  }

  @Test
  void aConfirmationIsDatedUnderTheCasesStatusWithoutChangingItOrTellingThePhysician() {
    referral.openReview(UUID.randomUUID(), Recommendation.LIKELY_ELIGIBLE, NOW);
    referral.approve(UUID.randomUUID(), CellSource.ADIPOSE, NOW, CLINIC);
    referral.recordSchedulingReport(Transition.REPORT_BOOKED, NOW, "Procedure booked");
    int events = referral.events().size();

    referral.recordSchedulingNote(
        NOW.plusSeconds(60),
        "Patient confirmed attendance",
        new TimelineDetail(TimelineDetail.Happening.CONFIRMED, "PATIENT_LINK", List.of()));

    assertThat(referral.status()).isEqualTo(ReferralStatus.SCHEDULED);
    assertThat(referral.events()).hasSize(events);
    Referral.NewEntry confirmed = referral.newEntries().get(referral.newEntries().size() - 1);
    assertThat(confirmed.status()).isEqualTo(ReferralStatus.SCHEDULED);
    assertThat(confirmed.reportedByScheduling())
        .as("a note never counts as scheduling's newest report")
        .isFalse();
    assertThat(confirmed.detail().confirmedBy()).isEqualTo("PATIENT_LINK");
    // A report older than the note still sets the status: the note moved no clock.
    assertThat(
            referral.recordSchedulingReport(
                Transition.REPORT_MOVED, NOW.plusSeconds(30), "Procedure moved"))
        .isEqualTo(Referral.ReportOutcome.FOLLOWED);
  }

  @Test
  void refusesToScheduleAReferralThatWasNotApproved() {
    referral.openReview(UUID.randomUUID(), Recommendation.LIKELY_ELIGIBLE, NOW);

    var outcome =
        referral.recordSchedulingReport(Transition.REPORT_BOOKED, NOW, "Procedure booked");

    assertThat(outcome).isEqualTo(Referral.ReportOutcome.NOT_FOLLOWED);
    assertThat(referral.status()).isEqualTo(ReferralStatus.UNDER_REVIEW);
  }

  @Test
  void refusesATransitionTheStatusTableDoesNotAllow() {
    assertThatThrownBy(() -> referral.approve(UUID.randomUUID(), CellSource.ADIPOSE, NOW, CLINIC))
        .isInstanceOf(IllegalTransitionException.class)
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("SUBMITTED")
        .hasMessageContaining("APPROVED");
    assertThat(referral.status()).isEqualTo(ReferralStatus.SUBMITTED);
    assertThat(referral.events()).singleElement().isInstanceOf(ReferralSubmitted.class);
  }

  @Test
  void isAmendedOnlyOncePerInformationRequest() {
    referral.openReview(UUID.randomUUID(), Recommendation.LIKELY_ELIGIBLE, NOW);
    referral.requestInformation(List.of("MRI"), NOW);
    referral.amend(ReferralFixtures.likelyEligibleAchilles(), NOW);

    assertThatThrownBy(() -> referral.amend(ReferralFixtures.likelyEligibleAchilles(), NOW))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(referral.events()).filteredOn(ReferralAmended.class::isInstance).hasSize(1);
  }

  @Test
  void isNotApprovedWithoutThePatientsSelfPayAcknowledgement() {
    Referral unacknowledged =
        Referral.submit(
            UUID.randomUUID(),
            ReferralFixtures.achilles(
                ReferralFixtures.likelyEligibleAchilles().conservativeCare(),
                java.util.Set.of(),
                false),
            NOW,
            CLINIC);
    unacknowledged.openReview(UUID.randomUUID(), Recommendation.LIKELY_ELIGIBLE, NOW);

    assertThatThrownBy(
            () -> unacknowledged.approve(UUID.randomUUID(), CellSource.ADIPOSE, NOW, CLINIC))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("self-pay");
    assertThat(unacknowledged.status()).isEqualTo(ReferralStatus.UNDER_REVIEW);
  }

  @Test
  void canBeWithdrawnAtAnyPointBeforeCompletionButNotAfter() {
    var ends =
        EnumSet.of(
            ReferralStatus.DECLINED,
            ReferralStatus.COMPLETED,
            ReferralStatus.WITHDRAWN,
            ReferralStatus.RETURNED);
    for (ReferralStatus status : ReferralStatus.values()) {
      assertThat(Transition.WITHDRAW.leadsFrom(status))
          .as(status.name())
          .isEqualTo(!ends.contains(status));
    }
  }

  @Test
  void aPairTheClinicCancelledDoesNotEndTheCase() {
    approved();
    referral.recordSchedulingReport(Transition.REPORT_BOOKED, NOW, "Procedure booked");
    referral.recordSchedulingReport(
        Transition.REPORT_CANCELLED, NOW.plusSeconds(1), "Procedure cancelled");
    referral.recordSchedulingReport(
        Transition.REPORT_BOOKED, NOW.plusSeconds(2), "Procedure booked");

    assertThat(referral.status()).isEqualTo(ReferralStatus.SCHEDULED);
    referral.withdraw(NOW.plusSeconds(3));
    assertThat(referral.status()).isEqualTo(ReferralStatus.WITHDRAWN);
    assertThat(referral.events()).last().isInstanceOf(ReferralWithdrawn.class);
  }

  @Test
  void onlyTheNewestSchedulingReportSetsTheStatusAndTellsThePhysician() {
    approved();
    referral.recordSchedulingReport(
        Transition.REPORT_CANCELLED, NOW.plusSeconds(2), "Procedure cancelled");

    var late = referral.recordSchedulingReport(Transition.REPORT_BOOKED, NOW, "Procedure booked");

    assertThat(late).isEqualTo(Referral.ReportOutcome.LATE);
    assertThat(referral.status()).isEqualTo(ReferralStatus.CANCELLED);
    assertThat(referral.events()).filteredOn(ReferralStatusChanged.class::isInstance).hasSize(1);
    assertThat(referral.newEntries())
        .filteredOn(Referral.NewEntry::reportedByScheduling)
        .hasSize(2);
  }

  @Test
  void aWithdrawnCaseIgnoresSchedulingReportsButDatesThem() {
    approved();
    referral.withdraw(NOW);

    var outcome =
        referral.recordSchedulingReport(
            Transition.REPORT_BOOKED, NOW.plusSeconds(1), "Procedure booked");

    assertThat(outcome).isEqualTo(Referral.ReportOutcome.NOT_FOLLOWED);
    assertThat(referral.status()).isEqualTo(ReferralStatus.WITHDRAWN);
  }

  @Test
  void aCaseIsReturnedOnlyAfterAMissedOrCancelledPairOrFromTheWaitlist() {
    var from =
        EnumSet.of(
            ReferralStatus.NO_SHOW,
            ReferralStatus.CANCELLED,
            ReferralStatus.WAITLISTED,
            ReferralStatus.APPROVED);
    for (ReferralStatus status : ReferralStatus.values()) {
      assertThat(Transition.REPORT_RETURNED.leadsFrom(status))
          .as(status.name())
          .isEqualTo(from.contains(status));
    }
    assertThat(Transition.REPORT_RETURNED.isSchedulingReport()).isTrue();
  }

  @Test
  void aReturnedCaseIsFinal() {
    approved();
    referral.recordSchedulingReport(Transition.REPORT_BOOKED, NOW, "Procedure booked");
    referral.recordSchedulingReport(
        Transition.REPORT_NO_SHOW, NOW.plusSeconds(1), "Patient did not attend");

    var returned =
        referral.recordSchedulingReport(
            Transition.REPORT_RETURNED,
            NOW.plusSeconds(2),
            "Returned to you: the patient missed appointments repeatedly",
            TimelineDetail.returned("REPEATED_NO_SHOW"));
    var after =
        referral.recordSchedulingReport(
            Transition.REPORT_BOOKED, NOW.plusSeconds(3), "Procedure booked");

    assertThat(returned).isEqualTo(Referral.ReportOutcome.FOLLOWED);
    assertThat(after).isEqualTo(Referral.ReportOutcome.NOT_FOLLOWED);
    assertThat(referral.status()).isEqualTo(ReferralStatus.RETURNED);
    for (Transition transition : Transition.values()) {
      assertThat(transition.leadsFrom(ReferralStatus.RETURNED)).as(transition.name()).isFalse();
    }
    assertThatThrownBy(() -> referral.withdraw(NOW.plusSeconds(4)))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void raisesTheEventsOfItsTransitionsInOrder() {
    UUID reviewId = UUID.randomUUID();
    referral.openReview(reviewId, Recommendation.LIKELY_ELIGIBLE, NOW);
    referral.approve(reviewId, CellSource.BONE_MARROW, NOW, CLINIC);

    assertThat(referral.events()).hasSize(3);
    assertThat(referral.events().get(1))
        .isInstanceOfSatisfying(
            EligibilityReviewOpened.class,
            opened -> assertThat(opened.reviewId()).isEqualTo(reviewId));
    assertThat(referral.events().get(2))
        .isInstanceOfSatisfying(
            ReferralApproved.class,
            approved -> assertThat(approved.cellSource()).isEqualTo(CellSource.BONE_MARROW));
    assertThat(referral.events()).noneMatch(ReferralInfoRequested.class::isInstance);
  }

  @Test
  void isReferredOnlyByThePhysicianItNames() {
    assertThat(referral.isReferredBy(ReferralFixtures.NPI)).isTrue();
    assertThat(referral.isReferredBy("1245319599")).isFalse();
    assertThat(referral.isReferredBy(null)).as("a token without an NPI referred nothing").isFalse();
  }

  private void approved() {
    referral.openReview(UUID.randomUUID(), Recommendation.LIKELY_ELIGIBLE, NOW);
    referral.approve(UUID.randomUUID(), CellSource.ADIPOSE, NOW, CLINIC);
  }
}
