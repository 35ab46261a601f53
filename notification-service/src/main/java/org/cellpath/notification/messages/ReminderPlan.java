package org.cellpath.notification.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.notification.delivery.MessageKind;

/**
 * When the messages before and after a procedure are due (DOMAIN.md section 5), as a pure function of the
 * appointment times, the patient's zone and the time of day they go out. Days are the patient's local calendar days.
 *
 * @param sendAt the local time of day each of them is due
 */
record ReminderPlan(LocalTime sendAt) {

  /** A message and when it is due. */
  record Due(MessageKind kind, Instant at) {}

  /**
   * The NSAID pause (7 days before), and the reminders 3 days and 1 day before the first appointment's local day.
   * Those whose time has passed when the booking is recorded are left out: a late booking's confirmation already
   * carries the preparation.
   */
  List<Due> beforeProcedure(Instant firstStart, ZoneId zone, Instant now) {
    LocalDate day = firstStart.atZone(zone).toLocalDate();
    List<Due> due = new ArrayList<>();
    addIfAhead(due, MessageKind.NSAID_PAUSE_REMINDER, day.minusDays(MessageComposer.NSAID_PAUSE_DAYS), zone, now);
    addIfAhead(due, MessageKind.APPOINTMENT_REMINDER_3_DAYS, day.minusDays(3), zone, now);
    addIfAhead(due, MessageKind.APPOINTMENT_REMINDER_1_DAY, day.minusDays(1), zone, now);
    return due;
  }

  /**
   * The follow-up series after a completed injection, each on its day after the injection's local day. A stage
   * whose time has passed (the completion was recorded late) is due at once rather than lost.
   */
  List<Due> afterInjection(Instant injectionStart, ZoneId zone, Instant now) {
    LocalDate day = injectionStart.atZone(zone).toLocalDate();
    List<Due> due = new ArrayList<>();
    for (FollowUpStage stage : FollowUpStage.values()) {
      Instant at = at(day.plusDays(stage.daysAfterInjection()), zone);
      due.add(new Due(stage.kind(), at.isBefore(now) ? now : at));
    }
    return due;
  }

  private void addIfAhead(List<Due> due, MessageKind kind, LocalDate day, ZoneId zone, Instant now) {
    Instant at = at(day, zone);
    if (at.isAfter(now)) {
      due.add(new Due(kind, at));
    }
  }

  private Instant at(LocalDate day, ZoneId zone) {
    return day.atTime(sendAt).atZone(zone).toInstant();
  }
}
