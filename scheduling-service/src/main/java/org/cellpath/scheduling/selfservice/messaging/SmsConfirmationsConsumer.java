package org.cellpath.scheduling.selfservice.messaging;

import java.util.function.Consumer;
import org.cellpath.contracts.SmsConfirmationReceived;
import org.cellpath.messaging.EventHandlers;
import org.cellpath.messaging.InboundEvents;
import org.cellpath.scheduling.booking.ConfirmingAppointmentPair;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Consumes {@code notification-events} (binding {@code smsConfirmations-in-0}): a patient's YES by
 * SMS confirms their pair, as their link would. Idempotent through the inbox, and once per sequence
 * in the pair itself; other notification events are skipped.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfirmationsConsumer {

  /** The inbox name of this consumer; changing it would reprocess the topic's history. */
  static final String INBOX_NAME = "scheduling-notification-events";

  @Bean
  Consumer<Message<byte[]>> smsConfirmations(
      InboundEvents inbound, ConfirmingAppointmentPair confirming) {
    return inbound.consumer(
        INBOX_NAME, new EventHandlers().on(SmsConfirmationReceived.class, confirming::onSmsReply));
  }
}
