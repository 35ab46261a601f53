package org.cellpath.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cellpath.faults.ActionLog.Act;

/**
 * The domain's notification table (docs/notifications.md; docs/domain.md §5) applied to what the
 * tests did and to what scheduling told the world it booked: every message each case must have
 * caused, may have caused, or must not have caused, with when it was due. It knows nothing of the
 * product's ids beyond the referral ids the API gave the tests and the pairs the booking events
 * describe.
 */
final class Expectations {

  /**
   * How a message may reach the patient: by email, by SMS, or by either (a reminder goes by email
   * when SMS cannot).
   */
  enum Route {
    EMAIL,
    SMS,
    ANY
  }

  /**
   * A message group: one kind, to one recipient of one case, about one version of its pair (or
   * none).
   */
  record Key(String referralId, boolean physician, String kind, String version, Route route) {
    @Override
    public String toString() {
      return kind
          + (physician ? " to the physician" : "")
          + " by "
          + route
          + " for referral "
          + referralId
          + (version == null ? "" : " (pair " + version + ")");
    }
  }

  /**
   * How many distinct messages of a group must arrive ({@code required}) and may arrive ({@code
   * allowed}), and why. An SMS beside an email is never required on its own: whether it may go
   * depends on the number's daily and weekly limits, which the reconciliation checks per number
   * instead.
   */
  static final class Group {
    int required;
    int allowed;

    /** When the message was due (service time): its event, or its reminder time. */
    Instant moment;

    final List<String> why = new ArrayList<>();
  }

  /** A must-not: no SMS to this number after this moment (the patient replied STOP). */
  record Stop(String phone, Instant at) {}

  /**
   * Tolerance around a moment the tests cannot pin to the millisecond (an event processed while a
   * clock moved).
   */
  static final Duration FUZZ = Duration.ofSeconds(5);

  /**
   * How long after its due time a message must have arrived by the time the reconciliation runs.
   * The reconciliation runs once the system is at rest (nothing due left unsent, every consumer
   * caught up), so this only covers a message that fell due while the last look was taken.
   */
  static final Duration DELIVERY_SLACK = Duration.ofSeconds(15);

  /** referral-service's questionnaire rules (docs/outcomes.md) and its sweep's interval. */
  static final Duration SURVEY_REMINDER_AFTER = Duration.ofDays(3);

  static final Duration SURVEY_OPEN_FOR = Duration.ofDays(14);
  static final Duration SURVEY_SWEEP = Duration.ofSeconds(15);

  private final LocalTime reminderAt;

  /**
   * The first moment the services lived through at or after a due time (their clock may have jumped
   * over it).
   */
  private final java.util.function.UnaryOperator<Instant> sendableFrom;

  private final Map<Key, Group> groups = new LinkedHashMap<>();
  private final List<Stop> stops = new ArrayList<>();

  /**
   * SMS the patients should have got if the number's limits allowed, per number: their due moments.
   */
  private final Map<String, List<SmsDue>> smsDemand = new LinkedHashMap<>();

  /** An SMS a number should have got if its limits allowed: when, and which message. */
  record SmsDue(Instant at, Key key) {}

  Expectations(LocalTime reminderAt, java.util.function.UnaryOperator<Instant> sendableFrom) {
    this.reminderAt = reminderAt;
    this.sendableFrom = sendableFrom;
  }

  Map<Key, Group> groups() {
    return groups;
  }

  List<Stop> stops() {
    return stops;
  }

  Map<String, List<SmsDue>> smsDemand() {
    return smsDemand;
  }

