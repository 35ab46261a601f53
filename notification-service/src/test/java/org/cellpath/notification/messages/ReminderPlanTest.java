package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.cellpath.notification.delivery.MessageKind;
import org.junit.jupiter.api.Test;

class ReminderPlanTest {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private final ReminderPlan plan = new ReminderPlan(LocalTime.of(10, 0));

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(LOS_ANGELES).toInstant();
  }

  @Test
  void theNsaidPauseSevenDaysAndTheRemindersThreeDaysAndOneDayBeforeAtTenInThePatientsZone() {
    Instant harvest = local("2026-12-15T08:30:00");

    List<ReminderPlan.Due> due =
        plan.beforeProcedure(harvest, LOS_ANGELES, local("2026-12-01T09:00:00"));

    assertThat(due)
        .extracting(ReminderPlan.Due::kind, ReminderPlan.Due::at)
        .containsExactly(
            tuple(MessageKind.NSAID_PAUSE_REMINDER, local("2026-12-08T10:00:00")),
            tuple(MessageKind.APPOINTMENT_REMINDER_3_DAYS, local("2026-12-12T10:00:00")),
            tuple(MessageKind.APPOINTMENT_REMINDER_1_DAY, local("2026-12-14T10:00:00")));
  }

  @Test
  void remindersWhoseTimeHasPassedWhenTheBookingIsRecordedAreLeftOut() {
    Instant harvest = local("2026-12-15T08:30:00");

    // booked on the 12th at 11:00: the NSAID reminder (8th) and the 3-day one (12th, 10:00) are
    // past
    List<ReminderPlan.Due> due =
        plan.beforeProcedure(harvest, LOS_ANGELES, local("2026-12-12T11:00:00"));

    assertThat(due)
        .extracting(ReminderPlan.Due::kind)
        .containsExactly(MessageKind.APPOINTMENT_REMINDER_1_DAY);
  }

  @Test
  void daysAreThePatientsLocalDaysNotUtcDays() {
    // 06:00 UTC on the 15th is still the 14th in Los Angeles: the day before is the 13th
    Instant harvest = Instant.parse("2026-12-15T06:00:00Z");

    List<ReminderPlan.Due> due =
        plan.beforeProcedure(harvest, LOS_ANGELES, local("2026-12-01T09:00:00"));

    assertThat(due)
        .last()
        .isEqualTo(
            new ReminderPlan.Due(
                MessageKind.APPOINTMENT_REMINDER_1_DAY, local("2026-12-13T10:00:00"), harvest));
  }

  @Test
  void
      theNsaidPauseExpiresWhenTheThreeDayReminderIsDueWhichExpiresWhenTheOneDayReminderIsDueWhichExpiresAtTheStart() {
    Instant harvest = local("2026-12-15T08:30:00");

    List<ReminderPlan.Due> due =
        plan.beforeProcedure(harvest, LOS_ANGELES, local("2026-12-01T09:00:00"));

    assertThat(due)
        .extracting(ReminderPlan.Due::kind, ReminderPlan.Due::expiresAt)
        .containsExactly(
            tuple(MessageKind.NSAID_PAUSE_REMINDER, local("2026-12-12T10:00:00")),
            tuple(MessageKind.APPOINTMENT_REMINDER_3_DAYS, local("2026-12-14T10:00:00")),
            tuple(MessageKind.APPOINTMENT_REMINDER_1_DAY, harvest));
  }

  @Test
  void expiriesAreTheLocalTimeOfDayOnTheirDayAcrossAChangeFromDaylightSavingTime() {
    // Los Angeles leaves daylight saving time on 2026-11-01: the pause is due at 10:00 PDT (17:00
    // UTC) on
    // 28 October and expires at 10:00 PST (18:00 UTC) on 1 November, not four times 24 hours later.
    Instant harvest = Instant.parse("2026-11-04T16:30:00Z");

    List<ReminderPlan.Due> due =
        plan.beforeProcedure(harvest, LOS_ANGELES, Instant.parse("2026-10-20T17:00:00Z"));

    assertThat(due)
        .extracting(ReminderPlan.Due::kind, ReminderPlan.Due::at, ReminderPlan.Due::expiresAt)
        .containsExactly(
            tuple(
                MessageKind.NSAID_PAUSE_REMINDER,
                Instant.parse("2026-10-28T17:00:00Z"),
                Instant.parse("2026-11-01T18:00:00Z")),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                Instant.parse("2026-11-01T18:00:00Z"),
                Instant.parse("2026-11-03T18:00:00Z")),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_1_DAY,
                Instant.parse("2026-11-03T18:00:00Z"),
                harvest));
  }

  @Test
  void expiriesFallOnThePatientsLocalDaysWhenThePatientLivesInAnotherZoneThanTheSite() {
    // 16:30 on 27 October at the Los Angeles site is 00:30 on the 28th in Madrid, where daylight
    // saving time ends
    // on the 25th: the patient's days count, at 10:00 Madrid time.
    Instant harvest = LocalDateTime.parse("2026-10-27T16:30:00").atZone(LOS_ANGELES).toInstant();
    ZoneId madrid = ZoneId.of("Europe/Madrid");

    List<ReminderPlan.Due> due =
        plan.beforeProcedure(harvest, madrid, Instant.parse("2026-10-10T09:00:00Z"));

    assertThat(due)
        .extracting(ReminderPlan.Due::kind, ReminderPlan.Due::at, ReminderPlan.Due::expiresAt)
        .containsExactly(
            tuple(
                MessageKind.NSAID_PAUSE_REMINDER,
                Instant.parse("2026-10-21T08:00:00Z"),
                Instant.parse("2026-10-25T09:00:00Z")),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                Instant.parse("2026-10-25T09:00:00Z"),
                Instant.parse("2026-10-27T09:00:00Z")),
            tuple(
                MessageKind.APPOINTMENT_REMINDER_1_DAY,
                Instant.parse("2026-10-27T09:00:00Z"),
                Instant.parse("2026-10-27T23:30:00Z")));
  }

  @Test
  void aReminderQueuedLateKeepsTheExpiryOfItsOwnDay() {
    Instant harvest = local("2026-12-15T08:30:00");

    // booked on the 12th at 09:00: the 3-day reminder is due an hour later and still expires on the
    // 14th
    List<ReminderPlan.Due> due =
        plan.beforeProcedure(harvest, LOS_ANGELES, local("2026-12-12T09:00:00"));

    assertThat(due)
        .extracting(ReminderPlan.Due::kind, ReminderPlan.Due::expiresAt)
        .containsExactly(
            tuple(MessageKind.APPOINTMENT_REMINDER_3_DAYS, local("2026-12-14T10:00:00")),
            tuple(MessageKind.APPOINTMENT_REMINDER_1_DAY, harvest));
  }

  @Test
  void followUpsNeverExpire() {
    Instant injection = local("2026-12-15T11:00:00");

    List<ReminderPlan.Due> due =
        plan.afterInjection(injection, LOS_ANGELES, local("2026-12-17T09:00:00"));

    assertThat(due).extracting(ReminderPlan.Due::expiresAt).containsOnlyNulls();
  }

  @Test
  void theFollowUpSeriesFallsOnDayOneAndWeeksTwoSixTwelveAndTwentyFourAfterTheInjection() {
    Instant injection = local("2026-12-15T11:00:00");

    List<ReminderPlan.Due> due =
        plan.afterInjection(injection, LOS_ANGELES, local("2026-12-15T12:00:00"));

    assertThat(due)
        .extracting(ReminderPlan.Due::kind, ReminderPlan.Due::at)
        .containsExactly(
            tuple(MessageKind.FOLLOW_UP_DAY_1, local("2026-12-16T10:00:00")),
            tuple(MessageKind.FOLLOW_UP_WEEK_2, local("2026-12-29T10:00:00")),
            tuple(MessageKind.FOLLOW_UP_WEEK_6, local("2027-01-26T10:00:00")),
            tuple(MessageKind.FOLLOW_UP_WEEK_12, local("2027-03-09T10:00:00")),
            tuple(MessageKind.FOLLOW_UP_WEEK_24, local("2027-06-01T10:00:00")));
  }

  @Test
  void aFollowUpWhoseDayHasPassedIsDueAtOnceRatherThanLost() {
    Instant injection = local("2026-12-15T11:00:00");
    Instant recordedLate = local("2026-12-17T09:00:00");

    List<ReminderPlan.Due> due = plan.afterInjection(injection, LOS_ANGELES, recordedLate);

    assertThat(due.get(0))
        .isEqualTo(new ReminderPlan.Due(MessageKind.FOLLOW_UP_DAY_1, recordedLate, null));
    assertThat(due.get(1).at()).isEqualTo(local("2026-12-29T10:00:00"));
  }
}
