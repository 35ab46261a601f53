package org.cellpath.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.AppointmentNoShow;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairConfirmed;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ConfirmedBy;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.PatientContact;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.StateConflictException;
import org.cellpath.scheduling.planning.CandidateSlot;
import org.cellpath.scheduling.planning.PlannedAppointment;
import org.cellpath.scheduling.planning.PlannedPair;
import org.junit.jupiter.api.Test;

/** A pair's transitions: what each leads to, the events it causes, and what it refuses. */
class AppointmentPairTransitionsTest {

  private static final Instant HARVEST_STARTS = Instant.parse("2026-12-15T16:00:00Z");
  private static final Instant INJECTION_STARTS = Instant.parse("2026-12-15T17:15:00Z");
  private static final Instant NOW = Instant.parse("2026-12-10T09:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final PatientContact PATIENT =
      new PatientContact(
          "Ada",
          "Lovelace",
          "ada@example.org",
          "+14155550100",
          "en",
          ContactChannel.EMAIL,
          true,
          "America/Los_Angeles");

  @Test
  void aNewlyBookedPairAnnouncesItsAppointmentsOnce() {
    AppointmentPair pair = bookedPair();

    PairTransition.Booked booked = pair.booked(PATIENT, NOW);

    assertThat(booked.events())
        .singleElement()
        .isInstanceOfSatisfying(
            AppointmentPairBooked.class,
            event -> {
              assertThat(event.pairId()).isEqualTo(pair.id());
              assertThat(event.appointments()).isEqualTo(pair.contractAppointments());
            });
    assertThatThrownBy(() -> pair.cancel("moved away", PATIENT, NOW).pair().booked(PATIENT, NOW))
        .isInstanceOf(StateConflictException.class);
  }

  @Test
  void cancellingLetsEveryBookedAppointmentGoAndRaisesTheSequence() {
    AppointmentPair pair = bookedPair();

    PairTransition.Cancelled cancelled = pair.cancel("patient moved away", PATIENT, NOW);

    assertThat(cancelled.pair().status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(cancelled.pair().cancelledAt()).isEqualTo(NOW);
    assertThat(cancelled.pair().sequence()).isEqualTo(1);
    assertThat(cancelled.pair().appointments())
        .extracting(BookedAppointment::status)
        .containsOnly(BookingStatus.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("patient moved away");
    assertThat(cancelled.events())
        .singleElement()
        .isInstanceOfSatisfying(
            AppointmentPairCancelled.class,
            event -> {
              assertThat(event.sequence()).isEqualTo(1);
              assertThat(event.occurredAt()).isEqualTo(NOW);
            });
  }

  @Test
  void aCancelledPairIsNeitherCancelledNorRescheduledAgain() {
    AppointmentPair cancelled = bookedPair().cancel("moved away", PATIENT, NOW).pair();

    assertThatThrownBy(() -> cancelled.cancel("again", PATIENT, NOW))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("it is CANCELLED");
    assertThatThrownBy(() -> cancelled.cancelOnWithdrawal(PATIENT, NOW))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("it is CANCELLED");
    assertThatThrownBy(() -> cancelled.requireChangeable(AppointmentPair.Action.RESCHEDULE))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("Cannot reschedule");
  }

  @Test
  void aPairWhoseHarvestTookPlaceCannotBeCancelled() {
    AppointmentPair pair = bookedPair();
    AppointmentPair harvested =
        pair.complete(
                pair.appointments().get(0).id(),
                null,
                CellSource.BONE_MARROW,
                PATIENT,
                HARVEST_STARTS)
            .pair();

    assertThatThrownBy(() -> harvested.cancel("moved away", PATIENT, HARVEST_STARTS))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("HARVEST appointment is COMPLETED");
  }

  @Test
  void aWithdrawalAfterTheHarvestCancelsOnlyTheInjection() {
    AppointmentPair pair = bookedPair();
    AppointmentPair harvested =
        pair.complete(
                pair.appointments().get(0).id(),
                null,
                CellSource.BONE_MARROW,
                PATIENT,
                HARVEST_STARTS)
            .pair();

    PairTransition.Cancelled withdrawn = harvested.cancelOnWithdrawal(PATIENT, HARVEST_STARTS);

    assertThat(withdrawn.reason()).isNull();
    assertThat(withdrawn.pair().status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(withdrawn.pair().appointments())
        .extracting(BookedAppointment::status)
        .containsExactly(BookingStatus.COMPLETED, BookingStatus.CANCELLED);
  }

  @Test
  void aMissedPairIsEndedKeepingTheNoShowAndFreeingWhatIsAheadAndOnlyAMissedOneIs() {
    AppointmentPair pair = bookedPair();
    AppointmentPair missed = pair.noShow(pair.appointments().get(0).id(), HARVEST_STARTS).pair();

    PairTransition.Cancelled ended = missed.endAfterNoShow(PATIENT, HARVEST_STARTS);

    assertThat(missed.missed()).isTrue();
    assertThat(ended.pair().status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(ended.pair().sequence()).isEqualTo(missed.sequence() + 1);
    assertThat(ended.pair().appointments())
        .extracting(BookedAppointment::status)
        .containsExactly(BookingStatus.NO_SHOW, BookingStatus.CANCELLED);
    assertThat(ended.events()).singleElement().isInstanceOf(AppointmentPairCancelled.class);
    assertThat(pair.missed()).isFalse();
    assertThatThrownBy(() -> pair.endAfterNoShow(PATIENT, NOW))
        .as("a pair nobody missed is cancelled, not ended")
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> ended.pair().endAfterNoShow(PATIENT, NOW))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void reschedulingMovesEachAppointmentKeepingItsId() {
    AppointmentPair pair = bookedPair();
    CandidateSlot harvestSlot = slot(AppointmentKind.HARVEST, HARVEST_STARTS.plusSeconds(86_400));
    CandidateSlot injectionSlot =
        slot(AppointmentKind.INJECTION, INJECTION_STARTS.plusSeconds(86_400));
    PlannedPair target =
        new PlannedPair(
            new PlannedAppointment(
                AppointmentKind.HARVEST, harvestSlot, harvestSlot.startsAt(), harvestSlot.endsAt()),
            new PlannedAppointment(
                AppointmentKind.INJECTION,
                injectionSlot,
                injectionSlot.startsAt(),
                injectionSlot.endsAt()));
    Map<UUID, Place> places =
        Map.of(harvestSlot.slotId(), place("Dr Baker"), injectionSlot.slotId(), place("Dr Baker"));

    PairTransition.Moved moved = pair.reschedule(target, places, PATIENT, NOW);

    assertThat(moved.pair().sequence()).isEqualTo(1);
    assertThat(moved.pair().appointments())
        .extracting(BookedAppointment::id)
        .containsExactlyElementsOf(
            pair.appointments().stream().map(BookedAppointment::id).toList());
    assertThat(moved.pair().appointments())
        .extracting(BookedAppointment::slotId)
        .containsExactly(harvestSlot.slotId(), injectionSlot.slotId());
    assertThat(moved.events())
        .singleElement()
        .isInstanceOfSatisfying(
            AppointmentPairRescheduled.class,
            event ->
                assertThat(event.appointments())
                    .extracting(a -> a.clinicianName())
                    .containsOnly("Dr Baker"));
  }

  @Test
  void attendanceRecordsTheOutcomeOfOneAppointmentAndAnnouncesIt() {
    AppointmentPair pair = bookedPair();
    UUID harvest = pair.appointments().get(0).id();

    PairTransition.Attended completed =
        pair.complete(harvest, null, CellSource.BONE_MARROW, PATIENT, HARVEST_STARTS);
    PairTransition.Attended missed =
        completed.pair().noShow(pair.appointments().get(1).id(), INJECTION_STARTS);

    assertThat(completed.outcome()).isEqualTo(BookingStatus.COMPLETED);
    assertThat(completed.events()).singleElement().isInstanceOf(AppointmentCompleted.class);
    assertThat(missed.outcome()).isEqualTo(BookingStatus.NO_SHOW);
    assertThat(missed.events()).singleElement().isInstanceOf(AppointmentNoShow.class);
    assertThat(missed.pair().appointments())
        .extracting(BookedAppointment::status)
        .containsExactly(BookingStatus.COMPLETED, BookingStatus.NO_SHOW);
  }

  @Test
  void anAutologousHarvestHasNoProductLot() {
    AppointmentPair pair = bookedPair();

    assertThatThrownBy(
            () ->
                pair.complete(
                    pair.appointments().get(0).id(),
                    "LOT-1",
                    CellSource.BONE_MARROW,
                    PATIENT,
                    HARVEST_STARTS))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void confirmingAnnouncesThePairOncePerSequenceAndAMovedPairAsksAgain() {
    AppointmentPair pair = bookedPair();
    assertThat(pair.confirmed()).isFalse();

    PairTransition.Confirmed confirmed = pair.confirm(ConfirmedBy.PATIENT_LINK, NOW);

    assertThat(confirmed.pair().confirmed()).isTrue();
    assertThat(confirmed.pair().confirmation())
        .isEqualTo(new AppointmentPair.Confirmation(0, NOW, ConfirmedBy.PATIENT_LINK));
    assertThat(confirmed.events())
        .singleElement()
        .isInstanceOfSatisfying(
            AppointmentPairConfirmed.class,
            event -> {
              assertThat(event.pairId()).isEqualTo(pair.id());
              assertThat(event.sequence()).isZero();
              assertThat(event.confirmedBy()).isEqualTo(ConfirmedBy.PATIENT_LINK);
            });
    PairTransition.Confirmed again =
        confirmed.pair().confirm(ConfirmedBy.SMS_REPLY, NOW.plusSeconds(60));
    assertThat(again.events()).as("the same times confirmed again").isEmpty();
    assertThat(again.pair()).isEqualTo(confirmed.pair());

    AppointmentPair moved =
        new AppointmentPair(
            pair.id(),
            pair.referralId(),
            BookingStatus.BOOKED,
            1,
            pair.bookedAt(),
            null,
            pair.appointments(),
            confirmed.pair().confirmation());
    assertThat(moved.confirmed()).as("a confirmation of the earlier times").isFalse();
    assertThat(moved.confirm(ConfirmedBy.SMS_REPLY, NOW).events())
        .singleElement()
        .isInstanceOfSatisfying(
            AppointmentPairConfirmed.class, event -> assertThat(event.sequence()).isEqualTo(1));
  }

  @Test
  void aCancelledPairIsNeverConfirmed() {
    AppointmentPair cancelled = bookedPair().cancel("moved away", PATIENT, NOW).pair();

    assertThatThrownBy(() -> cancelled.confirm(ConfirmedBy.SMS_REPLY, NOW))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("CANCELLED");
    assertThat(cancelled.changeable()).isFalse();
  }

  @Test
  void anOfferAcceptedWithinItsHoldIsBookedAndAnnouncedAsAnyBooking() {
    AppointmentPair offered = offeredPair(NOW.plusSeconds(3600));

    assertThat(offered.offered(PATIENT, NOW).events())
        .singleElement()
        .isInstanceOfSatisfying(
            org.cellpath.contracts.WaitlistOfferMade.class,
            made -> assertThat(made.holdUntil()).isEqualTo(NOW.plusSeconds(3600)));
    PairTransition.OfferAccepted accepted = offered.accept(PATIENT, NOW.plusSeconds(60));

    assertThat(accepted.pair().status()).isEqualTo(BookingStatus.BOOKED);
    assertThat(accepted.pair().bookedAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(accepted.pair().offer().end()).isEqualTo(org.cellpath.contracts.OfferEnd.ACCEPTED);
    assertThat(accepted.events())
        .extracting(event -> event.getClass().getSimpleName())
        .containsExactly("WaitlistOfferEnded", "AppointmentPairBooked");
    assertThat(accepted.pair().changeable()).isTrue();
  }

  @Test
  void anOfferIsAnsweredOnlyWithinItsHoldAndExpiresOnlyAfterIt() {
    Instant hold = NOW.plusSeconds(3600);
    AppointmentPair offered = offeredPair(hold);

    assertThatThrownBy(() -> offered.accept(PATIENT, hold))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("held until");
    assertThatThrownBy(() -> offered.decline(hold)).isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> offered.expire(hold.minusMillis(1)))
        .isInstanceOf(IllegalTransitionException.class);
    PairTransition.OfferEnded expired = offered.expire(hold);
    assertThat(expired.pair().status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(expired.pair().appointments())
        .extracting(BookedAppointment::status)
        .containsOnly(BookingStatus.CANCELLED);
    assertThat(expired.pair().offer().end()).isEqualTo(org.cellpath.contracts.OfferEnd.EXPIRED);
    assertThat(expired.events())
        .as("nothing was booked: no cancellation is announced")
        .noneMatch(AppointmentPairCancelled.class::isInstance);
    assertThatThrownBy(() -> expired.pair().accept(PATIENT, NOW))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aSchedulerCannotMoveCancelOrConfirmAnOfferedPair() {
    AppointmentPair offered = offeredPair(NOW.plusSeconds(3600));

    assertThat(offered.changeable()).isFalse();
    assertThatThrownBy(() -> offered.cancel("no", PATIENT, NOW))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> offered.confirm(ConfirmedBy.STAFF, NOW))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> bookedPair().accept(PATIENT, NOW))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(offered.cancelOnWithdrawal(PATIENT, NOW).events())
        .as("a withdrawn offer tells the patient nothing")
        .isEmpty();
  }

  private static AppointmentPair offeredPair(Instant holdUntil) {
    AppointmentPair booked = bookedPair();
    return new AppointmentPair(
        booked.id(),
        booked.referralId(),
        BookingStatus.OFFERED,
        0,
        NOW,
        null,
        booked.appointments(),
        null,
        new AppointmentPair.Offer(holdUntil, null));
  }

  private static AppointmentPair bookedPair() {
    return new AppointmentPair(
        UUID.randomUUID(),
        UUID.randomUUID(),
        BookingStatus.BOOKED,
        0,
        HARVEST_STARTS.minusSeconds(86_400),
        null,
        List.of(
            appointment(AppointmentKind.HARVEST, HARVEST_STARTS, 45),
            appointment(AppointmentKind.INJECTION, INJECTION_STARTS, 30)));
  }

  private static BookedAppointment appointment(
      AppointmentKind kind, Instant startsAt, int minutes) {
    return new BookedAppointment(
        UUID.randomUUID(),
        kind,
        BookingStatus.BOOKED,
        UUID.randomUUID(),
        startsAt,
        startsAt.plusSeconds(60L * minutes),
        ZONE,
        UUID.randomUUID(),
        "Dr Avery",
        UUID.randomUUID(),
        "Downtown",
        "1 Test Street",
        UUID.randomUUID(),
        "Room");
  }

  private static CandidateSlot slot(AppointmentKind kind, Instant startsAt) {
    return new CandidateSlot(
        UUID.randomUUID(),
        kind,
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        startsAt,
        startsAt.plusSeconds(3600),
        ZONE);
  }

  private static Place place(String clinician) {
    return new Place(
        ZONE,
        UUID.randomUUID(),
        clinician,
        UUID.randomUUID(),
        "Uptown",
        "2 Test Street",
        UUID.randomUUID(),
        "Room 2");
  }
}