  /**
   * Applies the notification table to one case.
   *
   * @param approvedOnTopic when referral-service announced its approval, if it did
   * @param now the services' "now" when the reconciliation runs
   */
  void derive(
      Cases.Case made,
      String referralId,
      List<ActionLog.Action> actions,
      Optional<Instant> approvedOnTopic,
      BookingTimeline timeline,
      Instant now) {
    Instant submitted =
        actions.stream()
            .filter(a -> a.act() == Act.SUBMITTED)
            .map(ActionLog.Action::serviceAt)
            .findFirst()
            .orElse(now);
    require(
        new Key(referralId, false, "REFERRAL_RECEIVED", null, Route.EMAIL),
        1,
        submitted,
        "submitted");

    Optional<ActionLog.Action> withdrawal = first(actions, Act.WITHDRAWN);
    Instant withdrawnAt =
        withdrawal.filter(ActionLog.Action::done).map(ActionLog.Action::serviceAt).orElse(null);
    boolean maybeWithdrawn =
        withdrawal.isPresent() && !withdrawal.get().done() && withdrawal.get().unknown();

    // The decision. An approval is announced to the patient and to the physician.
    if (approvedOnTopic.isPresent()) {
      require(
          new Key(referralId, false, "DECISION_APPROVED", null, Route.EMAIL),
          1,
          approvedOnTopic.get(),
          "approved");
      require(
          new Key(referralId, true, "PHYSICIAN_DECISION:APPROVED", null, Route.EMAIL),
          1,
          approvedOnTopic.get(),
          "approved");
    }
    // The baseline questionnaire (docs/outcomes.md): its link goes out with the approval, by email
    // and beside it by SMS, and once more 3 days later unless it closed or stopped first.
    if (approvedOnTopic.isPresent()) {
      Instant opened = approvedOnTopic.get();
      require(
          new Key(referralId, false, "OUTCOME_SURVEY", null, Route.EMAIL),
          1,
          opened,
          "approved: the baseline questionnaire");
      sms(made, new Key(referralId, false, "OUTCOME_SURVEY", null, Route.SMS), opened);
      surveyReminder(made, referralId, opened, timeline, withdrawnAt, maybeWithdrawn, now);
    }
    for (ActionLog.Action action : actions) {
      switch (action.act()) {
        case DECLINED ->
            expectIf(
                action,
                new Key(referralId, false, "DECISION_DECLINED", null, Route.EMAIL),
                new Key(referralId, true, "PHYSICIAN_DECISION:DECLINED", null, Route.EMAIL));
        case INFO_REQUESTED ->
            expectIf(
                action,
                new Key(referralId, true, "PHYSICIAN_DECISION:INFO_REQUESTED", null, Route.EMAIL));
        default -> {}
      }
    }

    // Scheduling's reports: the physician is told of each while the case follows scheduling (not
    // once withdrawn).
    for (BookingTimeline.Report report : timeline.reportsOf(referralId)) {
      String status =
          switch (report.type()) {
            case "AppointmentPairBooked" -> "SCHEDULED";
            case "AppointmentPairRescheduled" -> "RESCHEDULED";
            case "AppointmentPairCancelled" -> "CANCELLED";
            case "CaseWaitlisted" -> "WAITLISTED";
            case "AppointmentCompleted" ->
                "INJECTION".equals(report.appointmentKind()) ? "COMPLETED" : null;
            case "AppointmentNoShow" -> "NO_SHOW";
            default -> null;
          };
      if (status == null) {
        continue;
      }
      Key milestone = new Key(referralId, true, "PHYSICIAN_MILESTONE:" + status, null, Route.EMAIL);
      if (maybeWithdrawn) {
        allow(milestone, 1, report.at(), report.type() + " (withdrawal's answer lost)");
      } else if (withdrawnAt == null || report.at().isBefore(withdrawnAt.minus(FUZZ))) {
        require(milestone, 1, report.at(), report.type());
      } else if (report.at().isAfter(withdrawnAt.plus(FUZZ))) {
        forbid(milestone, report.at(), report.type() + " after the withdrawal");
      } else {
        allow(milestone, 1, report.at(), report.type() + " about when it was withdrawn");
      }
    }

    // The patient's messages about each version of the pair.
    for (BookingTimeline.Version version : timeline.versionsOf(referralId)) {
      String kind = version.sequence() == 0 ? "BOOKING_CONFIRMATION" : "BOOKING_RESCHEDULED";
      require(
          new Key(referralId, false, kind, version.key(), Route.EMAIL), 1, version.from(), kind);
      sms(made, new Key(referralId, false, kind, version.key(), Route.SMS), version.from());
      if (version.cancelled()) {
        require(
            new Key(referralId, false, "BOOKING_CANCELLED", version.key(), Route.EMAIL),
            1,
            version.until(),
            "cancelled");
        sms(
            made,
            new Key(referralId, false, "BOOKING_CANCELLED", version.key(), Route.SMS),
            version.until());
      }
      reminders(made, referralId, version, now);
    }

    // The follow-up series of a completed injection.
    for (BookingTimeline.Report report : timeline.reportsOf(referralId)) {
      if (!"AppointmentCompleted".equals(report.type())
          || !"INJECTION".equals(report.appointmentKind())) {
        continue;
      }
      Optional<BookingTimeline.Appointment> injection =
          timeline.versionsOf(referralId).stream()
              .flatMap(v -> v.appointments().stream())
              .filter(a -> a.id().equals(report.appointmentId()))
              .findFirst();
      if (injection.isEmpty()) {
        continue;
      }
      LocalDate day = injection.get().start().atZone(made.patient().zone()).toLocalDate();
      Map<String, Integer> stages =
          Map.of(
              "FOLLOW_UP_DAY_1",
              1,
              "FOLLOW_UP_WEEK_2",
              14,
              "FOLLOW_UP_WEEK_6",
              42,
              "FOLLOW_UP_WEEK_12",
              84,
              "FOLLOW_UP_WEEK_24",
              168);
      stages.forEach(
          (stage, days) -> {
            Instant planned =
                day.plusDays(days).atTime(reminderAt).atZone(made.patient().zone()).toInstant();
            Instant due = planned.isBefore(report.at()) ? report.at() : planned;
            byTime(new Key(referralId, false, stage, null, Route.EMAIL), due, now, stage);
          });
    }
  }

