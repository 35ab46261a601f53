package org.cellpath.notification.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.notification.delivery.MessageKind;

/**
 * When the messages before and after a procedure are due ({@code docs/domain.md §5}), and until
 * when those before it may still go, as a pure function of the appointment times, the patient's
 * zone and the time of day they go out. Days are the patient's local calendar days, each at {@code
 * sendAt} local time whatever daylight saving change lies between them.
 *
 * <p>A reminder before the procedure names a day ("in 3 days", "tomorrow", "start your NSAID pause
 * today"), so it expires when the next one is due: the NSAID pause (due D-7) at D-3 (the booking
 * confirmation carries the preparation, and the 3-day reminder's email repeats "no NSAIDs until
 * your appointment"); the 3-day reminder at D-1; the 1-day reminder when the first appointment
 * starts. The follow-ups after the injection never expire: a late one still asks the right
 * questions.
 *
 * @param sendAt the local time of day each of them is due
 */
record ReminderPlan(LocalTime sendAt) {

  /** A message, when it is due, and from when it no longer goes (null: it goes however late). */
  record Due(MessageKind kind, Instant at, Instant expiresAt) {}

  /**
   * The NSAID pause (7 days before), and the reminders 3 days and 1 day before the first
   * appointment's local day D, each with its expiry: D-3, D-1 (at {@code sendAt}) and the first
   * appointment's start. Those whose time has passed when the booking is recorded are left out: a
   * late booking's confirmation already carries the preparation.
   */
  List<Due> beforeProcedure(Instant firstStart, ZoneId zone, Instant now) {
    LocalDate day = firstStart.atZone(zone).toLocalDate();
    Instant threeDaysBefore = at(day.minusDays(3), zone);
    Instant dayBefore = at(day.minusDays(1), zone);
    List<Due> due = new ArrayList<>();
    addIfAhead(
        due,
        new Due(
            MessageKind.NSAID_PAUSE_REMINDER,
            at(day.minusDays(MessageComposer.NSAID_PAUSE_DAYS), zone),
            threeDaysBefore),
        now);
    addIfAhead(
        due, new Due(MessageKind.APPOINTMENT_REMINDER_3_DAYS, threeDaysBefore, dayBefore), now);
    addIfAhead(due, new Due(MessageKind.APPOINTMENT_REMINDER_1_DAY, dayBefore, firstStart), now);
    return due;
  }

  /**
   * The follow-up series after a completed injection, each on its day after the injection's local
   * day. A stage whose time has passed (the completion was recorded late) is due at once rather
   * than lost.
   */
  List<Due> afterInjection(Instant injectionStart, ZoneId zone, Instant now) {
    LocalDate day = injectionStart.atZone(zone).toLocalDate();
    List<Due> due = new ArrayList<>();
    for (FollowUpStage stage : FollowUpStage.values()) {
      Instant at = at(day.plusDays(stage.daysAfterInjection()), zone);
      due.add(new Due(stage.kind(), at.isBefore(now) ? now : at, null));
    }
    return due;
  }

  private static void addIfAhead(List<Due> due, Due reminder, Instant now) {
    if (reminder.at().isAfter(now)) {
      due.add(reminder);
    }
  }

  private Instant at(LocalDate day, ZoneId zone) {
    return day.atTime(sendAt).atZone(zone).toInstant();
  }
}
