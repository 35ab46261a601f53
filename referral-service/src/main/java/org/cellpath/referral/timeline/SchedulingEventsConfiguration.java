package org.cellpath.referral.timeline;

import static org.cellpath.referral.timeline.FollowingSchedule.detail;

import java.util.List;
import java.util.function.Consumer;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentNoShow;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairConfirmed;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CaseReturnedToReferrer;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.messaging.EventHandlers;
import org.cellpath.messaging.InboundEvents;
import org.cellpath.referral.referral.Referral.ReportOutcome;
import org.cellpath.referral.referral.TimelineDetail;
import org.cellpath.referral.referral.TimelineDetail.Happening;
import org.cellpath.referral.referral.Transition;
import org.cellpath.referral.surveys.SurveyPlanning;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Scheduling's events, as the referral's status and the physician's timeline see them: each entry
 * keeps the appointments' time and place, and what happened (docs/api.md, the timeline's fields).
 */
@Configuration(proxyBeanMethods = false)
class SchedulingEventsConfiguration {

  @Bean
  Consumer<Message<byte[]>> schedulingEvents(
      InboundEvents inbound, FollowingSchedule timeline, SurveyPlanning surveys) {
    // Each handler runs in the inbox's transaction: the questionnaires' plan changes with the
    // timeline or not at all (docs/domain.md §9.2).
    return inbound.consumer(
        "referral-timeline",
        new EventHandlers()
            .on(
                AppointmentPairBooked.class,
                e -> {
                  // An older report arriving late, or one about a withdrawn or declined case, moves
                  // no questionnaire: the newest report the case follows sets the plan.
                  if (timeline.follow(
                          e.referralId(),
                          Transition.REPORT_BOOKED,
                          e.occurredAt(),
                          "Procedure booked",
                          detail(Happening.BOOKED, e.appointments()))
                      == ReportOutcome.FOLLOWED) {
                    surveys.booked(e.referralId(), e.appointments());
                  }
                })
            .on(
                AppointmentPairRescheduled.class,
                e -> {
                  // An older report arriving late, or one about a withdrawn or declined case, moves
                  // no questionnaire: the newest report the case follows sets the plan.
                  if (timeline.follow(
                          e.referralId(),
                          Transition.REPORT_MOVED,
                          e.occurredAt(),
                          "Procedure moved",
                          detail(Happening.MOVED, e.appointments()))
                      == ReportOutcome.FOLLOWED) {
                    surveys.booked(e.referralId(), e.appointments());
                  }
                })
            .on(
                AppointmentPairConfirmed.class,
                e ->
                    timeline.note(
                        e.referralId(),
                        e.occurredAt(),
                        "Patient confirmed attendance",
                        new TimelineDetail(Happening.CONFIRMED, e.confirmedBy().name(), List.of())))
            .on(
                AppointmentPairCancelled.class,
                e -> {
                  timeline.follow(
                      e.referralId(),
                      Transition.REPORT_CANCELLED,
                      e.occurredAt(),
                      "Procedure cancelled",
                      detail(Happening.CANCELLED, e.appointments()));
                  surveys.stop(e.referralId(), false);
                })
            .on(
                CaseWaitlisted.class,
                e ->
                    timeline.follow(
                        e.referralId(),
                        Transition.REPORT_WAITLISTED,
                        e.occurredAt(),
                        "Waiting for a fitting slot",
                        null))
            .on(
                AppointmentCompleted.class,
                e -> {
                  TimelineDetail done = detail(Happening.COMPLETED, List.of(e.appointment()));
                  if (FollowingSchedule.isInjection(e.appointment().kind())) {
                    timeline.follow(
                        e.referralId(),
                        Transition.REPORT_COMPLETED,
                        e.occurredAt(),
                        "Injection completed",
                        done);
                    surveys.injectionCompleted(e.referralId(), e.appointment());
                  } else {
                    // A harvest done changes no status (the injection ends the case), but the
                    // physician follows the day.
                    timeline.note(e.referralId(), e.occurredAt(), "Harvest completed", done);
                  }
                })
            .on(
                AppointmentNoShow.class,
                e -> {
                  timeline.follow(
                      e.referralId(),
                      Transition.REPORT_NO_SHOW,
                      e.occurredAt(),
                      "Patient did not attend",
                      detail(Happening.NO_SHOW, List.of(e.appointment())));
                  if (FollowingSchedule.isInjection(e.appointment().kind())) {
                    surveys.stop(e.referralId(), false);
                  }
                })
            .on(
                CaseReturnedToReferrer.class,
                e -> {
                  timeline.follow(
                      e.referralId(),
                      Transition.REPORT_RETURNED,
                      e.occurredAt(),
                      "Returned to you: " + inWords(e.returnCode()),
                      TimelineDetail.returned(e.returnCode().name()));
                  surveys.stop(e.referralId(), false);
                }));
  }

  /**
   * The reason as the physician's timeline (and the email telling them of the new status) words it
   * in English; the console words it in the physician's language from the code in the detail.
   */
  static String inWords(ReturnReason reason) {
    return switch (reason) {
      case PATIENT_UNREACHABLE -> "the clinic could not reach the patient";
      case PATIENT_DECLINED -> "the patient declined the procedure";
      case REPEATED_NO_SHOW -> "the patient missed appointments repeatedly";
      case NO_SUITABLE_SLOTS -> "no suitable appointment slots";
      case OTHER -> "another reason; the clinic will contact you";
    };
  }
}