  /**
   * The baseline questionnaire's one reminder, 3 days after it opened, raised by referral-service's
   * sweep at its first pass from then on (the services' clock may have jumped over the moment).
   * None when the questionnaire had closed by then (14 days after opening, or at the first
   * appointment of the newest booking or move before then) or the case had been withdrawn; either
   * way when the sweep's pass falls about then.
   */
  private void surveyReminder(
      Cases.Case made,
      String referralId,
      Instant opened,
      BookingTimeline timeline,
      Instant withdrawnAt,
      boolean maybeWithdrawn,
      Instant now) {
    Key email = new Key(referralId, false, "OUTCOME_SURVEY_REMINDER", null, Route.EMAIL);
    Key text = new Key(referralId, false, "OUTCOME_SURVEY_REMINDER", null, Route.SMS);
    Instant due = opened.plus(SURVEY_REMINDER_AFTER);
    Instant pass = sendableFrom.apply(due);
    Instant latestPass = pass.plus(SURVEY_SWEEP).plus(FUZZ);
    if (pass.isAfter(now.plus(FUZZ))) {
      forbid(email, due, "questionnaire reminder not due yet");
      forbid(text, due, "questionnaire reminder not due yet");
      return;
    }
    Instant closes = opened.plus(SURVEY_OPEN_FOR);
    BookingTimeline.Version newest = null;
    boolean bookedAboutThen = false;
    for (BookingTimeline.Version version : timeline.versionsOf(referralId)) {
      if (version.from().isBefore(pass.minus(FUZZ))) {
        if (newest == null || version.from().isAfter(newest.from())) {
          newest = version;
        }
      } else if (version.from().isBefore(latestPass)) {
        bookedAboutThen = true;
      }
    }
    if (newest != null && newest.first().start().isBefore(closes)) {
      closes = newest.first().start();
    }
    if (!closes.isAfter(pass.minus(FUZZ))
        || withdrawnAt != null && withdrawnAt.isBefore(pass.minus(FUZZ))) {
      forbid(email, due, "questionnaire closed or case withdrawn before its reminder");
      forbid(text, due, "questionnaire closed or case withdrawn before its reminder");
      return;
    }
    if (closes.isBefore(latestPass)
        || bookedAboutThen
        || maybeWithdrawn
        || withdrawnAt != null && withdrawnAt.isBefore(latestPass)) {
      allow(email, 1, due, "questionnaire reminder about when it closed or the case changed");
      allow(text, 1, due, "questionnaire reminder about when it closed or the case changed");
      return;
    }
    byTime(email, pass.plus(SURVEY_SWEEP), now, "questionnaire reminder");
    sms(made, text, pass);
  }

  /**
   * The NSAID pause (7 days before), and the reminders 3 days and 1 day before, for one version of
   * the pair.
   */
  private void reminders(
      Cases.Case made, String referralId, BookingTimeline.Version version, Instant now) {
    ZoneId zone = made.patient().zone();
    LocalDate day = version.first().start().atZone(zone).toLocalDate();
    Map<String, Integer> before = new LinkedHashMap<>();
    before.put("NSAID_PAUSE_REMINDER", 7);
    before.put("APPOINTMENT_REMINDER_3_DAYS", 3);
    before.put("APPOINTMENT_REMINDER_1_DAY", 1);
    before.forEach(
        (kind, days) -> {
          Instant due = day.minusDays(days).atTime(reminderAt).atZone(zone).toInstant();
          if (!due.isAfter(version.from())) {
            // A late booking's confirmation carries the preparation: reminders already past are
            // left out.
            return;
          }
          Route route = "NSAID_PAUSE_REMINDER".equals(kind) ? Route.EMAIL : Route.ANY;
          Key key = new Key(referralId, false, kind, version.key(), route);
          Instant expires = expiry(kind, version, zone);
          Instant sendable = sendableFrom.apply(due);
          if (!sendable.isBefore(expires.minus(FUZZ))) {
            // The services' clock jumped past the moment it was meant for: it must never go.
            forbid(key, due, kind + " due only after it expired");
            return;
          }
          if (sendable.isAfter(expires.minus(DELIVERY_SLACK))) {
            allow(key, 1, due, kind + " due shortly before it expired");
            return;
          }
          if (version.until() != null && !version.until().isAfter(due.minus(FUZZ))) {
            // Moved or cancelled before it was due: a reminder for the old times must never go.
            forbid(key, due, kind + " for times replaced before it was due");
            return;
          }
          if (version.until() != null && version.until().isBefore(due.plus(FUZZ))) {
            allow(key, 1, due, kind + " due about when the times were replaced");
            return;
          }
          byTime(key, due, now, kind);
          if (route == Route.ANY && reachableBySms(made, due) && !stoppedLater(made, due)) {
            smsDemand
                .computeIfAbsent(made.patient().phone(), p -> new ArrayList<>())
                .add(new SmsDue(due, key));
          }
        });
  }

