package org.cellpath.referral.timeline;

import java.util.function.Consumer;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentNoShow;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.messaging.EventHandlers;
import org.cellpath.messaging.InboundEvents;
import org.cellpath.referral.referral.Transition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Scheduling's events, as the referral's status sees them. */
@Configuration(proxyBeanMethods = false)
class SchedulingEventsConfiguration {

  @Bean
  Consumer<Message<byte[]>> schedulingEvents(InboundEvents inbound, FollowingSchedule timeline) {
    return inbound.consumer(
        "referral-timeline",
        new EventHandlers()
            .on(
                AppointmentPairBooked.class,
                e ->
                    timeline.follow(
                        e.referralId(),
                        Transition.REPORT_BOOKED,
                        e.occurredAt(),
                        "Procedure booked"))
            .on(
                AppointmentPairRescheduled.class,
                e ->
                    timeline.follow(
                        e.referralId(), Transition.REPORT_MOVED, e.occurredAt(), "Procedure moved"))
            .on(
                AppointmentPairCancelled.class,
                e ->
                    timeline.follow(
                        e.referralId(),
                        Transition.REPORT_CANCELLED,
                        e.occurredAt(),
                        "Procedure cancelled"))
            .on(
                CaseWaitlisted.class,
                e ->
                    timeline.follow(
                        e.referralId(),
                        Transition.REPORT_WAITLISTED,
                        e.occurredAt(),
                        "Waiting for a fitting slot"))
            .on(
                AppointmentCompleted.class,
                e -> {
                  if (FollowingSchedule.isInjection(e.appointment().kind())) {
                    timeline.follow(
                        e.referralId(),
                        Transition.REPORT_COMPLETED,
                        e.occurredAt(),
                        "Injection completed");
                  }
                })
            .on(
                AppointmentNoShow.class,
                e ->
                    timeline.follow(
                        e.referralId(),
                        Transition.REPORT_NO_SHOW,
                        e.occurredAt(),
                        "Patient did not attend")));
  }
}
