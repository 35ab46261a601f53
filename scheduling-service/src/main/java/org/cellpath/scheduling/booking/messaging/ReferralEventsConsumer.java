package org.cellpath.scheduling.booking.messaging;

import java.util.function.Consumer;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.messaging.EventHandlers;
import org.cellpath.messaging.InboundEvents;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.scheduling.booking.BookingAppointmentPair;
import org.cellpath.scheduling.booking.CancellingAppointmentPair;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Consumes {@code referral-events} (binding {@code referralEvents-in-0}): an approval opens a case
 * and books it, a withdrawal cancels its pair. Idempotent through the inbox; other referral events
 * are skipped.
 */
@Configuration(proxyBeanMethods = false)
class ReferralEventsConsumer {

  /** The inbox name of this consumer; changing it would reprocess the topic's history. */
  static final String INBOX_NAME = "scheduling-referral-events";

  @Bean
  Consumer<Message<byte[]>> referralEvents(
      InboundEvents inbound, BookingAppointmentPair booking, CancellingAppointmentPair cancelling) {
    return inbound.consumer(
        INBOX_NAME,
        new EventHandlers()
            .on(ReferralApproved.class, approved -> booking.onApproval(plannable(approved)))
            .on(ReferralWithdrawn.class, cancelling::onWithdrawal));
  }

  /**
   * An approval scheduling can never plan goes to the dead-letter topic at once (ids only in the
   * reason).
   */
  static ReferralApproved plannable(ReferralApproved approved) {
    if (approved.cellSource() == null || approved.cellSource() == CellSource.NO_PREFERENCE) {
      throw new RejectedEventException(
          "Approval "
              + approved.eventId()
              + " for referral "
              + approved.referralId()
              + " names no cell source to plan ("
              + approved.cellSource()
              + ")");
    }
    if (approved.patient() == null) {
      throw new RejectedEventException(
          "Approval "
              + approved.eventId()
              + " for referral "
              + approved.referralId()
              + " carries no patient contact");
    }
    if (approved.occurredAt() == null) {
      throw new RejectedEventException(
          "Approval "
              + approved.eventId()
              + " for referral "
              + approved.referralId()
              + " has no occurredAt");
    }
    return approved;
  }
}
