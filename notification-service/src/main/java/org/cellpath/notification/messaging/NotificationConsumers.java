package org.cellpath.notification.messaging;

import java.util.function.Consumer;
import org.cellpath.contracts.AppointmentCompleted;
import org.cellpath.contracts.AppointmentPairBooked;
import org.cellpath.contracts.AppointmentPairCancelled;
import org.cellpath.contracts.AppointmentPairRescheduled;
import org.cellpath.contracts.OutcomeReportReady;
import org.cellpath.contracts.OutcomeSurveyDue;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralInfoRequested;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.WaitlistOfferMade;
import org.cellpath.messaging.EventHandlers;
import org.cellpath.messaging.InboundEvents;
import org.cellpath.notification.messages.PatientMessages;
import org.cellpath.notification.messages.PhysicianMessages;
import org.cellpath.notification.sms.SmsReplies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumer bindings ({@code referralEvents-in-0}, {@code schedulingEvents-in-0}); topics,
 * groups, retries and dead-letter topics are in {@code application.yml}. Each event is handled once
 * (inbox); event types without a handler here are skipped.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConsumers {

  /**
   * A decision is told to the patient and to the physician in one transaction: both are queued, or
   * neither.
   */
  @Bean
  Consumer<Message<byte[]>> referralEvents(
      InboundEvents inbound,
      PatientMessages patientMessages,
      PhysicianMessages physicianMessages,
      SmsReplies smsReplies) {
    return inbound.consumer(
        "referral-events",
        new EventHandlers()
            .on(
                ReferralSubmitted.class,
                submitted -> {
                  patientMessages.referralReceived(submitted);
                  smsReplies.consentGivenWithReferral(submitted);
                })
            .on(
                ReferralApproved.class,
                approved -> {
                  patientMessages.decisionApproved(approved);
                  physicianMessages.decisionApproved(approved);
                })
            .on(
                ReferralDeclined.class,
                declined -> {
                  patientMessages.decisionDeclined(declined);
                  physicianMessages.decisionDeclined(declined);
                })
            .on(ReferralInfoRequested.class, physicianMessages::informationRequested)
            .on(ReferralStatusChanged.class, physicianMessages::milestone)
            .on(OutcomeSurveyDue.class, patientMessages::outcomeSurveyDue)
            .on(OutcomeReportReady.class, physicianMessages::reportReady));
  }

  @Bean
  Consumer<Message<byte[]>> schedulingEvents(
      InboundEvents inbound, PatientMessages patientMessages) {
    return inbound.consumer(
        "scheduling-events",
        new EventHandlers()
            .on(AppointmentPairBooked.class, patientMessages::bookingConfirmed)
            .on(AppointmentPairRescheduled.class, patientMessages::rescheduled)
            .on(AppointmentPairCancelled.class, patientMessages::cancelled)
            .on(AppointmentCompleted.class, patientMessages::appointmentCompleted)
            .on(WaitlistOfferMade.class, patientMessages::waitlistOffered));
  }
}