  /**
   * When a reminder stops being worth sending (notification-service closes it unsent after that):
   * the NSAID pause when the 3-day reminder is due, the 3-day reminder when the 1-day one is, the
   * 1-day reminder when the first appointment begins.
   */
  Instant expiry(String kind, BookingTimeline.Version version, ZoneId zone) {
    LocalDate day = version.first().start().atZone(zone).toLocalDate();
    return switch (kind) {
      case "NSAID_PAUSE_REMINDER" -> day.minusDays(3).atTime(reminderAt).atZone(zone).toInstant();
      case "APPOINTMENT_REMINDER_3_DAYS" ->
          day.minusDays(1).atTime(reminderAt).atZone(zone).toInstant();
      default -> version.first().start();
    };
  }

  /** Due before the slack: required; due after now: must not have gone yet; in between: either. */
  private void byTime(Key key, Instant due, Instant now, String why) {
    if (due.isBefore(now.minus(DELIVERY_SLACK))) {
      require(key, 1, due, why);
    } else if (due.isAfter(now.plus(FUZZ))) {
      forbid(key, due, why + " not due yet");
    } else {
      allow(key, 1, due, why + " due just now");
    }
  }

  /**
   * An SMS beside an email: allowed when the patient can get SMS; whether it must go is a matter of
   * the limits.
   */
  private void sms(Cases.Case made, Key key, Instant at) {
    if (reachableBySms(made, at)) {
      allow(key, 1, at, "SMS beside the email");
      if (!stoppedLater(made, at)) {
        smsDemand
            .computeIfAbsent(made.patient().phone(), p -> new ArrayList<>())
            .add(new SmsDue(at, key));
      }
    } else {
      forbid(key, at, "the patient cannot get SMS");
    }
  }

  private boolean reachableBySms(Cases.Case made, Instant at) {
    Cases.Patient patient = made.patient();
    return patient.smsConsent()
        && patient.phone() != null
        && stops.stream()
            .noneMatch(stop -> stop.phone().equals(patient.phone()) && !at.isBefore(stop.at()));
  }

  /**
   * Whether the number replied STOP after this moment: an SMS due before it may have waited
   * (window, provider outage, limits) and then been dropped by the STOP, as it must, so it is not
   * owed.
   */
  private boolean stoppedLater(Cases.Case made, Instant at) {
    return stops.stream()
        .anyMatch(stop -> stop.phone().equals(made.patient().phone()) && !stop.at().isBefore(at));
  }

  private void expectIf(ActionLog.Action action, Key... keys) {
    for (Key key : keys) {
      if (action.done()) {
        require(key, 1, action.serviceAt(), action.act().name());
      } else if (action.unknown()) {
        allow(key, 1, action.serviceAt(), action.act() + " (answer lost)");
      }
    }
  }

  void require(Key key, int count, Instant moment, String why) {
    Group group = groups.computeIfAbsent(key, k -> new Group());
    group.required += count;
    group.allowed += count;
    group.moment = group.moment == null ? moment : group.moment;
    group.why.add(why);
  }

  void allow(Key key, int count, Instant moment, String why) {
    Group group = groups.computeIfAbsent(key, k -> new Group());
    group.allowed += count;
    group.moment = group.moment == null ? moment : group.moment;
    group.why.add(why);
  }

  void forbid(Key key, Instant moment, String why) {
    Group group = groups.computeIfAbsent(key, k -> new Group());
    group.moment = group.moment == null ? moment : group.moment;
    group.why.add("must not: " + why);
  }

  void stopped(String phone, Instant at) {
    stops.add(new Stop(phone, at));
  }

  private static Optional<ActionLog.Action> first(List<ActionLog.Action> actions, Act act) {
    return actions.stream().filter(a -> a.act() == act).findFirst();
  }
}
