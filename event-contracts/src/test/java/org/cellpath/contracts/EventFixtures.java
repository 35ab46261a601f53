package org.cellpath.contracts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One fresh, fully populated example of every event type. */
final class EventFixtures {

  static final UUID REFERRAL = UUID.fromString("6f1c2a9e-3b7d-4e52-9a61-0c8d5e4f7a21");
  static final Instant AT = Instant.parse("2026-11-24T17:30:00Z");

  private EventFixtures() {}

  static PatientContact patient() {
    return new PatientContact(
        "Ana",
        "Rivera",
        "ana@example.org",
        "+14155550123",
        "es",
        ContactChannel.SMS,
        true,
        "America/Los_Angeles");
  }

  static PhysicianContact physician() {
    return new PhysicianContact(
        "Dr. Lee", "Bayview Orthopedics", "lee@bayview.example", "+14155550999");
  }

  static Appointment harvest() {
    return new Appointment(
        UUID.randomUUID(),
        AppointmentKind.HARVEST,
        Instant.parse("2026-12-07T16:00:00Z"),
        Instant.parse("2026-12-07T16:45:00Z"),
        "America/Los_Angeles",
        "Dr. Patel",
        "Main clinic",
        "100 Market St, San Francisco",
        "Room 1");
  }

  static Appointment injection() {
    return new Appointment(
        UUID.randomUUID(),
        AppointmentKind.INJECTION,
        Instant.parse("2026-12-07T17:30:00Z"),
        Instant.parse("2026-12-07T18:00:00Z"),
        "America/Los_Angeles",
        "Dr. Patel",
        "Main clinic",
        "100 Market St, San Francisco",
        "Room 2");
  }

  static List<CellPathEvent> all() {
    return List.of(
        new ReferralSubmitted(UUID.randomUUID(), REFERRAL, AT, patient(), physician()),
        new EligibilityReviewOpened(UUID.randomUUID(), REFERRAL, AT, UUID.randomUUID()),
        new ReferralApproved(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            CellSource.BONE_MARROW,
            Side.LEFT,
            LocalDate.parse("2026-10-01"),
            new SchedulingPreferences(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), Set.of(DayPart.MORNING)),
            patient(),
            physician()),
        new ReferralDeclined(UUID.randomUUID(), REFERRAL, AT, patient(), physician()),
        new ReferralInfoRequested(UUID.randomUUID(), REFERRAL, AT, physician()),
        new ReferralAmended(UUID.randomUUID(), REFERRAL, AT),
        new ReferralWithdrawn(UUID.randomUUID(), REFERRAL, AT),
        new ReferralStatusChanged(
            UUID.randomUUID(), REFERRAL, AT, "SCHEDULED", "Procedure booked", physician()),
        new OutcomeSurveyDue(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            SurveyTimePoint.WEEK_6,
            false,
            AT.plusSeconds(14 * 86_400),
            patient()),
        new OutcomeReportReady(
            UUID.randomUUID(), REFERRAL, AT, OutcomeReportKind.INTERIM, physician()),
        new AppointmentPairBooked(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            List.of(harvest(), injection()),
            patient()),
        new AppointmentPairRescheduled(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            1,
            List.of(harvest(), injection()),
            patient()),
        new AppointmentPairCancelled(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            2,
            List.of(harvest(), injection()),
            patient()),
        new CaseWaitlisted(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            LocalDate.parse("2026-12-01"),
            LocalDate.parse("2027-01-30")),
        new AppointmentCompleted(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            injection(),
            "LOT-2026-114",
            patient()),
        new AppointmentNoShow(UUID.randomUUID(), REFERRAL, AT, UUID.randomUUID(), harvest()),
        new AppointmentPairConfirmed(
            UUID.randomUUID(), REFERRAL, AT, UUID.randomUUID(), 1, ConfirmedBy.SMS_REPLY),
        new CaseReturnedToReferrer(
            UUID.randomUUID(), REFERRAL, AT, ReturnReason.PATIENT_UNREACHABLE),
        new WaitlistOfferMade(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            AT.plusSeconds(4 * 3600),
            List.of(harvest(), injection()),
            patient()),
        new WaitlistOfferEnded(
            UUID.randomUUID(), REFERRAL, AT, UUID.randomUUID(), OfferEnd.DECLINED),
        new NotificationSent(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            "BOOKING_CONFIRMATION",
            ContactChannel.EMAIL,
            "PATIENT"),
        new NotificationFailed(
            UUID.randomUUID(),
            REFERRAL,
            AT,
            UUID.randomUUID(),
            "REMINDER_1_DAY",
            ContactChannel.SMS,
            "PATIENT",
            "PROVIDER_UNAVAILABLE"),
        new SmsConfirmationReceived(UUID.randomUUID(), REFERRAL, AT, UUID.randomUUID()));
  }
}
